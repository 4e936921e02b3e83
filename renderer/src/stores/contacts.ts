// The Contacts page: filter and sort, rows fetched page by page as the virtual list scrolls, selection, and the
// export/import/merge/erase actions with their jobs. The single-contact card lives in stores/contact.ts.
import { create } from 'zustand';
import { call, saveDownload, type ApiInput, type ApiOutput } from '../api';
import type { ImportPreview as CoreImportPreview } from '../../../main/core/contacts/import';
import { errorText } from '../i18n/errors';

export type ContactRow = ApiOutput<'contacts.list'>['items'][number];
export type Facets = ApiOutput<'contacts.facets'>;
export type JobState = ApiOutput<'contacts.job'>;
export type ContactFilter = { query: string; tag: string | null; channel: string | null; optedOut: boolean | null };
export type Sort = 'name' | 'lastContact' | 'spent';
export type ExportInput = ApiInput<'contacts.export'>;
export type ImportOptions = ApiInput<'contacts.importPreview'>;
/** The core's own preview type (types only): sample phones as they will be stored, issues with their details. */
export type ImportPreview = CoreImportPreview;
export type ImportResult = { created: number; merged: number; skipped: number; errors: number };
export type Duplicate = ApiOutput<'contacts.duplicates'>[number];
export type MergePreview = ApiOutput<'contacts.mergePreview'>;
export type ErasePreview = ApiOutput<'contacts.erasePreview'>;

export const PAGE = 100;
/** Upload pieces: well under the server's 2 MB JSON limit once base64-encoded. */
const CHUNK = 1024 * 1024;

interface ContactsState {
  filter: ContactFilter;
  sort: Sort;
  total: number;
  /** Loaded pages by page number; a missing page is fetched when its rows scroll into view. */
  pages: Record<number, ContactRow[]>;
  version: number;
  facets: Facets | null;
  error: string | null;
  selected: Record<number, true>;
  openId: number | null;
  jobs: Record<string, JobState>;
  loadFacets: () => Promise<void>;
  setFilter: (f: Partial<ContactFilter>) => void;
  setSort: (s: Sort) => void;
  ensure: (start: number, end: number) => void;
  reload: () => void;
  toggle: (id: number) => void;
  selectPage: (ids: number[], on: boolean) => void;
  clearSelection: () => void;
  open: (id: number | null) => void;
  applyJob: (j: JobState) => void;
  waitJob: (id: string) => Promise<JobState>;
  startExport: (input: ExportInput) => Promise<JobState>;
  cancelJob: (id: string) => Promise<void>;
  download: (result: { downloadId: string; fileName: string }) => Promise<boolean>;
  upload: (file: File, onProgress: (sent: number, total: number) => void) => Promise<string>;
  startImport: (kind: 'preview' | 'commit', input: ImportOptions & { skipErrors?: boolean }) => Promise<JobState>;
  discardUpload: (uploadId: string) => void;
  duplicates: () => Promise<Duplicate[]>;
  dismissDuplicate: (a: number, b: number) => Promise<void>;
  mergePreview: (survivorId: number, otherId: number) => Promise<MergePreview>;
  merge: (survivorId: number, otherId: number, name?: string) => Promise<void>;
  erasePreview: (contactId: number) => Promise<ErasePreview>;
  erase: (contactId: number, purgeBackups: boolean) => Promise<void>;
  exportData: (contactId: number, format: 'json' | 'csv') => Promise<boolean>;
  addIdentity: (input: ApiInput<'contacts.addIdentity'>) => Promise<void>;
  removeIdentity: (contactId: number, identityId: number) => Promise<void>;
  /** Opens the contact's conversation in the Inbox (creating it if the owner writes first). */
  conversationFor: (contactId: number) => Promise<ApiOutput<'inbox.forContact'>>;
  search: (query: string) => Promise<ContactRow[]>;
  /** Rows changed elsewhere (merge, erase, import, edits): refetch what is loaded, at most every 300 ms. */
  changed: () => void;
}

const loading = new Set<string>();
/** The pages the list last showed: a refresh refetches these and drops the rest (they reload on scroll). */
let visible: [number, number] = [0, 0];
let changeTimer: ReturnType<typeof setTimeout> | null = null;
const waiters = new Map<string, ((j: JobState) => void)[]>();

function apiFilter(f: ContactFilter) {
  return {
    query: f.query.trim() || undefined,
    tag: f.tag ?? undefined,
    channel: f.channel ?? undefined,
    optedOut: f.optedOut ?? undefined,
  };
}

