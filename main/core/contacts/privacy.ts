// The customer's data rights: "Delete this customer" (erase, so the text is gone from the database files, not just
// hidden), "Export this customer's data" (JSON + CSV for a data request), and the optional message retention period.
import { writeFile } from 'node:fs/promises';
import { z } from 'zod';
import type { Clock } from '../clock';
import type { Db } from '../db/connection';
import type { ContactsRepo } from '../db/repos/contacts-repo';
import type { ContactsListRepo } from '../db/repos/contacts-list-repo';
import type { ContactDataRepo } from '../db/repos/contact-data-repo';
import { notFound } from '../errors';
import type { DomainBus } from '../domain-events';
import type { EventBus } from '../events';
import type { SettingsService } from '../settings/service';
import { UTF8_BOM, csvRows, formatDateTime } from './csv-cells';
import type { Downloads } from './downloads';
import { linkedRefs, type ContactExtensions } from './facts';
import type { ContactMerger } from './merge';

export const privacySettingsSchema = z.object({
  /** Delete messages older than this many months; 0 keeps everything. */
  retentionMonths: z.number().int().min(0).max(240),
});
export type PrivacySettings = z.infer<typeof privacySettingsSchema>;
export const DEFAULT_PRIVACY: PrivacySettings = { retentionMonths: 0 };

export interface EraseSummary {
  contactId: number;
  messages: number;
  related: Record<string, number>;
  /** Whether the write-ahead log could be folded back and emptied right away. */
  walTruncated: boolean;
}

export interface PrivacyDeps {
  db: Db;
  contacts: ContactsRepo;
  data: ContactDataRepo;
  list: ContactsListRepo;
  merger: ContactMerger;
  events: EventBus;
  clock: Clock;
  settings: SettingsService;
  downloads: Downloads;
  ext: () => ContactExtensions;
  /** Waits until no backup is reading the database (a reader would keep old pages alive in the WAL). */
  quiesce: () => Promise<void>;
  domain?: DomainBus;
  /** The conversation's photos, voice notes and files for the JSON export (the media domain). */
  attachments?: (conversationId: number) => Promise<unknown[]>;
}

const RETENTION_BATCH = 2000;

export class PrivacyService {
  constructor(private readonly d: PrivacyDeps) {}

  settings(): PrivacySettings {
    return this.d.settings.section('privacy', privacySettingsSchema, DEFAULT_PRIVACY);
  }

  setSettings(v: PrivacySettings): PrivacySettings {
    return this.d.settings.setSection('privacy', privacySettingsSchema, v);
  }

  /** What erasing would remove, for the confirmation dialog. */
  erasePreview(contactId: number): { name: string; messages: number; related: Record<string, number> } {
    const c = this.d.contacts.get(contactId);
    if (!c) throw notFound('Contact', contactId);
    const conv = this.d.data.conversationOf(contactId);
    return { name: c.name, messages: conv ? this.d.data.messageCount(conv.id) : 0, related: this.related(contactId, conv?.id) };
  }

