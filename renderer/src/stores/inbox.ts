// The conversation list: filters, search, selection and live updates.
import { create } from 'zustand';
import { call, type ApiOutput } from '../api';
import { errorText } from '../i18n/errors';
import { FIRST_FILTER, PAGE, listParams, type ConversationSummary, type InboxFilter } from './inbox-query';

export type { ConversationSummary, InboxFilter, StateView } from './inbox-query';
type SearchHit = ApiOutput<'inbox.search'>['hits'][number];

interface InboxState {
  items: ConversationSummary[];
  next: { at: number; id: number } | null;
  loading: boolean;
  error: string | null;
  filter: InboxFilter;
  query: string;
  searchResults: ConversationSummary[] | null;
  hits: SearchHit[];
  selectedId: number | null;
  /** Conversations with unread messages across the whole inbox (not just the loaded page), for the nav badge. */
  unreadConversations: number;
  refreshUnread: () => void;
  load: () => Promise<void>;
  loadMore: () => Promise<void>;
  setFilter: (f: Partial<InboxFilter>) => Promise<void>;
  search: (q: string) => Promise<void>;
  select: (id: number | null) => void;
  upsert: (c: ConversationSummary) => void;
}

let searchSeq = 0;
// The first page is asked for at boot and again when the inbox mounts: one request serves both, and a page loaded a
// moment ago is still current (live events keep it so).
let lastLoad: { filter: string; done: Promise<void>; settledAt: number | null } | null = null;
const FRESH_MS = 1_000;
let unreadTimer: ReturnType<typeof setTimeout> | null = null;

function matchesFilter(c: ConversationSummary, f: InboxFilter): boolean {
  if (f.unread && c.unreadCount === 0) return false;
  if (f.channel && !c.channels.includes(f.channel)) return false;
  if (f.state === 'active' && c.state !== 'open' && c.state !== 'waiting') return false;
  if (f.state && f.state !== 'active' && c.state !== f.state) return false;
  if (f.label !== null && !c.labelIds.includes(f.label)) return false;
  return true;
}

/** Pinned first, then newest activity (the core lists pinned ones apart on the first page). */
function byActivity(a: ConversationSummary, b: ConversationSummary): number {
  return Number(b.pinned) - Number(a.pinned) || b.lastMessageAt - a.lastMessageAt || b.id - a.id;
}

export const useInboxStore = create<InboxState>((set, get) => ({
  items: [],
  next: null,
  loading: false,
  error: null,
  filter: FIRST_FILTER,
  query: '',
  searchResults: null,
  hits: [],
  selectedId: null,
  unreadConversations: 0,
  refreshUnread() {
    // Many events can arrive at once (a backfill); ask once they settle.
    if (unreadTimer) return;
    unreadTimer = setTimeout(() => {
      unreadTimer = null;
      void call('inbox.unreadCount')
        .then((r) => set({ unreadConversations: r.conversations }))
        .catch(() => {});
    }, 250);
  },
  load() {
    const { filter } = get();
    const key = JSON.stringify(filter);
    if (lastLoad?.filter === key && (lastLoad.settledAt === null || Date.now() - lastLoad.settledAt < FRESH_MS)) return lastLoad.done;
    // The same tab loaded again (not another tab or filter): what the owner has open stays in the list.
    const refresh = lastLoad?.filter === key;
    get().refreshUnread();
    set({ loading: true });
    const mine = {
      filter: key,
      settledAt: null as number | null,
      done: call('inbox.list', { ...listParams(filter), limit: PAGE }).then(
        (page) => {
          mine.settledAt = Date.now();
          // The open conversation stays when a reload of the same tab leaves it out (opened from Contacts or an order,
          // it may not match the tab): refreshing the list must never close what the owner is reading.
          const { selectedId, items: before } = get();
          const items = [...page.pinned, ...page.items];
          const open =
            refresh && selectedId !== null && !items.some((c) => c.id === selectedId) ? before.find((c) => c.id === selectedId) : undefined;
          set({ items: open ? [...items, open].sort(byActivity) : items, next: page.next, loading: false, error: null });
        },
        (err) => {
          // A failed page is never reused: the next call (a reconnect, the retry button) asks again.
          if (lastLoad === mine) lastLoad = null;
          set({ loading: false, error: errorText(err) });
        },
      ),
    };
    lastLoad = mine;
    return mine.done;
  },
  async loadMore() {
    const { next, filter, loading } = get();
    if (!next || loading) return;
    set({ loading: true });
    try {
      const page = await call('inbox.list', { ...listParams(filter), cursor: next, limit: PAGE });
      const seen = new Set(get().items.map((c) => c.id));
      set({ items: [...get().items, ...page.items.filter((c) => !seen.has(c.id))], next: page.next, loading: false });
    } catch (err) {
      set({ loading: false, error: errorText(err) });
    }
  },
  async setFilter(f) {
    set({ filter: { ...get().filter, ...f } });
    await get().load();
  },
  async search(q) {
    const seq = ++searchSeq;
    set({ query: q });
    if (!q.trim()) {
      set({ searchResults: null, hits: [] });
      return;
    }
    try {
      // First results at once (names, whole words); prefix matches in a big history follow in a second call.
      const r = await call('inbox.search', { query: q, limit: 50 });
      if (seq !== searchSeq) return;
      set({ searchResults: r.conversations, hits: r.hits, error: null });
      if (r.complete) return;
      const rest = await call('inbox.search', { query: q, limit: 50, all: true });
      if (seq === searchSeq) set({ searchResults: rest.conversations, hits: rest.hits });
    } catch (err) {
      if (seq === searchSeq) set({ error: errorText(err) });
    }
  },
  select(id) {
    set({ selectedId: id });
    if (id !== null) {
      const c = get().items.find((x) => x.id === id);
      if (c && c.unreadCount > 0) void call('inbox.markRead', { conversationId: id }).catch(() => {});
    }
  },
  /** A conversation changed (new message, read): move it to its place by activity, or drop it if the filter excludes it. */
  upsert(c) {
    const { items, filter, selectedId } = get();
    // The open conversation is being read right now: keep it read.
    if (c.id === selectedId && c.unreadCount > 0) {
      void call('inbox.markRead', { conversationId: c.id }).catch(() => {});
      c = { ...c, unreadCount: 0 };
    }
    const rest = items.filter((x) => x.id !== c.id);
    const list = matchesFilter(c, filter) || c.id === selectedId ? [...rest, c].sort(byActivity) : rest;
    set({ items: list });
    get().refreshUnread();
  },
}));
