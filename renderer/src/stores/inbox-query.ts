// What the inbox list asks the core for: the filter, its API parameters and the page size. Apart from the store
// (stores/inbox.ts) because first-calls.ts, which must stay tiny, sends the first page's request with it.
import type { ApiOutput } from '../api';

export type ConversationSummary = ApiOutput<'inbox.get'>;
export type StateView = 'active' | ConversationSummary['state'] | null;
export interface InboxFilter {
  unread: boolean;
  channel: string | null;
  /** Which state tab: 'active' (open + waiting) by default; null shows every state. */
  state: StateView;
  label: number | null;
}

export const listParams = (f: InboxFilter) => ({
  unread: f.unread || undefined,
  channel: f.channel ?? undefined,
  state: f.state ?? undefined,
  label: f.label ?? undefined,
});

/** The inbox opens on the active conversations, a page at a time. */
export const FIRST_FILTER: InboxFilter = { unread: false, channel: null, state: 'active', label: null };
export const PAGE = 50;
/** The first inbox page's request. */
export const firstPageInput = () => ({ ...listParams(FIRST_FILTER), limit: PAGE });
