// The contact shown beside the open conversation.
import { create } from 'zustand';
import { call, type ApiInput, type ApiOutput } from '../api';
import { errorText } from '../i18n/errors';

export type Contact = ApiOutput<'contacts.get'>;

interface ContactState {
  byId: Record<number, Contact>;
  error: string | null;
  load: (contactId: number) => Promise<void>;
  update: (patch: ApiInput<'contacts.update'>) => Promise<boolean>;
}

export const useContactStore = create<ContactState>((set, get) => ({
  byId: {},
  error: null,
  async load(contactId) {
    try {
      const c = await call('contacts.get', { contactId });
      set({ byId: { ...get().byId, [contactId]: c }, error: null });
    } catch (err) {
      set({ error: errorText(err) });
    }
  },
  async update(patch) {
    try {
      const c = await call('contacts.update', patch);
      set({ byId: { ...get().byId, [c.id]: c }, error: null });
      return true;
    } catch (err) {
      set({ error: errorText(err) });
      return false;
    }
  },
}));
