// SQL for whole-contact operations that touch many tables: merge two contacts, erase one, prune old messages.
import type { Db } from '../connection';
import { stmt } from '../statements';
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
