// The catalog: the product list with search and the archived toggle, saving products, CSV import and export.
import { create } from 'zustand';
import { call, type ApiInput, type ApiOutput } from '../api';
import { errorText } from '../i18n/errors';

export type Product = ApiOutput<'catalog.get'>;
export type ProductInput = ApiInput<'catalog.create'>;
export type ImportPreview = ApiOutput<'catalog.importPreview'>;
export type CsvMapping = NonNullable<ApiInput<'catalog.importPreview'>['mapping']>;

interface CatalogState {
  items: Product[];
  loaded: boolean;
  query: string;
  includeArchived: boolean;
  categories: string[];
  error: string | null;
  load: () => Promise<void>;
  setQuery: (q: string) => Promise<void>;
  setIncludeArchived: (v: boolean) => Promise<void>;
  /** Creates (id null) or updates a product; throws with the core's message on a bad product. */
  save: (id: number | null, input: ProductInput) => Promise<Product>;
  archive: (id: number, archived: boolean) => Promise<void>;
  exportCsv: () => Promise<void>;
}

let seq = 0;

export const useCatalogStore = create<CatalogState>((set, get) => ({
  items: [],
  loaded: false,
  query: '',
  includeArchived: false,
  categories: [],
  error: null,
  async load() {
    const mine = ++seq;
    const { query, includeArchived } = get();
    try {
      const [items, categories] = await Promise.all([
        call('catalog.list', { query: query.trim() || undefined, includeArchived, limit: 2000 }),
        call('catalog.categories'),
      ]);
      if (mine === seq) set({ items, categories, loaded: true, error: null });
    } catch (err) {
      if (mine === seq) set({ error: errorText(err), loaded: true });
    }
  },
  async setQuery(query) {
    set({ query });
    await get().load();
  },
  async setIncludeArchived(includeArchived) {
    set({ includeArchived });
    await get().load();
  },
  async save(id, input) {
    const p = id === null ? await call('catalog.create', input) : await call('catalog.update', { productId: id, product: input });
    await get().load();
    return p;
  },
  async archive(id, archived) {
    try {
      await call('catalog.archive', { productId: id, archived });
      await get().load();
    } catch (err) {
      set({ error: errorText(err) });
    }
  },
  async exportCsv() {
    try {
      const { csv, fileName } = await call('catalog.exportCsv');
      downloadText(csv, fileName, 'text/csv;charset=utf-8');
    } catch (err) {
      set({ error: errorText(err) });
    }
  },
}));

/** Saves text as a file through the browser's download (Electron shows its save dialog). */
export function downloadText(text: string, fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
