// SQL for the owner's conversation labels (name + colour) and which conversations carry them.
import type { Db } from '../connection';
import { stmt } from '../statements';

export interface Label {
  id: number;
  name: string;
  color: string;
  /** Conversations carrying it, for the filter menu and the delete confirmation. */
  conversations: number;
}

export class LabelsRepo {
  constructor(private readonly db: Db) {}

  list(): Label[] {
    return stmt<[], Label>(
      this.db,
      `SELECT l.id, l.name, l.color, (SELECT count(*) FROM conversation_labels cl WHERE cl.label_id = l.id) AS conversations
       FROM labels l ORDER BY l.name COLLATE NOCASE, l.id`,
    ).all();
  }

  byName(name: string): { id: number } | undefined {
    return stmt<[string], { id: number }>(this.db, 'SELECT id FROM labels WHERE name = ?').get(name);
  }

  exists(id: number): boolean {
    return stmt<[number], { id: number }>(this.db, 'SELECT id FROM labels WHERE id = ?').get(id) !== undefined;
  }

  create(name: string, color: string, now: number): number {
    return Number(stmt(this.db, 'INSERT INTO labels(name, color, created_at) VALUES (?, ?, ?)').run(name, color, now).lastInsertRowid);
  }

  update(id: number, name: string, color: string): boolean {
    return stmt(this.db, 'UPDATE labels SET name = ?, color = ? WHERE id = ?').run(name, color, id).changes > 0;
  }

  /** Conversations that carried it, so their rows can be refreshed. */
  remove(id: number): number[] {
    const conversations = stmt<[number], { conversation_id: number }>(
      this.db,
      'SELECT conversation_id FROM conversation_labels WHERE label_id = ?',
    )
      .all(id)
      .map((r) => r.conversation_id);
    stmt(this.db, 'DELETE FROM labels WHERE id = ?').run(id);
    return conversations;
  }

  attach(conversationId: number, labelId: number): void {
    stmt(this.db, 'INSERT OR IGNORE INTO conversation_labels(conversation_id, label_id) VALUES (?, ?)').run(conversationId, labelId);
  }

  detach(conversationId: number, labelId: number): void {
    stmt(this.db, 'DELETE FROM conversation_labels WHERE conversation_id = ? AND label_id = ?').run(conversationId, labelId);
  }

  /** Label names per contact (through the contact's conversation), for the contacts export. */
  namesForContacts(contactIds: readonly number[]): Map<number, string[]> {
    const out = new Map<number, string[]>();
    if (contactIds.length === 0) return out;
    const rows = stmt<[string], { contact_id: number; name: string }>(
      this.db,
      `SELECT c.contact_id, l.name FROM conversations c
       JOIN conversation_labels cl ON cl.conversation_id = c.id JOIN labels l ON l.id = cl.label_id
       WHERE c.contact_id IN (SELECT value FROM json_each(?)) ORDER BY l.name COLLATE NOCASE`,
    ).all(JSON.stringify(contactIds));
    for (const r of rows) out.set(r.contact_id, [...(out.get(r.contact_id) ?? []), r.name]);
    return out;
  }
}
