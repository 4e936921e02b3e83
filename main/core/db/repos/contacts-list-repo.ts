// SQL for the Contacts page and the exporters: filtered, sorted, paged reads and streamed export batches.
import type { Db } from '../connection';
import { stmt } from '../statements';
import { toFtsQuery } from './search-repo';
import type { ContactFilter, ContactListItem, ContactSort } from '../../contacts/types';
import type { ContactExtensions } from '../../contacts/facts';
import { formatPhone } from '../../contacts/identity';

/** A contact as the exporters see it: everything one CSV row or vCard needs. */
export interface ExportRow {
  id: number;
  name: string;
  notes: string;
  language: string | null;
  createdAt: number;
  identities: { channel: string; externalId: string; display: string }[];
  tags: string[];
  /** The conversation's labels (paid, to deliver…). */
  labels: string[];
  firstContactAt: number | null;
  lastContactAt: number | null;
  orderCount: number | null;
  orderTotal: number | null;
  optedOut: boolean | null;
}

interface ListRow {
  id: number;
  name: string;
  notes: string;
  language: string | null;
  created_at: number;
  conversation_id: number | null;
  first_at: number | null;
  last_at: number | null;
  ids: string | null;
  tags: string | null;
  order_count: number | null;
  order_total: number | null;
  opted_out: number | null;
}

/** The contact's own fields for an export batch, as a raw row; addresses, tags and orders are read beside it. */
type BatchRow = [
  id: number,
  name: string,
  notes: string,
  language: string | null,
  createdAt: number,
  firstAt: number | null,
  lastAt: number | null,
  optedOut: number | null,
];

/** Unit and record separators: cannot appear in a tag or an address, so group_concat output splits safely. */
const US = '\u001f';
const RS = '\u001e';

const LIST_COLUMNS = `c.id, c.name, c.notes, c.language, c.created_at, v.id AS conversation_id, v.created_at AS first_at,
  v.last_message_at AS last_at,
  (SELECT group_concat(x, char(30)) FROM (SELECT i.channel || char(31) || i.external_id || char(31) || i.display AS x
     FROM identities i WHERE i.contact_id = c.id ORDER BY i.id)) AS ids,
  (SELECT group_concat(tag, char(31)) FROM (SELECT t.tag FROM contact_tags t WHERE t.contact_id = c.id ORDER BY t.tag)) AS tags`;

function extraColumns(ext: ContactExtensions): string {
  const cols: string[] = [];
  if (ext.orders) {
    const o = ext.orders;
    cols.push(`(SELECT count(*) FROM ${o.table} o WHERE o.contact_id = c.id AND ${o.countsExpr}) AS order_count`);
    cols.push(`(SELECT coalesce(sum(${o.totalExpr}), 0) FROM ${o.table} o WHERE o.contact_id = c.id AND ${o.countsExpr}) AS order_total`);
  } else {
    cols.push('NULL AS order_count', 'NULL AS order_total');
  }
  cols.push(ext.optOut ? `${ext.optOut.expr} AS opted_out` : 'NULL AS opted_out');
  return cols.join(', ');
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (ch) => '\\' + ch);
}

