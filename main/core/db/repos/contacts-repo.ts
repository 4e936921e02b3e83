// SQL for contacts, their identities and tags. The Contacts page list and export batches are in contacts-list-repo.ts;
// merge, erase and retention in contact-data-repo.ts.
import type { Db } from '../connection';
import { stmt } from '../statements';
import type { Contact, Identity } from '../../contacts/types';

interface ContactRow {
  id: number;
  name: string;
  notes: string;
  language: string | null;
  language_by_owner: number;
  created_at: number;
  updated_at: number;
}
export interface IdentityRow {
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

function toIdentity(r: IdentityRow): Identity {
  return { id: r.id, channel: r.channel, externalId: r.external_id, display: r.display, lastSeenAt: r.last_seen_at };
}
