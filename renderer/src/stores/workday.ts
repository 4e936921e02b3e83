// The owner's working day in the inbox: state counts for the tabs, labels, and the actions on one conversation
// (resolve, snooze, pin, mark unread, label) plus taking back or rewriting a queued reply.
import { create } from 'zustand';
import { call, type ApiOutput } from '../api';
import { errorText } from '../i18n/errors';
import { useInboxStore } from './inbox';

export type Label = ApiOutput<'labels.list'>[number];
export type StateCounts = ApiOutput<'conversations.counts'>;
export type SnoozePreset = 'hour' | 'tomorrow' | 'monday';

interface WorkdayState {
  labels: Label[];
  counts: StateCounts | null;
  error: string | null;
  /** Loads labels and counts (once at inbox start, again when something changed). */
  load: () => Promise<void>;
  refreshCounts: () => void;
  resolve: (conversationId: number) => Promise<void>;
  reopen: (conversationId: number) => Promise<void>;
  snooze: (conversationId: number, preset: SnoozePreset) => Promise<void>;
  pin: (conversationId: number, pinned: boolean) => Promise<void>;
  markUnread: (conversationId: number) => Promise<void>;
  setLabel: (conversationId: number, labelId: number, on: boolean) => Promise<void>;
  createLabel: (name: string, color: string) => Promise<Label | null>;
  removeLabel: (id: number) => Promise<void>;
  cancelQueued: (messageId: number) => Promise<void>;
  editQueued: (messageId: number, text: string) => Promise<boolean>;
}

let countsTimer: ReturnType<typeof setTimeout> | null = null;

/** After the open conversation leaves the current view (resolved, snoozed), the owner lands on the next one. */
function moveOnFrom(conversationId: number): void {
  const inbox = useInboxStore.getState();
  if (inbox.selectedId !== conversationId) return;
  const rows = inbox.searchResults ?? inbox.items;
  const i = rows.findIndex((c) => c.id === conversationId);
  const next = rows.slice(i + 1).find((c) => c.id !== conversationId) ?? rows.slice(0, Math.max(0, i)).at(-1);
  inbox.select(next?.id ?? null);
  // The list kept it only because it was open; now it goes like any row the current tab no longer matches.
  useInboxStore.setState({ items: useInboxStore.getState().items.filter((c) => c.id !== conversationId) });
}

export const useWorkdayStore = create<WorkdayState>((set, get) => {
  async function act(fn: () => Promise<unknown>): Promise<boolean> {
    try {
      await fn();
      set({ error: null });
      get().refreshCounts();
      return true;
    } catch (err) {
      set({ error: errorText(err) });
      return false;
    }
  }
  const leavesView = (state: 'resolved' | 'snoozed') => {
    const view = useInboxStore.getState().filter.state;
    return view !== null && view !== state;
  };
  return {
    labels: [],
    counts: null,
    error: null,
    async load() {
      try {
        const [labels, counts] = await Promise.all([call('labels.list'), call('conversations.counts')]);
        set({ labels, counts });
      } catch (err) {
        set({ error: errorText(err) });
      }
    },
    refreshCounts() {
      // A burst of events (a backfill) asks once it settles.
      if (countsTimer) return;
      countsTimer = setTimeout(() => {
        countsTimer = null;
        void call('conversations.counts')
          .then((counts) => set({ counts }))
          .catch(() => {});
      }, 250);
    },
    async resolve(id) {
      if (await act(() => call('conversations.setState', { conversationId: id, state: 'resolved' })))
        if (leavesView('resolved')) moveOnFrom(id);
    },
    async reopen(id) {
      await act(() => call('conversations.setState', { conversationId: id, state: 'open' }));
    },
    async snooze(id, preset) {
      if (await act(() => call('conversations.snooze', { conversationId: id, preset }))) if (leavesView('snoozed')) moveOnFrom(id);
    },
    async pin(id, pinned) {
      await act(() => call('conversations.pin', { conversationId: id, pinned }));
    },
    async markUnread(id) {
      // Leave the conversation so that being open does not mark it read again straight away.
      if (useInboxStore.getState().selectedId === id) useInboxStore.getState().select(null);
      await act(() => call('conversations.markUnread', { conversationId: id }));
    },
    async setLabel(id, labelId, on) {
      await act(() => call('conversations.setLabel', { conversationId: id, labelId, on }));
    },
    async createLabel(name, color) {
      let made: Label | null = null;
      await act(async () => {
        made = await call('labels.create', { name, color });
      });
      return made;
    },
    async removeLabel(id) {
      await act(() => call('labels.remove', { id }));
      if (useInboxStore.getState().filter.label === id) void useInboxStore.getState().setFilter({ label: null });
    },
    async cancelQueued(messageId) {
      await act(() => call('messages.cancelQueued', { messageId }));
    },
    async editQueued(messageId, text) {
      return act(() => call('messages.editQueued', { messageId, text }));
    },
  };
});
