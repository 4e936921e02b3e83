// Unsent drafts per conversation, so switching conversations never loses what the owner typed.
// The assistant writes its suggestions here too.
import { create } from 'zustand';

interface ComposerState {
  drafts: Record<number, string>;
  setDraft: (conversationId: number, text: string) => void;
}

export const useComposerStore = create<ComposerState>((set, get) => ({
  drafts: {},
  setDraft(conversationId, text) {
    set({ drafts: { ...get().drafts, [conversationId]: text } });
  },
}));
