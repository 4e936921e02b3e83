// Approved translations of the owner's answers (Knowledge page): list, edit, remove.
import { create } from 'zustand';
import { call, type ApiOutput } from '../api';

export type ApprovedTranslation = ApiOutput<'knowledge.translations'>[number];

interface TranslationsState {
  items: ApprovedTranslation[];
  loaded: boolean;
  load: () => Promise<void>;
  save: (key: string, lang: string, text: string) => Promise<void>;
  remove: (key: string, lang: string) => Promise<void>;
}

export const useTranslationsStore = create<TranslationsState>((set, get) => ({
  items: [],
  loaded: false,
  async load() {
    set({ items: await call('knowledge.translations'), loaded: true });
  },
  async save(key, lang, text) {
    await call('knowledge.saveTranslation', { key, lang, text });
    await get().load();
  },
  async remove(key, lang) {
    await call('knowledge.deleteTranslation', { key, lang });
    set({ items: get().items.filter((t) => !(t.key === key && t.lang === lang)) });
  },
}));
