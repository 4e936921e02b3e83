// The owner's quick replies, loaded once and edited in Settings.
import { create } from 'zustand';
import { call, type ApiOutput } from '../api';

export type QuickReply = ApiOutput<'quickReplies.list'>[number];

interface QuickRepliesState {
  items: QuickReply[];
  loaded: boolean;
  load: () => Promise<void>;
  save: (items: { id?: string; title: string; text: string }[]) => Promise<void>;
}

export const useQuickRepliesStore = create<QuickRepliesState>((set) => ({
  items: [],
  loaded: false,
  async load() {
    set({ items: await call('quickReplies.list'), loaded: true });
  },
  async save(items) {
    set({ items: await call('quickReplies.save', { items }) });
  },
}));
