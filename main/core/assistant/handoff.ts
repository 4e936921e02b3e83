// The owner's handoff summary starts with facts from the database — who the customer is, their open order, their
// last three messages word for word — before any line the model wrote, which is marked as such. Pure formatting.
import type { Message } from '../inbox/types';

export interface HandoffFacts {
  /** "Anna asks for a refund." */
  headline: string;
  /** This customer's orders as the orders domain states them, or null. */
  orders: string | null;
  /** The last messages of the conversation, oldest first. */
  last: Pick<Message, 'direction' | 'origin' | 'body'>[];
}

const WHO: Record<string, string> = {
  customer: 'Customer',
  owner: 'You',
  assistant: 'Lavka (Auto)',
  reminder: 'Reminder',
  order_status: 'Order update',
  system: 'Lavka',
};
/** Long enough to read a message whole in Needs you; a pasted essay is cut, visibly. */
const MAX_QUOTE = 400;

export function handoffFacts(f: HandoffFacts): string {
  const quote = (m: HandoffFacts['last'][number]) => {
    const body = m.body.replace(/\s+/g, ' ').trim();
    return `${WHO[m.origin] ?? m.origin}: “${body.length > MAX_QUOTE ? `${body.slice(0, MAX_QUOTE)}…` : body}”`;
  };
  return [
    f.headline,
    f.orders ? `Orders: ${f.orders.replace(/\n/g, '; ')}` : 'Orders: none open',
    'Last messages:',
    ...f.last.map(quote),
  ].join('\n');
}

/** The model's lines, after the facts, marked so the owner knows who wrote them. */
export function withModelSummary(facts: string, modelLines: string): string {
  return `${facts}\nAssistant's summary (written by the model, check it): ${modelLines.replace(/\n+/g, ' ')}`;
}