async function toBase64(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

export const useContactsStore = create<ContactsState>((set, get) => ({
  filter: { query: '', tag: null, channel: null, optedOut: null },
  sort: 'name',
  total: 0,
  pages: {},
  version: 0,
  facets: null,
  error: null,
  selected: {},
  openId: null,
  jobs: {},

  async loadFacets() {
    try {
      set({ facets: await call('contacts.facets') });
    } catch (err) {
      set({ error: errorText(err) });
    }
  },

  setFilter(f) {
    set({ filter: { ...get().filter, ...f } });
    get().reload();
  },

  setSort(sort) {
    set({ sort });
    get().reload();
  },

  /** Drops loaded rows; the list asks again for what is on screen. Late answers for the old filter are ignored. */
  reload() {
    loading.clear();
    set({ pages: {}, version: get().version + 1 });
    get().ensure(0, PAGE - 1);
  },

  ensure(start, end) {
    const { pages, version, filter, sort } = get();
    visible = [Math.floor(Math.max(0, start) / PAGE), Math.floor(Math.max(0, end) / PAGE)];
    for (let p = Math.floor(Math.max(0, start) / PAGE); p <= Math.floor(Math.max(0, end) / PAGE); p++) {
      const key = `${version}:${p}`;
      if (pages[p] || loading.has(key)) continue;
      loading.add(key);
      call('contacts.list', { filter: apiFilter(filter), sort, offset: p * PAGE, limit: PAGE })
        .then((r) => {
          loading.delete(key);
          if (get().version !== version) return;
          set({ pages: { ...get().pages, [p]: r.items }, total: r.total, error: null });
        })
        .catch((err) => {
          loading.delete(key);
          set({ error: errorText(err) });
        });
    }
  },

  toggle(id) {
    const selected = { ...get().selected };
    if (selected[id]) delete selected[id];
    else selected[id] = true;
    set({ selected });
  },

  selectPage(ids, on) {
    const selected = { ...get().selected };
    for (const id of ids) {
      if (on) selected[id] = true;
      else delete selected[id];
    }
    set({ selected });
  },

  clearSelection() {
    set({ selected: {} });
  },

  open(openId) {
    set({ openId });
  },

  applyJob(j) {
    set({ jobs: { ...get().jobs, [j.id]: j } });
    if (j.state !== 'running') {
      for (const w of waiters.get(j.id) ?? []) w(j);
      waiters.delete(j.id);
    }
  },

  /** Resolves when a job finishes. Events usually tell us; a slow poll covers a dropped connection. */
  waitJob(id) {
    const known = get().jobs[id];
    if (known && known.state !== 'running') return Promise.resolve(known);
    return new Promise<JobState>((resolve) => {
      waiters.set(id, [...(waiters.get(id) ?? []), resolve]);
      const poll = () => {
        if (!waiters.has(id)) return;
        call('contacts.job', { jobId: id })
          .then((j) => get().applyJob(j))
          .catch(() => {})
          .finally(() => waiters.has(id) && setTimeout(poll, 1500));
      };
      setTimeout(poll, 1500);
    });
  },

  async startExport(input) {
    const job = await call('contacts.export', input);
    get().applyJob(job);
    return job;
  },

  async cancelJob(id) {
    get().applyJob(await call('contacts.jobCancel', { jobId: id }));
  },

  download(result) {
    return saveDownload(result.downloadId, result.fileName);
  },

  async upload(file, onProgress) {
    const { uploadId } = await call('contacts.importBegin', { fileName: file.name, size: file.size });
    for (let i = 0, n = 0; i < file.size || (i === 0 && n === 0); i += CHUNK, n++) {
      const data = await toBase64(file.slice(i, i + CHUNK));
      await call('contacts.importChunk', { uploadId, index: n, data });
      onProgress(Math.min(file.size, i + CHUNK), file.size);
      if (file.size === 0) break;
    }
    return uploadId;
  },

  async startImport(kind, input) {
    const job = kind === 'preview' ? await call('contacts.importPreview', input) : await call('contacts.importCommit', input);
    get().applyJob(job);
    return job;
  },

  discardUpload(uploadId) {
    void call('contacts.importDiscard', { uploadId }).catch(() => {});
  },

  duplicates() {
    return call('contacts.duplicates', { limit: 200 });
  },

  async dismissDuplicate(a, b) {
    await call('contacts.dismissDuplicate', { a, b });
  },

  mergePreview(survivorId, otherId) {
    return call('contacts.mergePreview', { survivorId, otherId });
  },

  async merge(survivorId, otherId, name) {
    await call('contacts.merge', { survivorId, otherId, name });
    const sel = { ...get().selected };
    delete sel[otherId];
    set({ selected: sel, openId: survivorId });
    get().changed();
    void get().loadFacets();
  },

  erasePreview(contactId) {
    return call('contacts.erasePreview', { contactId });
  },

  async erase(contactId, purgeBackups) {
    await call('contacts.erase', { contactId, purgeBackups });
    const sel = { ...get().selected };
    delete sel[contactId];
    set({ selected: sel, openId: get().openId === contactId ? null : get().openId });
    get().changed();
    void get().loadFacets();
  },

  async exportData(contactId, format) {
    const r = await call('contacts.exportData', { contactId, format });
    return saveDownload(r.downloadId, r.fileName);
  },

  async addIdentity(input) {
    await call('contacts.addIdentity', input);
    get().changed();
  },

  async removeIdentity(contactId, identityId) {
    await call('contacts.removeIdentity', { contactId, identityId });
    get().changed();
  },

  conversationFor(contactId) {
    return call('inbox.forContact', { contactId });
  },

  async search(query) {
    const r = await call('contacts.list', { filter: { query }, sort: 'name', offset: 0, limit: 20 });
    return r.items;
  },

  changed() {
    if (changeTimer) return;
    changeTimer = setTimeout(() => {
      changeTimer = null;
      const { pages, version, filter, sort } = get();
      const onScreen = Object.keys(pages)
        .map(Number)
        .filter((p) => p >= visible[0] && p <= visible[1]);
      const kept: Record<number, ContactRow[]> = {};
      for (const p of onScreen) kept[p] = pages[p];
      set({ pages: kept });
      // Refetch what is on screen in place (no flicker to empty rows), for the current filter only.
      for (const p of onScreen.length ? onScreen : [0]) {
        call('contacts.list', { filter: apiFilter(filter), sort, offset: p * PAGE, limit: PAGE })
          .then((r) => {
            if (get().version !== version) return;
            set({ pages: { ...get().pages, [p]: r.items }, total: r.total });
          })
          .catch(() => {});
      }
    }, 300);
  },
}));
