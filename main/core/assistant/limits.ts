// How much of one customer message the assistant reads. Customer text is untrusted and unbounded (a pasted blob, a
// 100 KB "word"); several checks scan it with regular expressions whose cost grows with the square of a word's
// length, so everything past this limit is cut before any of them runs. The prompt has a token budget anyway.
export const MAX_CUSTOMER_TEXT_CHARS = 4000;

export function clipCustomerText(text: string): string {
  return text.length > MAX_CUSTOMER_TEXT_CHARS ? text.slice(0, MAX_CUSTOMER_TEXT_CHARS) : text;
}
