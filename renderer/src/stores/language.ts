// Customer languages: which language each contact is written to in (and why), and the owner's wording of customer
// texts per language for Settings → Customer messages.
import { create } from 'zustand';
import { call, type ApiOutput } from '../api';
import type { CustomerLanguage } from '../../../main/shared/languages';

export type ContactLanguage = ApiOutput<'language.ofContact'>;
export type CustomerTextEntry = ApiOutput<'language.texts'>[number];

interface LanguageState {
  byContact: Record<number, ContactLanguage>;
  texts: Partial<Record<CustomerLanguage, CustomerTextEntry[]>>;
  error: string | null;
  loadContact: (contactId: number) => Promise<void>;
  loadTexts: (language: CustomerLanguage) => Promise<void>;
  /** Saves the owner's text (empty: back to Lavka's). Returns the error message, or null. */
  setText: (language: CustomerLanguage, key: string, text: string) => Promise<string | null>;
}

export const useLanguageStore = create<LanguageState>((set, get) => ({
  byContact: {},
  texts: {},
  error: null,
  async loadContact(contactId) {
    try {
      const l = await call('language.ofContact', { contactId });
      set({ byContact: { ...get().byContact, [contactId]: l }, error: null });
    } catch (err) {
      set({ error: (err as Error).message });
    }
  },
  async loadTexts(language) {
    try {
      const list = await call('language.texts', { language });
      set({ texts: { ...get().texts, [language]: list }, error: null });
    } catch (err) {
      set({ error: (err as Error).message });
    }
  },
  async setText(language, key, text) {
    try {
      const entry = await call('language.setText', { language, key, text });
      const list = (get().texts[language] ?? []).map((e) => (e.key === key ? entry : e));
      set({ texts: { ...get().texts, [language]: list } });
      return null;
    } catch (err) {
      return (err as Error).message;
    }
  },
}));
