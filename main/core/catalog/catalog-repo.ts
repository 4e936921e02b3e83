// SQL for products and their full-text index. JSON columns (options, synonyms) are parsed here, never in services.
import type { Db } from '../db/connection';
import { stmt } from '../db/statements';
import type { MatchRow } from './match-index';
import type { OptionGroup, Product, ProductData, ProductFilter } from './types';

interface ProductRow {
  id: number;
  sku: string;
  name: string;
  description: string;
  category: string;
  price_minor: number;
  unit: string;
  stock: number | null;
  available: number;
  options: string;
  synonyms: string;
  photo: string | null;
  archived: number;
  created_at: number;
  updated_at: number;
}

/**
 * Bumped on every write that changes what matching reads (names, synonyms, SKUs, categories, options, archiving):
 * the in-memory match index is rebuilt when it moves. Kept per connection, so every CatalogRepo on it agrees.
 */
const versions = new WeakMap<Db, { n: number }>();

export class CatalogRepo {
  private readonly changes: { n: number };

  constructor(private readonly db: Db) {
    let v = versions.get(db);
    if (!v) versions.set(db, (v = { n: 0 }));
    this.changes = v;
  }

  /**
   * Changes the match index depends on: this connection's writes through CatalogRepo, and commits by any other
   * connection to the file (SQLite's data_version). Stock changes do not count: matching never reads stock.
   */
  matchVersion(): string {
    const dv = stmt<[], { data_version: number }>(this.db, 'PRAGMA data_version').get()!.data_version;
    return `${this.changes.n}/${dv}`;
  }

