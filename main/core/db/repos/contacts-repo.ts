// SQL for contacts, their identities and tags; the Contacts page list, export batches, merge and erase.
import type { Db } from '../connection';
import { stmt } from '../statements';
import { toFtsQuery } from './search-repo';
import type { Contact, ContactFilter, ContactListItem, ContactSort, Identity } from '../../contacts/types';
import type { ContactExtensions } from '../../contacts/facts';
import { formatPhone } from '../../contacts/identity';

interface ContactRow {
  id: number;
  name: string;
  notes: string;
  language: string | null;
  language_by_owner: number;
  created_at: number;
  updated_at: number;
}
interface IdentityRow {
  id: number;
  contact_id: number;
  channel: string;
  external_id: string;
  display: string;
  last_seen_at: number | null;
}

export class ContactsRepo {
  constructor(private readonly db: Db) {}

  create(input: { name: string; notes?: string; language?: string | null }, now: number): number {
    // A language given at creation (an import, the demo) is the owner's, never replaced by detection.
    const r = stmt(
      this.db,
      'INSERT INTO contacts(name, notes, language, language_by_owner, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
    ).run(input.name, input.notes ?? '', input.language ?? null, input.language ? 1 : 0, now, now);
    return Number(r.lastInsertRowid);
  }

  exists(id: number): boolean {
    return stmt(this.db, 'SELECT 1 FROM contacts WHERE id = ?').get(id) !== undefined;
  }

  get(id: number): Contact | undefined {
    const row = stmt<[number], ContactRow>(this.db, 'SELECT * FROM contacts WHERE id = ?').get(id);
    if (!row) return undefined;
    return {
      id: row.id,
      name: row.name,
      notes: row.notes,
      language: row.language,
      languageByOwner: row.language_by_owner === 1,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      tags: this.tags(id),
      identities: this.identities(id),
    };
  }

  update(id: number, patch: { name?: string; notes?: string; language?: string | null }, now: number): void {
    const cur = stmt<[number], ContactRow>(this.db, 'SELECT * FROM contacts WHERE id = ?').get(id);
    if (!cur) return;
    // Setting a language is the owner's choice; clearing it (null) hands the contact back to detection.
    const byOwner = patch.language === undefined ? cur.language_by_owner : patch.language === null ? 0 : 1;
    stmt(this.db, 'UPDATE contacts SET name = ?, notes = ?, language = ?, language_by_owner = ?, updated_at = ? WHERE id = ?').run(
      patch.name ?? cur.name,
      patch.notes ?? cur.notes,
      patch.language === undefined ? cur.language : patch.language,
      byOwner,
      now,
      id,
    );
  }

  /** Stores a detected language unless the owner chose one. True when the row changed. */
  setDetectedLanguage(id: number, language: string | null, now: number): boolean {
    return (
      stmt(this.db, 'UPDATE contacts SET language = ?, updated_at = ? WHERE id = ? AND language_by_owner = 0 AND language IS NOT ?').run(
        language,
        now,
        id,
        language,
      ).changes > 0
    );
  }

  tags(id: number): string[] {
    return stmt<[number], { tag: string }>(this.db, 'SELECT tag FROM contact_tags WHERE contact_id = ? ORDER BY tag')
      .all(id)
      .map((r) => r.tag);
  }

  setTags(id: number, tags: readonly string[]): void {
    stmt(this.db, 'DELETE FROM contact_tags WHERE contact_id = ?').run(id);
    const ins = stmt(this.db, 'INSERT OR IGNORE INTO contact_tags(contact_id, tag) VALUES (?, ?)');
    for (const t of tags) ins.run(id, t);
  }

  identities(contactId: number): Identity[] {
    return stmt<[number], IdentityRow>(this.db, 'SELECT * FROM identities WHERE contact_id = ? ORDER BY id').all(contactId).map(toIdentity);
  }

  identity(id: number): (Identity & { contactId: number }) | undefined {
    const row = stmt<[number], IdentityRow>(this.db, 'SELECT * FROM identities WHERE id = ?').get(id);
    return row ? { ...toIdentity(row), contactId: row.contact_id } : undefined;
  }

  findIdentity(channel: string, externalId: string): (Identity & { contactId: number }) | undefined {
    const row = stmt<[string, string], IdentityRow>(this.db, 'SELECT * FROM identities WHERE channel = ? AND external_id = ?').get(
      channel,
      externalId,
    );
    return row ? { ...toIdentity(row), contactId: row.contact_id } : undefined;
  }

  addIdentity(contactId: number, channel: string, externalId: string, display: string, now: number): number {
    const r = stmt(
      this.db,
      'INSERT INTO identities(contact_id, channel, external_id, display, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?)',
    ).run(contactId, channel, externalId, display, now, now);
    return Number(r.lastInsertRowid);
  }

