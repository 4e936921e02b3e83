// The Knowledge page: the owner's Q&A and policy entries, the shop policies, and the "try a question" probe.
import { create } from 'zustand';
import { call, type ApiInput, type ApiOutput } from '../api';

export type KnowledgeEntry = ApiOutput<'knowledge.list'>[number];
export type EntryInput = ApiInput<'knowledge.create'>;
export type ShopPolicies = ApiOutput<'knowledge.policies'>;

interface KnowledgeState {
  entries: KnowledgeEntry[];
  policies: ShopPolicies | null;
  loaded: boolean;
  load: () => Promise<void>;
  save: (id: number | null, entry: EntryInput) => Promise<void>;
  remove: (id: number) => Promise<void>;
  toggle: (entry: KnowledgeEntry) => Promise<void>;
  savePolicies: (p: ShopPolicies) => Promise<void>;
}

export const useKnowledgeStore = create<KnowledgeState>((set, get) => ({
  entries: [],
  policies: null,
  loaded: false,
  async load() {
    const [entries, policies] = await Promise.all([call('knowledge.list'), call('knowledge.policies')]);
    set({ entries, policies, loaded: true });
  },
  async save(id, entry) {
    if (id === null) await call('knowledge.create', entry);
    else await call('knowledge.update', { id, entry });
    set({ entries: await call('knowledge.list') });
  },
  async remove(id) {
    await call('knowledge.delete', { id });
    set({ entries: get().entries.filter((e) => e.id !== id) });
  },
  async toggle(e) {
    await get().save(e.id, { kind: e.kind, title: e.title, body: e.body, keywords: e.keywords, enabled: !e.enabled });
  },
  async savePolicies(p) {
    set({ policies: await call('knowledge.savePolicies', p) });
  },
}));
