// Optional data other domains add beside contacts (orders, opt-out, reminders), found once from the schema at start.
// Contacts must work with or without those features, so nothing here assumes a table exists.
import type { Db } from '../db/connection';
import { currencyDigits } from '../../shared/money';

/** A table that points at contacts or conversations through a foreign key (orders, reminders, consent…). */
export interface LinkedTable {
  table: string;
  column: string;
  /** What the foreign key does when the parent row is deleted: CASCADE, SET NULL, NO ACTION… */
  onDelete: string;
  notNull: boolean;
  parent: 'contacts' | 'conversations';
}

export interface OrderFacts {
  table: string;
  /** SQL expression over alias `o` giving the order total in major units (e.g. euros). */
  totalExpr: string;
  /** SQL condition over alias `o` excluding orders that do not count (cancelled, drafts). */
  countsExpr: string;
}

export interface OptOutFacts {
  /** SQL expression over the contact alias `c` that is 1 when the contact opted out. */
  expr: string;
}

export interface ContactExtensions {
  orders: OrderFacts | null;
  optOut: OptOutFacts | null;
  /** Tables beyond the spine's own that reference contacts/conversations; merge and erase handle them. */
  linked: LinkedTable[];
}

/** Spine tables that contacts code handles explicitly. */
const OWN_TABLES = new Set(['identities', 'contact_tags', 'conversations', 'messages', 'outbox', 'contact_merge_dismissed']);

function tables(db: Db): string[] {
  return db
    .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    .all()
    .map((r) => r.name);
}

function columns(db: Db, table: string): { name: string; notnull: number; type: string }[] {
  return db
    .prepare<[], { name: string; notnull: number; type: string }>(
      `SELECT name, "notnull", type FROM pragma_table_info('${table.replace(/'/g, "''")}')`,
    )
    .all();
}

function quoteId(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export function linkedTables(db: Db): LinkedTable[] {
  const out: LinkedTable[] = [];
  for (const t of tables(db)) {
    if (OWN_TABLES.has(t)) continue;
    const fks = db
      .prepare<[], { table: string; from: string; to: string | null; on_delete: string }>(
        `SELECT "table", "from", "to", on_delete FROM pragma_foreign_key_list('${t.replace(/'/g, "''")}')`,
      )
      .all();
    const cols = columns(db, t);
    for (const fk of fks) {
      if (fk.table !== 'contacts' && fk.table !== 'conversations') continue;
      if (fk.to && fk.to !== 'id') continue;
      out.push({
        table: t,
        column: fk.from,
        onDelete: fk.on_delete.toUpperCase(),
        notNull: cols.find((c) => c.name === fk.from)?.notnull === 1,
        parent: fk.table,
      });
    }
  }
  return out;
}

/** Order totals may be stored in minor units (cents) or as a decimal; both spellings are recognised. */
const TOTAL_MINOR = ['total_minor', 'total_cents', 'grand_total_minor', 'amount_minor'];
const TOTAL_MAJOR = ['total', 'grand_total', 'amount'];
const NOT_COUNTED = "('cancelled', 'canceled', 'draft')";

function detectOrders(db: Db, all: string[], minorDigits: number): OrderFacts | null {
  if (!all.includes('orders')) return null;
  const cols = columns(db, 'orders').map((c) => c.name);
  if (!cols.includes('contact_id')) return null;
  const minor = TOTAL_MINOR.find((c) => cols.includes(c));
  const major = TOTAL_MAJOR.find((c) => cols.includes(c));
  const totalExpr = minor ? `o.${quoteId(minor)} / ${10 ** minorDigits}.0` : major ? `o.${quoteId(major)}` : '0';
  const countsExpr = cols.includes('status') ? `o.status NOT IN ${NOT_COUNTED}` : '1';
  return { table: 'orders', totalExpr, countsExpr };
}

/** Opt-out may live on the contact row (opted_out_at) or in its own table keyed by contact. */
function detectOptOut(db: Db, all: string[]): OptOutFacts | null {
  const contactCols = columns(db, 'contacts').map((c) => c.name);
  for (const c of ['opted_out_at', 'opt_out_at', 'opted_out']) {
    if (contactCols.includes(c)) return { expr: `(c.${quoteId(c)} IS NOT NULL AND c.${quoteId(c)} != 0)` };
  }
  for (const t of ['contact_optouts', 'contact_opt_outs', 'opt_outs', 'contact_consent', 'consents']) {
    if (!all.includes(t)) continue;
    const cols = columns(db, t).map((c) => c.name);
    if (!cols.includes('contact_id')) continue;
    const flag = ['opted_out_at', 'opt_out_at', 'opted_out'].find((c) => cols.includes(c));
    const cond = flag
      ? ` AND x.${quoteId(flag)} IS NOT NULL AND x.${quoteId(flag)} != 0`
      : cols.includes('revoked_at')
        ? ' AND x.revoked_at IS NULL'
        : '';
    return { expr: `EXISTS (SELECT 1 FROM ${quoteId(t)} x WHERE x.contact_id = c.id${cond})` };
  }
  return null;
}

export function detectExtensions(db: Db, currency: string): ContactExtensions {
  const all = tables(db);
  return {
    orders: detectOrders(db, all, currencyDigits(currency)),
    optOut: detectOptOut(db, all),
    linked: linkedTables(db),
  };
}

/** Linked tables grouped by table, with the contact's or conversation's id for each foreign key column. */
export function linkedRefs(
  linked: LinkedTable[],
  contactId: number,
  conversationId: number | undefined,
): Map<string, { column: string; id: number }[]> {
  const out = new Map<string, { column: string; id: number }[]>();
  for (const l of linked) {
    const id = l.parent === 'contacts' ? contactId : conversationId;
    if (id === undefined) continue;
    const refs = out.get(l.table) ?? [];
    refs.push({ column: l.column, id });
    out.set(l.table, refs);
  }
  return out;
}

export { quoteId };
