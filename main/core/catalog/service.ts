// The catalog: products the shop sells, with the rules that keep it consistent (unique SKUs, no negative prices,
// archive instead of delete so past orders keep their product). Orders read prices and stock only from here.
import type { Clock } from '../clock';
import type { Db } from '../db/connection';
import { AppError, notFound } from '../errors';
import type { EventBus } from '../events';
import type { CatalogRepo } from './catalog-repo';
import { MatchIndex } from './match-index';
import type { Product, ProductFilter, ProductInput } from './types';
import { validate } from './validate';
import { planImport, type CsvMapping, type ImportPreview, exportCsv } from './csv';

export class CatalogService {
  private cachedIndex: { version: string; index: MatchIndex } | null = null;

  constructor(
    private readonly db: Db,
    readonly repo: CatalogRepo,
    private readonly events: EventBus,
    private readonly clock: Clock,
    /** The business currency (settings.business.currency): prices in CSV files are read in it. */
    private readonly currency: () => string,
  ) {}

  list(filter: ProductFilter = {}, limit = 500): Product[] {
    return this.repo.list(filter, limit);
  }

  get(id: number): Product {
    const p = this.repo.get(id);
    if (!p) throw notFound('Product', id);
    return p;
  }

  categories(): string[] {
    return this.repo.categories();
  }

  /**
   * The active catalog's names, indexed for matching what customers write. Built once and reused until the
   * catalog changes (an edit, an import, archiving), so a customer message costs a few look-ups, not a scan.
   */
  matchIndex(): MatchIndex {
    const version = this.repo.matchVersion();
    if (this.cachedIndex?.version === version) return this.cachedIndex.index;
    const index = new MatchIndex(this.repo.matchRows());
    // Rows read inside a transaction may still roll back: use them now, keep nothing.
    if (!this.db.inTransaction) this.cachedIndex = { version, index };
    return index;
  }

  /**
   * The products, fresh from the database, that order matching needs for these item names: every product a name
   * could match at all (so matching them gives the same answer as matching the whole catalog), plus `ids`.
   */
  forMatching(names: readonly string[], ids: readonly number[] = []): Product[] {
    const index = this.matchIndex();
    const wanted = new Set(ids);
    for (const n of names) for (const id of index.candidateIds(n)) wanted.add(id);
    return this.repo.activeByIds([...wanted]);
  }

  create(input: ProductInput): Product {
    const data = validate(input);
    const id = this.db
      .transaction(() => {
        const sku = data.sku || this.nextSku();
        this.assertSkuFree(sku);
        return this.repo.insert({ ...data, sku }, this.clock.now());
      })
      .immediate();
    this.events.emit('catalog.updated', { productId: id });
    return this.get(id);
  }

  update(id: number, input: ProductInput): Product {
    const data = validate(input);
    this.db
      .transaction(() => {
        const cur = this.repo.get(id);
        if (!cur) throw notFound('Product', id);
        const sku = data.sku || cur.sku;
        this.assertSkuFree(sku, id);
        this.repo.update(id, { ...data, sku }, this.clock.now());
      })
      .immediate();
    this.events.emit('catalog.updated', { productId: id });
    return this.get(id);
  }

  /** Archived products disappear from the catalog and from order matching; past orders still show them. */
  setArchived(id: number, archived: boolean): Product {
    if (!this.repo.get(id)) throw notFound('Product', id);
    this.repo.setArchived(id, archived, this.clock.now());
    this.events.emit('catalog.updated', { productId: id });
    return this.get(id);
  }

  /** Reads a CSV file and reports what an import would do, with every bad row. Writes nothing. */
  previewImport(text: string, mapping?: CsvMapping): ImportPreview {
    return planImport(this, text, this.currency(), mapping).preview;
  }

  /**
   * Imports a CSV file in one transaction: every row is checked again first, and a single bad row means
   * nothing is saved (the error lists each bad row by its line in the file).
   */
  commitImport(text: string, mapping?: CsvMapping): { created: number; updated: number } {
    const result = this.db
      .transaction(() => {
        const { preview, plan } = planImport(this, text, this.currency(), mapping);
        if (preview.errors.length) {
          const n = new Set(preview.errors.map((e) => e.row)).size;
          throw new AppError(
            'invalid_input',
            `${n} row${n === 1 ? ' has' : 's have'} errors; nothing was imported. Fix them and try again.`,
            {
              errors: preview.errors,
            },
            { reason: 'rows_have_errors', params: { count: n } },
          );
        }
        const now = this.clock.now();
        for (const p of plan) {
          if (p.action === 'update' && p.productId !== undefined) {
            this.repo.update(p.productId, p.data, now);
            if (p.archived !== undefined) this.repo.setArchived(p.productId, p.archived, now);
          } else {
            this.repo.insert({ ...p.data, archived: p.archived ?? false }, now);
          }
        }
        return { created: preview.newCount, updated: preview.updateCount };
      })
      .immediate();
    this.events.emit('catalog.updated', {});
    return result;
  }

  exportCsv(): string {
    return exportCsv(this.repo.all(), this.currency());
  }

  /** Throws a clear conflict when another product already uses the SKU (SKUs compare without letter case). */
  assertSkuFree(sku: string, exceptId?: number): void {
    const other = this.repo.bySku(sku);
    if (other && other.id !== exceptId) {
      throw new AppError(
        'conflict',
        `SKU "${sku}" is already used by "${other.name}"`,
        { productId: other.id },
        { reason: 'sku_taken', params: { sku, product: other.name } },
      );
    }
  }

  /** P-0001, P-0002…: the first free one, for products added without a SKU. */
  nextSku(taken: ReadonlySet<string> = new Set()): string {
    for (let n = this.repo.count() + 1; ; n++) {
      const sku = `P-${String(n).padStart(4, '0')}`;
      if (!taken.has(sku.toLowerCase()) && !this.repo.bySku(sku)) return sku;
    }
  }
}
