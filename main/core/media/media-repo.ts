// SQL for media rows. A row is written before its file, and a message's media row goes with the message (cascade).
import type { Db } from '../db/connection';
import { stmt } from '../db/statements';
import type { MediaState } from './types';

export interface MediaRow {
  id: number;
  message_id: number | null;
  state: MediaState;
  mime: string;
  file_name: string;
  size: number | null;
  file: string | null;
  source: string | null;
  error: string | null;
  created_at: number;
}

export class MediaRepo {
  constructor(private readonly db: Db) {}

  insert(
    r: { messageId: number | null; state: MediaState; mime: string; fileName: string; size: number | null; source: string | null },
    now: number,
  ): number {
    return Number(
      stmt(
        this.db,
        `INSERT INTO media(message_id, state, mime, file_name, size, source, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(r.messageId, r.state, r.mime, r.fileName, r.size, r.source, now, now).lastInsertRowid,
    );
  }

  get(id: number): MediaRow | undefined {
    return stmt<[number], MediaRow>(this.db, 'SELECT * FROM media WHERE id = ?').get(id);
  }

  byMessage(messageId: number): MediaRow | undefined {
    return stmt<[number], MediaRow>(this.db, 'SELECT * FROM media WHERE message_id = ?').get(messageId);
  }

  /** The channel of the message a media row belongs to (which channel can download it again). */
  channelOf(id: number): { channel: string; conversationId: number; messageId: number } | undefined {
    return stmt<[number], { channel: string; conversationId: number; messageId: number }>(
      this.db,
      'SELECT m.channel, m.conversation_id AS conversationId, m.id AS messageId FROM media x JOIN messages m ON m.id = x.message_id WHERE x.id = ?',
    ).get(id);
  }

  stored(id: number, file: string, size: number, mime: string, now: number): boolean {
    return (
      stmt(this.db, `UPDATE media SET state = 'stored', file = ?, size = ?, mime = ?, error = NULL, updated_at = ? WHERE id = ?`).run(
        file,
        size,
        mime,
        now,
        id,
      ).changes > 0
    );
  }

  setFileName(id: number, fileName: string): void {
    stmt(this.db, 'UPDATE media SET file_name = ? WHERE id = ?').run(fileName, id);
  }

  setState(id: number, state: MediaState, error: string | null, now: number): void {
    stmt(this.db, 'UPDATE media SET state = ?, error = ?, updated_at = ? WHERE id = ?').run(state, error, now, id);
  }

  /** An uploaded draft becomes the attachment of the message that sends it; false if it is gone or already used. */
  attach(id: number, messageId: number, now: number): boolean {
    return (
      stmt(this.db, 'UPDATE media SET message_id = ?, updated_at = ? WHERE id = ? AND message_id IS NULL').run(messageId, now, id).changes >
      0
    );
  }

  /** Ids of every row, for sweeping files whose row is gone (an erased customer, retention, a deleted draft). */
  allIds(): Set<number> {
    return new Set(
      stmt<[], { id: number }>(this.db, 'SELECT id FROM media')
        .all()
        .map((r) => r.id),
    );
  }

  /** Every stored file name (what a backup must carry). */
  storedFiles(): string[] {
    return stmt<[], { file: string }>(this.db, `SELECT file FROM media WHERE state = 'stored' AND file IS NOT NULL`)
      .all()
      .map((r) => r.file);
  }

  deleteDraftsBefore(before: number): number {
    return stmt(this.db, 'DELETE FROM media WHERE message_id IS NULL AND created_at < ?').run(before).changes;
  }

  /** Pending downloads (Lavka stopped mid-download): resumed at start. */
  pending(limit: number): number[] {
    return stmt<[number], { id: number }>(
      this.db,
      `SELECT id FROM media WHERE state = 'pending' AND message_id IS NOT NULL ORDER BY id LIMIT ?`,
    )
      .all(limit)
      .map((r) => r.id);
  }

  /** Pending downloads of messages on one channel (resumed when it connects). */
  pendingOf(channel: string, limit: number): number[] {
    return stmt<[string, number], { id: number }>(
      this.db,
      `SELECT x.id FROM media x JOIN messages m ON m.id = x.message_id WHERE x.state = 'pending' AND m.channel = ? ORDER BY x.id LIMIT ?`,
    )
      .all(channel, limit)
      .map((r) => r.id);
  }

  usage(): { files: number; bytes: number } {
    return stmt<[], { files: number; bytes: number }>(
      this.db,
      `SELECT count(*) AS files, coalesce(sum(size), 0) AS bytes FROM media WHERE state = 'stored'`,
    ).get()!;
  }

  /** A conversation's stored media, for the customer's data export. */
  ofConversation(conversationId: number): (MediaRow & { created: number; direction: string })[] {
    return stmt<[number], MediaRow & { created: number; direction: string }>(
      this.db,
      `SELECT x.*, m.created_at AS created, m.direction FROM media x JOIN messages m ON m.id = x.message_id
       WHERE m.conversation_id = ? AND x.state = 'stored' ORDER BY m.id`,
    ).all(conversationId);
  }
}
