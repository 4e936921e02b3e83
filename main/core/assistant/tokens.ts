// A tokenizer-free estimate of prompt size, for budgeting before a call. Ollama's prompt_eval_count is the truth and
// is recorded after each call; this estimate is tuned to err on the high side for BPE tokenizers like Qwen's.

/** Estimated tokens of a text: ~4 Latin letters per token, ~2.5 Cyrillic, ~2 other scripts, 1 per digit and symbol. */
export function estimateTokens(text: string): number {
  let latin = 0;
  let cyr = 0;
  let other = 0;
  let digits = 0;
  let symbols = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c === 32 || c === 10 || c === 9) continue;
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) latin++;
    else if (c >= 48 && c <= 57) digits++;
    else if (c >= 0x400 && c <= 0x4ff) cyr++;
    else if (/\p{L}/u.test(ch)) other++;
    else symbols++;
  }
  return Math.ceil(latin / 4 + cyr / 2.5 + other / 2 + digits + symbols * 0.8);
}

/** Chat-template overhead per message (role markers, separators). */
export const TOKENS_PER_MESSAGE = 5;

/** Cuts text to about `maxTokens`, on a word boundary, with an ellipsis. */
export function truncateToTokens(text: string, maxTokens: number): string {
  if (estimateTokens(text) <= maxTokens) return text;
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (estimateTokens(text.slice(0, mid)) <= maxTokens - 1) lo = mid;
    else hi = mid - 1;
  }
  const cut = text.slice(0, lo);
  const space = cut.lastIndexOf(' ');
  return `${(space > lo * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
