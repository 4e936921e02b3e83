// Message history of open conversations, paged from newest to older, kept in chronological order.
import { create } from 'zustand';
import { call, type ApiOutput } from '../api';
import { errorText } from '../i18n/errors';

export type Message = ApiOutput<'messages.list'>[number];
const PAGE = 50;

interface Thread {
  messages: Message[];
  hasOlder: boolean;
  loading: boolean;
}

interface ConversationState {
  threads: Record<number, Thread>;
  sendError: string | null;
  open: (conversationId: number) => Promise<void>;
  loadOlder: (conversationId: number) => Promise<void>;
  send: (conversationId: number, text: string, channel?: string, mediaId?: number) => Promise<boolean>;
  retry: (messageId: number) => Promise<void>;
  apply: (conversationId: number, message: Message) => void;
}

function merge(existing: Message[], incoming: Message[]): Message[] {
  const map = new Map(existing.map((m) => [m.id, m]));
  for (const m of incoming) map.set(m.id, m);
  return [...map.values()].sort((a, b) => a.id - b.id);
}

export const useConversationStore = create<ConversationState>((set, get) => ({
  threads: {},
  sendError: null,
  async open(conversationId) {
    const cur = get().threads[conversationId];
    set({
      threads: { ...get().threads, [conversationId]: { messages: cur?.messages ?? [], hasOlder: cur?.hasOlder ?? true, loading: true } },
    });
    const page = await call('messages.list', { conversationId, limit: PAGE });
    const messages = merge(get().threads[conversationId]?.messages ?? [], page);
    set({ threads: { ...get().threads, [conversationId]: { messages, hasOlder: page.length === PAGE, loading: false } } });
  },
  async loadOlder(conversationId) {
    const t = get().threads[conversationId];
    if (!t || !t.hasOlder || t.loading || t.messages.length === 0) return;
    set({ threads: { ...get().threads, [conversationId]: { ...t, loading: true } } });
    const page = await call('messages.list', { conversationId, beforeId: t.messages[0].id, limit: PAGE });
    const cur = get().threads[conversationId];
    set({
      threads: {
        ...get().threads,
        [conversationId]: { messages: merge(cur.messages, page), hasOlder: page.length === PAGE, loading: false },
      },
    });
  },
  async send(conversationId, text, channel, mediaId) {
    try {
      const m = await call('messages.send', { conversationId, text, channel, mediaId });
      // Live events may already have moved it past "queued"; only add it if they have not arrived yet.
      if (!get().threads[conversationId]?.messages.some((x) => x.id === m.id)) get().apply(conversationId, m);
      set({ sendError: null });
      return true;
    } catch (err) {
      set({ sendError: errorText(err) });
      return false;
    }
  },
  async retry(messageId) {
    await call('messages.retry', { messageId });
  },
  apply(conversationId, message) {
    const t = get().threads[conversationId];
    if (!t) return; // not open: it will be loaded fresh when opened
    set({ threads: { ...get().threads, [conversationId]: { ...t, messages: merge(t.messages, [message]) } } });
  },
}));