  insert(p: ProductData & { sku: string; archived?: boolean }, now: number): number {
    this.changes.n++;
    const r = stmt(
      this.db,
      `INSERT INTO products(sku, name, description, category, price_minor, unit, stock, available, options, synonyms, photo, archived, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(...productValues(p), p.archived ? 1 : 0, now, now);
    return Number(r.lastInsertRowid);
  }

  update(id: number, p: ProductData & { sku: string }, now: number): void {
    this.changes.n++;
    stmt(
      this.db,
      `UPDATE products SET sku = ?, name = ?, description = ?, category = ?, price_minor = ?, unit = ?, stock = ?, available = ?,
         options = ?, synonyms = ?, photo = ?, updated_at = ? WHERE id = ?`,
    ).run(...productValues(p), now, id);
  }

  setArchived(id: number, archived: boolean, now: number): void {
    this.changes.n++;
    stmt(this.db, 'UPDATE products SET archived = ?, updated_at = ? WHERE id = ?').run(archived ? 1 : 0, now, id);
  }

  get(id: number): Product | undefined {
    const row = stmt<[number], ProductRow>(this.db, 'SELECT * FROM products WHERE id = ?').get(id);
    return row ? toProduct(row) : undefined;
  }

  bySku(sku: string): Product | undefined {
    const row = stmt<[string], ProductRow>(this.db, 'SELECT * FROM products WHERE lower(sku) = lower(?)').get(sku);
    return row ? toProduct(row) : undefined;
  }

  /** Every non-archived product: the set order matching works on (a shop's catalog is hundreds, not millions). */
  active(): Product[] {
    return stmt<[], ProductRow>(this.db, 'SELECT * FROM products WHERE archived = 0 ORDER BY id').all().map(toProduct);
  }

  /** What the match index is built from: the active products' names and options, without photos or stock. */
  matchRows(): MatchRow[] {
    return stmt<[], Pick<ProductRow, 'id' | 'sku' | 'name' | 'synonyms' | 'category' | 'options'>>(
      this.db,
      'SELECT id, sku, name, synonyms, category, options FROM products WHERE archived = 0 ORDER BY id',
    )
      .all()
      .map((r) => ({
        id: r.id,
        sku: r.sku,
        name: r.name,
        category: r.category,
        synonyms: parseJson<string[]>(r.synonyms, []),
        options: parseJson<OptionGroup[]>(r.options, []),
      }));
  }

  /** The active products among `ids`, fresh from the database (prices, stock), in id order. */
  activeByIds(ids: readonly number[]): Product[] {
    if (!ids.length) return [];
    return stmt<[string], ProductRow>(
      this.db,
      'SELECT * FROM products WHERE archived = 0 AND id IN (SELECT value FROM json_each(?)) ORDER BY id',
    )
      .all(JSON.stringify(ids))
      .map(toProduct);
  }

  all(): Product[] {
    return stmt<[], ProductRow>(this.db, 'SELECT * FROM products ORDER BY category, name, id').all().map(toProduct);
  }

  list(f: ProductFilter, limit: number): Product[] {
    const where: string[] = [];
    const args: unknown[] = [];
    if (!f.includeArchived) where.push('p.archived = 0');
    if (f.category) {
      where.push('p.category = ?');
      args.push(f.category);
    }
    const q = ftsQuery(f.query ?? '');
    let sql: string;
    if (q) {
      sql = `SELECT p.* FROM products_fts JOIN products p ON p.id = products_fts.rowid
             WHERE products_fts MATCH ? ${where.length ? 'AND ' + where.join(' AND ') : ''}
             ORDER BY bm25(products_fts, 10.0, 6.0, 1.0, 4.0), p.name LIMIT ?`;
      args.unshift(q);
    } else {
      sql = `SELECT p.* FROM products p ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY p.archived, p.category, p.name, p.id LIMIT ?`;
    }
    args.push(limit);
    return stmt<unknown[], ProductRow>(this.db, sql)
      .all(...args)
      .map(toProduct);
  }

  categories(): string[] {
    return stmt<[], { category: string }>(
      this.db,
      "SELECT DISTINCT category FROM products WHERE archived = 0 AND category <> '' ORDER BY category",
    )
      .all()
      .map((r) => r.category);
  }

  count(): number {
    return stmt<[], { n: number }>(this.db, 'SELECT count(*) AS n FROM products').get()!.n;
  }

  /** Takes `qty` from a counted stock; false (and nothing changed) when there is not enough. */
  takeStock(id: number, qty: number, now: number): boolean {
    const r = stmt(this.db, 'UPDATE products SET stock = stock - ?, updated_at = ? WHERE id = ? AND stock IS NOT NULL AND stock >= ?').run(
      qty,
      now,
      id,
      qty,
    );
    if (r.changes === 1) return true;
    // Uncounted stock is always enough.
    return stmt(this.db, 'SELECT 1 FROM products WHERE id = ? AND stock IS NULL').get(id) !== undefined;
  }

  returnStock(id: number, qty: number, now: number): void {
    stmt(this.db, 'UPDATE products SET stock = stock + ?, updated_at = ? WHERE id = ? AND stock IS NOT NULL').run(qty, now, id);
  }
}

/** Turns what the owner types into a safe FTS5 prefix query: every word must match the start of a word. */
export function ftsQuery(text: string): string {
  const words = text
    .normalize('NFC')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, 8);
  return words.map((w) => `"${w.replace(/"/g, '')}"*`).join(' ');
}

function toProduct(r: ProductRow): Product {
  return {
    id: r.id,
    sku: r.sku,
    name: r.name,
    description: r.description,
    category: r.category,
    priceMinor: r.price_minor,
    unit: r.unit,
    stock: r.stock,
    available: r.available === 1,
    options: parseJson<OptionGroup[]>(r.options, []),
    synonyms: parseJson<string[]>(r.synonyms, []),
    photo: r.photo,
    archived: r.archived === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function parseJson<T>(text: string, fallback: T): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

/** The editable product columns, in the order both INSERT and UPDATE list them (sku … photo). */
function productValues(p: ProductData & { sku: string }): (string | number | null)[] {
  return [
    p.sku,
    p.name,
    p.description,
    p.category,
    p.priceMinor,
    p.unit,
    p.stock,
    p.available ? 1 : 0,
    JSON.stringify(p.options),
    JSON.stringify(p.synonyms),
    p.photo,
  ];
}
