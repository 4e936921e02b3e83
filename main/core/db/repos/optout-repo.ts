// SQL for customers' opt-out state (a row in contact_optouts means "opted out") and the consent history.
import type { Db } from '../connection';
import { stmt } from '../statements';

export interface OptOutRow {
  contactId: number;
  at: number;
  channel: string;
  said: string;
  messageId: number | null;
  language: string;
  confirmationMessageId: number | null;
}

export interface ConsentEntry {
  id: number;
  at: number;
  change: 'opt_out' | 'opt_in';
  by: 'customer' | 'owner';
  channel: string | null;
  detail: string;
}

interface Raw {
  contact_id: number;
  at: number;
  channel: string;
  said: string;
  message_id: number | null;
  language: string;
  confirmation_message_id: number | null;
}

export class OptOutRepo {
  constructor(private readonly db: Db) {}

  get(contactId: number): OptOutRow | undefined {
    const r = stmt<[number], Raw>(this.db, 'SELECT * FROM contact_optouts WHERE contact_id = ?').get(contactId);
    return r
      ? {
          contactId: r.contact_id,
          at: r.at,
          channel: r.channel,
          said: r.said,
          messageId: r.message_id,
          language: r.language,
          confirmationMessageId: r.confirmation_message_id,
        }
      : undefined;
  }

  isOptedOut(contactId: number): boolean {
    return stmt(this.db, 'SELECT 1 FROM contact_optouts WHERE contact_id = ?').get(contactId) !== undefined;
  }

  /** Records an opt-out; false (and nothing changes) when the contact had already opted out. */
  add(row: Omit<OptOutRow, 'confirmationMessageId'>): boolean {
    const r = stmt(
      this.db,
      `INSERT INTO contact_optouts(contact_id, at, channel, said, message_id, language) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT(contact_id) DO NOTHING`,
    ).run(row.contactId, row.at, row.channel, row.said, row.messageId, row.language);
    return r.changes > 0;
  }

  setConfirmation(contactId: number, messageId: number): void {
    stmt(this.db, 'UPDATE contact_optouts SET confirmation_message_id = ? WHERE contact_id = ?').run(messageId, contactId);
  }

  remove(contactId: number): boolean {
    return stmt(this.db, 'DELETE FROM contact_optouts WHERE contact_id = ?').run(contactId).changes > 0;
  }

  log(contactId: number, e: Omit<ConsentEntry, 'id'>): void {
    stmt(this.db, 'INSERT INTO consent_log(contact_id, at, change, by, channel, detail) VALUES (?, ?, ?, ?, ?, ?)').run(
      contactId,
      e.at,
      e.change,
      e.by,
      e.channel,
      e.detail,
    );
  }

  history(contactId: number, limit = 20): ConsentEntry[] {
    return stmt<[number, number], ConsentEntry>(
      this.db,
      'SELECT id, at, change, by, channel, detail FROM consent_log WHERE contact_id = ? ORDER BY at DESC, id DESC LIMIT ?',
    ).all(contactId, limit);
  }

  /** When the owner last recorded consent back; a STOP older than that is not acted on again. */
  lastOptInAt(contactId: number): number | undefined {
    return (
      stmt<[number], { t: number | null }>(this.db, `SELECT max(at) AS t FROM consent_log WHERE contact_id = ? AND change = 'opt_in'`).get(
        contactId,
      )?.t ?? undefined
    );
  }

  /** Short inbound messages after `afterId`, oldest first: candidates for opt-outs missed while Lavka was stopping. */
  shortInboundSince(
    afterId: number,
    maxLen: number,
    limit: number,
  ): { id: number; conversationId: number; channel: string; body: string; createdAt: number }[] {
    return stmt<[number, number, number], { id: number; conversationId: number; channel: string; body: string; createdAt: number }>(
      this.db,
      `SELECT id, conversation_id AS conversationId, channel, body, created_at AS createdAt FROM messages
       WHERE id > ? AND direction = 'in' AND length(body) <= ? ORDER BY id LIMIT ?`,
    ).all(afterId, maxLen, limit);
  }

  maxMessageId(): number {
    return stmt<[], { n: number | null }>(this.db, 'SELECT max(id) AS n FROM messages').get()?.n ?? 0;
  }

  // ---- unclear opt-outs waiting for the owner's decision --------------------------------------------------------

  /** Records (or refreshes) an unclear opt-out; reminders to this contact wait until it is decided. */
  addQuestion(q: { contactId: number; messageId: number | null; said: string; at: number }): void {
    stmt(
      this.db,
      `INSERT INTO optout_questions(contact_id, message_id, said, at) VALUES (?, ?, ?, ?)
       ON CONFLICT(contact_id) DO UPDATE SET message_id = excluded.message_id, said = excluded.said, at = excluded.at`,
    ).run(q.contactId, q.messageId, q.said, q.at);
  }

  question(contactId: number): { messageId: number | null; said: string; at: number } | undefined {
    return stmt<[number], { messageId: number | null; said: string; at: number }>(
      this.db,
      'SELECT message_id AS messageId, said, at FROM optout_questions WHERE contact_id = ?',
    ).get(contactId);
  }

  removeQuestion(contactId: number): boolean {
    return stmt(this.db, 'DELETE FROM optout_questions WHERE contact_id = ?').run(contactId).changes > 0;
  }
}
