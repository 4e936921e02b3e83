// What the reports repository hands to figures.ts: waiting spells and customers as columns (a module of its own so
// that the two import it, not each other).
/**
 * Waiting spells, one index per spell, as columns (tens of thousands of objects cost more to make and to collect
 * than the figures cost to compute). A waiting spell: the customer wrote (one message or several in a row) and
 * waited for the shop. It ends with the first reply by the owner or the assistant (reminders, order notices and
 * system notes are not replies).
 */
export interface Spells {
  length: number;
  conversationId: Float64Array;
  startAt: Float64Array;
  /** Index into `channels`: the channel of the spell's first message. */
  channel: Int32Array;
  channels: string[];
  /** The first reply; NaN while the customer waits. */
  replyAt: Float64Array;
  /** Who replied: REPLIED_BY_OWNER, REPLIED_BY_ASSISTANT, or 0. */
  replier: Uint8Array;
  /** CONTINUES, WROTE_AGAIN_WITHIN_7D, WROTE_AGAIN_LATER: see below. */
  flags: Uint8Array;
}

export const REPLIED_BY_OWNER = 1;
export const REPLIED_BY_ASSISTANT = 2;
/** The shop had answered the spell before this one at most 7 days earlier: this spell continues that matter. */
export const CONTINUES = 1;
/** The customer wrote again after this spell's reply, later than 7 days after it. */
export const WROTE_AGAIN_LATER = 2;
/** The customer wrote again within 7 days of this spell's reply. */
export const WROTE_AGAIN_WITHIN_7D = 4;

/** Waiting spells of a range as columns: who started waiting, when, and on which channel. */
export interface SpellStarts {
  conversationId: number[];
  startAt: number[];
  /** Index into `channels`. */
  channel: Int32Array;
  channels: string[];
}

/** Conversations by id: when they began, and the customer's language ('' when not known). */
export type Customers = Map<number, { createdAt: number; language: string }>;