/** WHERE clause for a filter. Every piece of user text travels as a bound parameter. */
export function filterWhere(f: ContactFilter, ext: ContactExtensions, ids?: readonly number[]): { sql: string; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  const q = f.query?.trim();
  if (q) {
    const ors: string[] = [];
    const fts = toFtsQuery(q);
    if (fts) {
      ors.push('c.id IN (SELECT rowid FROM contacts_fts WHERE contacts_fts MATCH ?)');
      params.push(fts);
    }
    const like = '%' + escapeLike(q.toLowerCase()) + '%';
    ors.push(
      "c.id IN (SELECT contact_id FROM identities WHERE lower(external_id) LIKE ? ESCAPE '\\' OR lower(display) LIKE ? ESCAPE '\\')",
    );
    params.push(like, like);
    // "0151 123" should find +49151123…: compare digits, ignoring a leading trunk zero.
    const digits = q.replace(/\D/g, '').replace(/^0+/, '');
    if (digits.length >= 3 && /^[\d\s()+\-./]+$/.test(q)) {
      ors.push("c.id IN (SELECT contact_id FROM identities WHERE channel IN ('whatsapp', 'phone') AND external_id LIKE ?)");
      params.push('%' + digits + '%');
    }
    where.push('(' + ors.join(' OR ') + ')');
  }
  if (f.tag) {
    where.push('EXISTS (SELECT 1 FROM contact_tags t WHERE t.contact_id = c.id AND t.tag = ?)');
    params.push(f.tag);
  }
  if (f.channel) {
    where.push('EXISTS (SELECT 1 FROM identities i WHERE i.contact_id = c.id AND i.channel = ?)');
    params.push(f.channel);
  }
  if (f.optedOut !== undefined && ext.optOut) where.push(f.optedOut ? ext.optOut.expr : `NOT ${ext.optOut.expr}`);
  if (ids) {
    where.push('c.id IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(ids));
  }
  return { sql: where.length ? where.join(' AND ') : '1', params };
}

function orderBy(sort: ContactSort, ext: ContactExtensions): string {
  if (sort === 'lastContact') return 'v.last_message_at IS NULL, v.last_message_at DESC, c.id DESC';
  if (sort === 'spent' && ext.orders) return 'order_total DESC, c.name COLLATE NOCASE, c.id';
  return 'c.name COLLATE NOCASE, c.id';
}

function toExportRow(r: ListRow): ExportRow {
  return {
    id: r.id,
    name: r.name,
    notes: r.notes,
    language: r.language,
    createdAt: r.created_at,
    // Filled by the export reads; the list rows do not show labels.
    labels: [],
    identities: r.ids
      ? r.ids.split(RS).map((x) => {
          const [channel, externalId, display] = x.split(US);
          return { channel, externalId, display: display ?? '' };
        })
      : [],
    tags: r.tags ? r.tags.split(US) : [],
    firstContactAt: r.first_at,
    lastContactAt: r.last_at,
    orderCount: r.order_count,
    orderTotal: r.order_total,
    optedOut: r.opted_out === null ? null : r.opted_out === 1,
  };
}

function toListItem(r: ListRow): ContactListItem {
  const e = toExportRow(r);
  const of = (chs: string[]) => e.identities.filter((i) => chs.includes(i.channel)).map((i) => i.externalId);
  return {
    id: e.id,
    name: e.name,
    channels: [...new Set(e.identities.map((i) => i.channel))],
    phones: [...new Set(of(['whatsapp', 'phone']))],
    phonesDisplay: [...new Set(of(['whatsapp', 'phone']))].map(formatPhone),
    emails: of(['email']),
    telegram: e.identities.filter((i) => i.channel === 'telegram').map((i) => i.display || i.externalId),
    tags: e.tags,
    firstContactAt: e.firstContactAt,
    lastContactAt: e.lastContactAt,
    conversationId: r.conversation_id,
    orderCount: e.orderCount,
    orderTotal: e.orderTotal,
    optedOut: e.optedOut,
  };
}

/** The Contacts page and the exporters: filtered, sorted, paged reads. */
export class ContactsListRepo {
  constructor(private readonly db: Db) {}

  page(f: ContactFilter, sort: ContactSort, offset: number, limit: number, ext: ContactExtensions): ContactListItem[] {
    const w = filterWhere(f, ext);
    const sql = `SELECT ${LIST_COLUMNS}, ${extraColumns(ext)} FROM contacts c LEFT JOIN conversations v ON v.contact_id = c.id
      WHERE ${w.sql} ORDER BY ${orderBy(sort, ext)} LIMIT ? OFFSET ?`;
    return stmt<unknown[], ListRow>(this.db, sql)
      .all(...w.params, limit, offset)
      .map(toListItem);
  }

  count(f: ContactFilter, ext: ContactExtensions, ids?: readonly number[]): number {
    const w = filterWhere(f, ext, ids);
    return stmt<unknown[], { n: number }>(this.db, `SELECT count(*) AS n FROM contacts c WHERE ${w.sql}`).get(...w.params)!.n;
  }

  /**
   * One batch for a streamed export, in name order, after the (name, id) cursor. Keyset paging keeps every batch as cheap
   * as the first, so 100,000 contacts stream in constant memory. Addresses, tags and order totals come from one indexed
   * query each for the whole batch (not a subquery per contact, which was most of an export's time); exportRow reads the
   * same details for one contact.
   */
  exportBatch(
    f: ContactFilter,
    ids: readonly number[] | undefined,
    after: { name: string; id: number } | null,
    limit: number,
    ext: ContactExtensions,
  ): ExportRow[] {
    const w = filterWhere(f, ext, ids);
    // The ">=" on the name alone is what lets SQLite seek in contacts_name; the OR only settles ties on the same name.
    const cursor = after ? 'c.name COLLATE NOCASE >= ? AND (c.name COLLATE NOCASE > ? OR c.id > ?)' : '1';
    const optedOut = ext.optOut ? `${ext.optOut.expr} AS opted_out` : 'NULL AS opted_out';
    const sql = `SELECT c.id, c.name, c.notes, c.language, c.created_at, v.created_at AS first_at, v.last_message_at AS last_at, ${optedOut}
      FROM contacts c LEFT JOIN conversations v ON v.contact_id = c.id
      WHERE ${w.sql} AND ${cursor} ORDER BY c.name COLLATE NOCASE, c.id LIMIT ?`;
    const params = after ? [...w.params, after.name, after.name, after.id, limit] : [...w.params, limit];
    // Rows come back as arrays (raw): building an object per row was a fifth of the export's database time.
    const base = stmt<unknown[], BatchRow>(this.db, sql)
      .raw(true)
      .all(...params);
    if (base.length === 0) return [];
    const batchIds = JSON.stringify(base.map((r) => r[0]));

    const identities = new Map<number, ExportRow['identities']>();
    const idRows = stmt<[string], [contactId: number, channel: string, externalId: string, display: string]>(
      this.db,
      'SELECT contact_id, channel, external_id, display FROM identities WHERE contact_id IN (SELECT value FROM json_each(?)) ORDER BY contact_id, id',
    )
      .raw(true)
      .all(batchIds);
    for (const [contactId, channel, externalId, display] of idRows) {
      const list = identities.get(contactId);
      if (list) list.push({ channel, externalId, display });
      else identities.set(contactId, [{ channel, externalId, display }]);
    }

    const tags = new Map<number, string[]>();
    const tagRows = stmt<[string], [contactId: number, tag: string]>(
      this.db,
      'SELECT contact_id, tag FROM contact_tags WHERE contact_id IN (SELECT value FROM json_each(?)) ORDER BY contact_id, tag',
    )
      .raw(true)
      .all(batchIds);
    for (const [contactId, tag] of tagRows) {
      const list = tags.get(contactId);
      if (list) list.push(tag);
      else tags.set(contactId, [tag]);
    }

    const labels = this.labelNames(batchIds);

    // Contacts with no counted order are not in this result; they get 0 and 0, as the per-contact read gives them.
    const orders = new Map<number, { n: number; total: number }>();
    if (ext.orders) {
      const o = ext.orders;
      const sums = stmt<[string], [contactId: number, n: number, total: number | null]>(
        this.db,
        `SELECT o.contact_id, count(*), sum(${o.totalExpr}) FROM ${o.table} o
         WHERE o.contact_id IN (SELECT value FROM json_each(?)) AND ${o.countsExpr} GROUP BY o.contact_id`,
      )
        .raw(true)
        .all(batchIds);
      for (const [contactId, n, total] of sums) orders.set(contactId, { n, total: total ?? 0 });
    }

    return base.map(([id, name, notes, language, createdAt, firstAt, lastAt, optedOut]) => {
      const sum = orders.get(id);
      return {
        id,
        name,
        notes,
        language,
        createdAt,
        identities: identities.get(id) ?? [],
        tags: tags.get(id) ?? [],
        labels: labels.get(id) ?? [],
        firstContactAt: firstAt,
        lastContactAt: lastAt,
        // Without orders in this build the columns stay empty.
        orderCount: ext.orders ? (sum?.n ?? 0) : null,
        orderTotal: ext.orders ? (sum?.total ?? 0) : null,
        optedOut: optedOut === null ? null : optedOut === 1,
      };
    });
  }

  exportRow(id: number, ext: ContactExtensions): ExportRow | undefined {
    const sql = `SELECT ${LIST_COLUMNS}, ${extraColumns(ext)} FROM contacts c LEFT JOIN conversations v ON v.contact_id = c.id WHERE c.id = ?`;
    const r = stmt<[number], ListRow>(this.db, sql).get(id);
    return r ? { ...toExportRow(r), labels: this.labelNames(JSON.stringify([id])).get(id) ?? [] } : undefined;
  }

  /** The labels on each contact's conversation (ids as a JSON array), for the export's Labels column. */
  private labelNames(contactIdsJson: string): Map<number, string[]> {
    const labels = new Map<number, string[]>();
    const rows = stmt<[string], [contactId: number, label: string]>(
      this.db,
      `SELECT v.contact_id, l.name FROM conversations v JOIN conversation_labels cl ON cl.conversation_id = v.id
       JOIN labels l ON l.id = cl.label_id WHERE v.contact_id IN (SELECT value FROM json_each(?)) ORDER BY v.contact_id, l.name COLLATE NOCASE`,
    )
      .raw(true)
      .all(contactIdsJson);
    for (const [contactId, label] of rows) labels.set(contactId, [...(labels.get(contactId) ?? []), label]);
    return labels;
  }

  tagCounts(): { tag: string; count: number }[] {
    return stmt<[], { tag: string; count: number }>(
      this.db,
      'SELECT tag, count(*) AS count FROM contact_tags GROUP BY tag ORDER BY count DESC, tag',
    ).all();
  }

  channelCounts(): { channel: string; count: number }[] {
    return stmt<[], { channel: string; count: number }>(
      this.db,
      'SELECT channel, count(DISTINCT contact_id) AS count FROM identities GROUP BY channel ORDER BY count DESC, channel',
    ).all();
  }

  total(): number {
    return stmt<[], { n: number }>(this.db, 'SELECT count(*) AS n FROM contacts').get()!.n;
  }
}