  private related(contactId: number, conversationId: number | undefined): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [table, refs] of linkedRefs(this.d.ext().linked, contactId, conversationId)) {
      const n = this.d.data.countLinked(table, refs);
      if (n > 0) out[table] = n;
    }
    return out;
  }

  /**
   * Erases a customer: messages (and their search index entries), identities, tags, notes, reminders, opt-out records;
   * orders stay for the books with the personal fields blanked. Then the search indexes are rewritten and the WAL is
   * folded back and truncated, and with secure_delete on (see db/connection.ts) freed pages are zeroed — so the text is
   * gone from lavka.sqlite and lavka.sqlite-wal, not merely unlinked.
   */
  async erase(contactId: number): Promise<EraseSummary> {
    if (!this.d.contacts.exists(contactId)) throw notFound('Contact', contactId);
    const conv = this.d.data.conversationOf(contactId);
    const related = this.related(contactId, conv?.id);
    const messages = this.d.db
      .transaction(() => {
        this.d.data.anonymiseKept(contactId, conv?.id ?? null);
        // Linked tables follow their declared erase rule through their foreign keys (contacts/links.ts: 'delete' is
        // ON DELETE CASCADE, 'keep' is SET NULL; tests/core/contacts/links.test.ts holds the two together).
        const n = conv ? this.d.data.deleteMessagesOf(conv.id) : 0;
        this.d.data.deleteContact(contactId);
        return n;
      })
      .immediate();
    // Their earlier exports and data requests go too: a download link must not outlive the erase.
    this.d.downloads.forgetContact(contactId);
    this.d.events.emit('contact.removed', { contactId, conversationId: conv?.id ?? null });
    this.d.domain?.emit({ type: 'contact.removed', contactId });
    const walTruncated = await this.scrub();
    return { contactId, messages, related, walTruncated };
  }

  /** Makes deletions physical: FTS segments rewritten, WAL checkpointed into the main file and truncated to zero. */
  async scrub(): Promise<boolean> {
    this.d.data.optimizeFts();
    await this.d.quiesce();
    for (let attempt = 0; attempt < 5; attempt++) {
      const [r] = this.d.db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number; checkpointed: number }[];
      if (r.busy === 0) return true;
      await new Promise((res) => setImmediate(res));
    }
    return false;
  }

  /** Everything Lavka holds about one customer, as JSON (complete) and CSV (their messages), for a data request. */
  async exportCustomer(contactId: number, format: 'json' | 'csv'): Promise<{ downloadId: string; fileName: string; size: number }> {
    const c = this.d.contacts.get(contactId);
    if (!c) throw notFound('Contact', contactId);
    const conv = this.d.data.conversationOf(contactId);
    const biz = this.d.settings.get().business;
    const messages = conv ? this.d.data.allMessages(conv.id) : [];
    const base = `${c.name} ${formatDateTime(this.d.clock.now(), biz.timeZone).slice(0, 10)}`;
    let text: string;
    let fileName: string;
    let mime: string;
    if (format === 'json') {
      const related: Record<string, unknown[]> = {};
      for (const [table, refs] of linkedRefs(this.d.ext().linked, contactId, conv?.id)) {
        const rows = this.d.data.linkedRows(table, refs);
        if (rows.length) related[table] = rows;
      }
      const orderIds = (related.orders ?? []).map((o) => (o as { id: number }).id);
      if (orderIds.length) related.order_lines = this.d.data.childRows('order_lines', 'order_id', orderIds);
      const row = this.d.list.exportRow(contactId, this.d.ext());
      const doc = {
        exportedAt: new Date(this.d.clock.now()).toISOString(),
        exportedBy: biz.name,
        contact: {
          id: c.id,
          name: c.name,
          notes: c.notes,
          language: c.language,
          tags: c.tags,
          createdAt: new Date(c.createdAt).toISOString(),
          identities: c.identities.map((i) => ({ channel: i.channel, address: i.externalId, display: i.display })),
          firstContact: row?.firstContactAt ? new Date(row.firstContactAt).toISOString() : null,
          lastContact: row?.lastContactAt ? new Date(row.lastContactAt).toISOString() : null,
        },
        messages: messages.map((m) => ({
          at: new Date(m.created_at).toISOString(),
          direction: m.direction,
          channel: m.channel,
          author: m.author,
          kind: m.kind,
          text: m.body,
          status: m.status,
        })),
        related,
        attachments: conv && this.d.attachments ? await this.d.attachments(conv.id) : [],
      };
      text = JSON.stringify(doc, null, 2);
      fileName = `${base} data.json`;
      mime = 'application/json; charset=utf-8';
    } else {
      const rows = [
        ['Date', 'Direction', 'Channel', 'From', 'Text', 'Status'],
        ...messages.map((m) => [formatDateTime(m.created_at, biz.timeZone), m.direction, m.channel, m.author, m.body, m.status]),
      ];
      text = UTF8_BOM + csvRows(rows, ',');
      fileName = `${base} messages.csv`;
      mime = 'text/csv; charset=utf-8';
    }
    const { id, path } = this.d.downloads.newPath(fileName, [contactId]);
    await writeFile(path, text, 'utf8');
    const f = this.d.downloads.add(id, path, fileName, mime, [contactId]);
    return { downloadId: f.id, fileName: f.fileName, size: f.size };
  }

  private cutoff(months: number): number {
    const d = new Date(this.d.clock.now());
    d.setUTCMonth(d.getUTCMonth() - months);
    return d.getTime();
  }

  retentionPreview(months = this.settings().retentionMonths): { months: number; messages: number; cutoff: number | null } {
    if (months <= 0) return { months, messages: 0, cutoff: null };
    const cutoff = this.cutoff(months);
    return { months, messages: this.d.data.countOldMessages(cutoff), cutoff };
  }

  /**
   * Deletes messages older than the retention period in small transactions (the inbox keeps working meanwhile),
   * then fixes the inbox rows whose shown message went and makes the deletion physical.
   */
  async applyRetention(): Promise<{ deleted: number }> {
    const months = this.settings().retentionMonths;
    if (months <= 0) return { deleted: 0 };
    const cutoff = this.cutoff(months);
    let deleted = 0;
    const touched = new Set<number>();
    for (;;) {
      const batch = this.d.data.oldMessages(cutoff, RETENTION_BATCH);
      if (batch.length === 0) break;
      this.d.db.transaction(() => {
        deleted += this.d.data.deleteMessages(batch.map((m) => m.id));
      })();
      for (const m of batch) touched.add(m.conversation_id);
      await new Promise((r) => setImmediate(r));
    }
    if (deleted === 0) return { deleted };
    this.d.db.transaction(() => {
      for (const id of touched) {
        const row = this.d.data.conversationById(id);
        if (row) this.d.merger.rebuildSummary(id, { unread: row.unread_count, createdAt: row.created_at, lastAt: row.last_message_at });
      }
    })();
    await this.scrub();
    return { deleted };
  }
}