  /**
   * An address the owner brought (import): never seen talking to us, so last_seen_at stays empty and replies prefer
   * channels the customer used. Returns false when the address already belongs to someone.
   */
  addImportedIdentity(contactId: number, channel: string, externalId: string, display: string, now: number): boolean {
    return (
      stmt(
        this.db,
        'INSERT OR IGNORE INTO identities(contact_id, channel, external_id, display, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?, NULL)',
      ).run(contactId, channel, externalId, display, now).changes === 1
    );
  }

  addTag(contactId: number, tag: string): void {
    stmt(this.db, 'INSERT OR IGNORE INTO contact_tags(contact_id, tag) VALUES (?, ?)').run(contactId, tag);
  }

  removeIdentity(identityId: number): void {
    stmt(this.db, 'DELETE FROM identities WHERE id = ?').run(identityId);
  }

  touchIdentity(identityId: number, now: number, display?: string): void {
    if (display) {
      stmt(this.db, 'UPDATE identities SET last_seen_at = ?, display = ? WHERE id = ?').run(now, display, identityId);
    } else {
      stmt(this.db, 'UPDATE identities SET last_seen_at = ? WHERE id = ?').run(now, identityId);
    }
  }

  /** The contact owning this phone number on any phone-like channel (E.164, or the same digits without "+"). */
  findByPhone(e164: string): number | undefined {
    return stmt<[string, string], { contact_id: number }>(
      this.db,
      "SELECT contact_id FROM identities WHERE channel IN ('whatsapp', 'phone') AND external_id IN (?, ?) ORDER BY id LIMIT 1",
    ).get(e164, e164.replace(/^\+/, ''))?.contact_id;
  }

  findByEmail(email: string): number | undefined {
    return stmt<[string], { contact_id: number }>(
      this.db,
      "SELECT contact_id FROM identities WHERE channel = 'email' AND external_id = ? LIMIT 1",
    ).get(email)?.contact_id;
  }

  /** The identity on this channel that most recently wrote to us (or was added), for addressing replies. */
  addressFor(contactId: number, channel: string): IdentityRow | undefined {
    return stmt<[number, string], IdentityRow>(
      this.db,
      'SELECT * FROM identities WHERE contact_id = ? AND channel = ? ORDER BY coalesce(last_seen_at, 0) DESC, id DESC LIMIT 1',
    ).get(contactId, channel);
  }
}

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

function toIdentity(r: IdentityRow): Identity {
  return { id: r.id, channel: r.channel, externalId: r.external_id, display: r.display, lastSeenAt: r.last_seen_at };
}

interface SummaryMessage {
  id: number;
  created_at: number;
  kind: string;
  body: string;
  channel: string;
}

/** Personal fields on kept records (orders) that "Delete this customer" blanks; totals and lines stay for the books. */
const ANONYMISE: Record<string, Record<string, string | null>> = {
  orders: { customer_name: '', address: '', note: '', wanted_time: '', pending_text: null, pending_kind: null, issues: '[]' },
  assistant_audit: { detail: '', reason: null },
};

function q(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * Whole-contact operations that touch many tables: merge two contacts, erase one, prune old messages.
 * Tables other domains add are handled by their declared rules (see contacts/links.ts).
 * Callers run these inside a transaction.
 */
export class ContactDataRepo {
  constructor(private readonly db: Db) {}

  conversationOf(contactId: number): { id: number; unread_count: number; created_at: number; last_message_at: number } | undefined {
    return stmt<[number], { id: number; unread_count: number; created_at: number; last_message_at: number }>(
      this.db,
      'SELECT id, unread_count, created_at, last_message_at FROM conversations WHERE contact_id = ?',
    ).get(contactId);
  }

  conversationById(id: number): { id: number; unread_count: number; created_at: number; last_message_at: number } | undefined {
    return stmt<[number], { id: number; unread_count: number; created_at: number; last_message_at: number }>(
      this.db,
      'SELECT id, unread_count, created_at, last_message_at FROM conversations WHERE id = ?',
    ).get(id);
  }

  messageCount(conversationId: number): number {
    return stmt<[number], { n: number }>(this.db, 'SELECT count(*) AS n FROM messages WHERE conversation_id = ?').get(conversationId)!.n;
  }

  /** Rows in another domain's table that belong to this contact or its conversation (a row counts once). */
  countLinked(table: string, refs: { column: string; id: number }[]): number {
    if (refs.length === 0) return 0;
    const where = refs.map((r) => `${q(r.column)} = ?`).join(' OR ');
    return stmt<number[], { n: number }>(this.db, `SELECT count(*) AS n FROM ${q(table)} WHERE ${where}`).get(...refs.map((r) => r.id))!.n;
  }

  linkedRows(table: string, refs: { column: string; id: number }[]): Record<string, unknown>[] {
    if (refs.length === 0) return [];
    const where = refs.map((r) => `${q(r.column)} = ?`).join(' OR ');
    return stmt<number[], Record<string, unknown>>(
      this.db,
      `SELECT * FROM ${q(table)} WHERE ${where} ORDER BY 1` /* tables WITHOUT ROWID (report_spells) have no rowid */,
    ).all(...refs.map((r) => r.id));
  }

  childRows(table: string, fkColumn: string, parentIds: number[]): Record<string, unknown>[] {
    if (parentIds.length === 0) return [];
    return stmt<[string], Record<string, unknown>>(
      this.db,
      `SELECT * FROM ${q(table)} WHERE ${q(fkColumn)} IN (SELECT value FROM json_each(?)) ORDER BY 1`,
    ).all(JSON.stringify(parentIds));
  }

  allMessages(
    conversationId: number,
  ): { id: number; direction: string; channel: string; author: string; kind: string; body: string; status: string; created_at: number }[] {
    return stmt<
      [number],
      { id: number; direction: string; channel: string; author: string; kind: string; body: string; status: string; created_at: number }
    >(
      this.db,
      'SELECT id, direction, channel, author, kind, body, status, created_at FROM messages WHERE conversation_id = ? ORDER BY created_at, id',
    ).all(conversationId);
  }

  moveIdentities(from: number, to: number): void {
    stmt(this.db, 'UPDATE identities SET contact_id = ? WHERE contact_id = ?').run(to, from);
  }

  copyTags(from: number, to: number): void {
    stmt(this.db, 'INSERT OR IGNORE INTO contact_tags(contact_id, tag) SELECT ?, tag FROM contact_tags WHERE contact_id = ?').run(to, from);
  }

  giveConversation(conversationId: number, to: number): void {
    stmt(this.db, 'UPDATE conversations SET contact_id = ? WHERE id = ?').run(to, conversationId);
  }

  moveMessages(fromConversation: number, toConversation: number): number {
    return stmt(this.db, 'UPDATE messages SET conversation_id = ? WHERE conversation_id = ?').run(toConversation, fromConversation).changes;
  }

  /**
   * Re-points another domain's rows. OR IGNORE: where a table allows one row per parent (an opt-out, a mode override)
   * and both contacts have one, the survivor's row is kept and the other goes with the merged-away parent.
   */
  moveLinked(l: LinkedTableRef, from: number, to: number): number {
    return stmt(this.db, `UPDATE OR IGNORE ${q(l.table)} SET ${q(l.column)} = ? WHERE ${q(l.column)} = ?`).run(to, from).changes;
  }

  /** The newest message that the inbox list would show (owner-only notes never are). */
  latestMessage(conversationId: number, direction?: 'in'): SummaryMessage | undefined {
    const dir = direction ? "AND direction = 'in'" : '';
    return stmt<[number], SummaryMessage>(
      this.db,
      `SELECT id, created_at, kind, body, channel FROM messages WHERE conversation_id = ? AND channel != 'system' ${dir}
       ORDER BY created_at DESC, id DESC LIMIT 1`,
    ).get(conversationId);
  }

  setSummary(
    conversationId: number,
    s: {
      lastMessageId: number | null;
      lastMessageAt: number;
      preview: string;
      lastChannel: string | null;
      lastInbound: string | null;
      unread: number;
      createdAt: number;
    },
  ): void {
    stmt(
      this.db,
      `UPDATE conversations SET last_message_id = ?, last_message_at = ?, last_preview = ?, last_channel = coalesce(?, last_channel),
         last_inbound_channel = ?, unread_count = ?, created_at = ? WHERE id = ?`,
    ).run(s.lastMessageId, s.lastMessageAt, s.preview, s.lastChannel, s.lastInbound, s.unread, s.createdAt, conversationId);
  }

  deleteConversation(conversationId: number): void {
    stmt(this.db, 'DELETE FROM conversations WHERE id = ?').run(conversationId);
  }

  setContactFields(id: number, f: { name: string; notes: string; language: string | null; languageByOwner: boolean }, now: number): void {
    stmt(this.db, 'UPDATE contacts SET name = ?, notes = ?, language = ?, language_by_owner = ?, updated_at = ? WHERE id = ?').run(
      f.name,
      f.notes,
      f.language,
      f.languageByOwner ? 1 : 0,
      now,
      id,
    );
  }

  deleteContact(id: number): void {
    stmt(this.db, 'DELETE FROM contacts WHERE id = ?').run(id);
  }

  deleteMessagesOf(conversationId: number): number {
    return stmt(this.db, 'DELETE FROM messages WHERE conversation_id = ?').run(conversationId).changes;
  }

  /**
   * Blanks personal fields on rows that outlive the contact (orders keep totals and lines; audit keeps counts).
   * Only columns that exist are touched, so a schema change elsewhere cannot make erasure fail.
   */
  anonymiseKept(contactId: number, conversationId: number | null): void {
    const tables = new Set(
      stmt<[], { name: string }>(this.db, "SELECT name FROM sqlite_master WHERE type = 'table'")
        .all()
        .map((r) => r.name),
    );
    for (const [table, fields] of Object.entries(ANONYMISE)) {
      if (!tables.has(table)) continue;
      const cols = new Set(
        stmt<[], { name: string }>(this.db, `SELECT name FROM pragma_table_info('${table}')`)
          .all()
          .map((r) => r.name),
      );
      const sets = Object.keys(fields).filter((c) => cols.has(c));
      if (sets.length === 0) continue;
      const where: string[] = [];
      const params: unknown[] = sets.map((c) => fields[c]);
      if (cols.has('contact_id')) {
        where.push('contact_id = ?');
        params.push(contactId);
      }
      if (cols.has('conversation_id') && conversationId !== null) {
        where.push('conversation_id = ?');
        params.push(conversationId);
      }
      if (where.length === 0) continue;
      this.db.prepare(`UPDATE ${q(table)} SET ${sets.map((c) => `${q(c)} = ?`).join(', ')} WHERE ${where.join(' OR ')}`).run(...params);
      if (table === 'orders' && tables.has('order_events')) {
        this.db
          .prepare(`UPDATE order_events SET note = '' WHERE order_id IN (SELECT id FROM orders WHERE ${where.join(' OR ')})`)
          .run(...params.slice(sets.length));
      }
    }
  }

  /** Rewrites the full-text indexes so entries of deleted rows are gone from their pages, not just marked deleted. */
  optimizeFts(): void {
    const fts = stmt<[], { name: string }>(
      this.db,
      "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%USING fts5%'",
    ).all();
    for (const { name } of fts) this.db.prepare(`INSERT INTO ${q(name)}(${q(name)}) VALUES ('optimize')`).run();
  }

  /** Messages older than the cutoff that no unsent outbox row still needs, oldest first. */
  oldMessages(cutoff: number, limit: number): { id: number; conversation_id: number }[] {
    return stmt<[number, number], { id: number; conversation_id: number }>(
      this.db,
      `SELECT m.id, m.conversation_id FROM messages m WHERE m.created_at < ?
         AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.message_id = m.id AND o.state IN ('queued', 'sending'))
       ORDER BY m.created_at, m.id LIMIT ?`,
    ).all(cutoff, limit);
  }

  countOldMessages(cutoff: number): number {
    return stmt<[number], { n: number }>(
      this.db,
      `SELECT count(*) AS n FROM messages m WHERE m.created_at < ?
         AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.message_id = m.id AND o.state IN ('queued', 'sending'))`,
    ).get(cutoff)!.n;
  }

  deleteMessages(ids: number[]): number {
    return stmt<[string]>(this.db, 'DELETE FROM messages WHERE id IN (SELECT value FROM json_each(?))').run(JSON.stringify(ids)).changes;
  }

  dismissPair(a: number, b: number, now: number): void {
    stmt(this.db, 'INSERT OR IGNORE INTO contact_merge_dismissed(low_id, high_id, at) VALUES (?, ?, ?)').run(
      Math.min(a, b),
      Math.max(a, b),
      now,
    );
  }

  dismissedPairs(): Set<string> {
    return new Set(
      stmt<[], { low_id: number; high_id: number }>(this.db, 'SELECT low_id, high_id FROM contact_merge_dismissed')
        .all()
        .map((r) => `${r.low_id}:${r.high_id}`),
    );
  }

  /** Every address with its contact, for duplicate detection (one pass, no per-contact queries). */
  allAddresses(): { contact_id: number; channel: string; external_id: string }[] {
    return stmt<[], { contact_id: number; channel: string; external_id: string }>(
      this.db,
      'SELECT contact_id, channel, external_id FROM identities ORDER BY contact_id',
    ).all();
  }

  allNames(): { id: number; name: string }[] {
    return stmt<[], { id: number; name: string }>(this.db, 'SELECT id, name FROM contacts').all();
  }

  briefs(ids: number[]): { id: number; name: string; channels: string | null }[] {
    return stmt<[string], { id: number; name: string; channels: string | null }>(
      this.db,
      `SELECT c.id, c.name, (SELECT group_concat(DISTINCT channel) FROM identities i WHERE i.contact_id = c.id) AS channels
       FROM contacts c WHERE c.id IN (SELECT value FROM json_each(?))`,
    ).all(JSON.stringify(ids));
  }
}

export interface LinkedTableRef {
  table: string;
  column: string;
}
