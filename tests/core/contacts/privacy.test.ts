import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { makeTestApp, type TestApp } from '../../helpers/test-app';
import { DB_FILE } from '../../../main/core/app';
import { customerWrites } from './helpers';

const PHONE = '+4915187654321';
// A word with a prefix no other word here shares, so even the search index (which prefix-compresses terms) would
// hold it in full if it were still there.
const WORD = 'Quixotefjord';

describe('privacy: erase a customer, export their data, retention', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await makeTestApp();
  });
  afterEach(() => t.close());

  /** Every byte Lavka keeps on disk for its database: the main file, the write-ahead log and its index. */
  function databaseBytes(): Buffer {
    const base = join(t.dataDir, DB_FILE);
    return Buffer.concat(['', '-wal', '-shm'].filter((s) => existsSync(base + s)).map((s) => readFileSync(base + s)));
  }
  const found = (needle: string) => {
    const bytes = databaseBytes();
    return bytes.includes(Buffer.from(needle, 'utf8')) || bytes.includes(Buffer.from(needle.toLowerCase(), 'utf8'));
  };

  function customerWithHistory() {
    const s = t.app.services;
    const r = customerWrites(s, 'whatsapp', PHONE, `Hello, this is Greta. My code word is ${WORD}, call me at ${PHONE}`, 'wa-1');
    const conv = r.conversationId!;
    const contactId = s.repos.contacts.findIdentity('whatsapp', PHONE)!.contactId;
    s.contacts.update(contactId, { name: 'Greta Lindqvist', notes: `Prefers ${WORD} deliveries; phone ${PHONE}`, tags: ['vip'] });
    // An owner reply goes through the outbox and changes status afterwards (the row is rewritten, leaving old copies
    // in free space unless deletes are secure).
    const out = s.inbox.send(conv, `Thanks Greta, ${WORD} noted`);
    s.repos.messages.setExternalId(out.id, 'wa-out-1', 1);
    s.inbox.ack('whatsapp', 'wa-out-1', 'delivered');
    s.inbox.ack('whatsapp', 'wa-out-1', 'read');
    s.db
      .prepare(
        "INSERT INTO orders(number, contact_id, conversation_id, customer_name, status, address, note, currency, total_minor, created_at, updated_at) VALUES (41, ?, ?, 'Greta Lindqvist', 'completed', ?, ?, 'EUR', 4200, 1, 1)",
      )
      .run(contactId, conv, `Fjordgatan 1, ${PHONE}`, `ring ${WORD}`);
    s.db
      .prepare(
        `INSERT INTO reminders(contact_id, kind, source, template, due_at, fire_at, time_zone, local_due, status, created_at, updated_at)
       VALUES (?, 'custom', 'manual', ?, 1, 1, 'UTC', '2026-03-03T10:00', 'scheduled', 1, 1)`,
      )
      .run(contactId, `Hi Greta, ${WORD} is ready`);
    s.db
      .prepare("INSERT INTO contact_optouts(contact_id, at, channel, said, language) VALUES (?, 1, 'whatsapp', ?, 'en')")
      .run(contactId, `stop ${WORD}`);
    s.db
      .prepare("INSERT INTO assistant_audit(at, conversation_id, event, detail) VALUES (1, ?, 'held', ?)")
      .run(conv, `draft mentioning ${WORD}`);
    return { contactId, conv };
  }

  it('after "Delete this customer" their phone number and a word from their messages are nowhere in the database files', async () => {
    const s = t.app.services;
    const other = customerWrites(s, 'telegram', '777', 'Another customer asks about rye bread', 'tg-1');
    const { contactId } = customerWithHistory();
    // Make sure the data really reached the files (main file and WAL), so the check below can fail.
    s.db.pragma('wal_checkpoint(PASSIVE)');
    expect(found(WORD)).toBe(true);
    expect(found(PHONE)).toBe(true);

    const preview = await t.call('contacts.erasePreview', { contactId });
    expect(preview).toMatchObject({
      name: 'Greta Lindqvist',
      messages: 2,
      related: { orders: 1, reminders: 1, contact_optouts: 1, assistant_audit: 1 },
    });
    const r = await t.call('contacts.erase', { contactId });
    expect(r).toMatchObject({ messages: 2, walTruncated: true });

    expect(found(WORD)).toBe(false);
    expect(found(PHONE)).toBe(false);
    expect(found(PHONE.slice(1))).toBe(false);
    expect(found('Greta')).toBe(false);

    // The books keep the order's total, without the person.
    expect(s.db.prepare('SELECT number, contact_id, conversation_id, customer_name, address, note, total_minor FROM orders').all()).toEqual(
      [{ number: 41, contact_id: null, conversation_id: null, customer_name: '', address: '', note: '', total_minor: 4200 }],
    );
    for (const table of ['contacts', 'identities', 'reminders', 'contact_optouts', 'contact_tags']) {
      const n = (s.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
      expect(n, table).toBe(table === 'contacts' || table === 'identities' ? 1 : 0);
    }
    expect(s.db.prepare("SELECT count(*) AS n FROM messages_fts WHERE messages_fts MATCH 'quixotefjord'").get()).toEqual({ n: 0 });
    // Everyone else is untouched and still searchable.
    expect(s.inbox.searchAll('rye').conversations.map((c) => c.id)).toEqual([other.conversationId]);
  });

  it('can also delete the backups that still hold the customer, and makes a fresh one', async () => {
    const s = t.app.services;
    const { contactId } = customerWithHistory();
    await s.backup.backupNow('manual');
    t.clock.advance(1000);
    await s.backup.backupNow('auto');
    expect(s.backup.list()).toHaveLength(2);
    const r = await t.call('contacts.erase', { contactId, purgeBackups: true });
    expect(r.backupsDeleted).toBe(2);
    const left = s.backup.list();
    expect(left).toHaveLength(1);
    expect(readFileSync(join(s.backup.dir(), left[0].name)).includes(Buffer.from(WORD))).toBe(false);
  });

  it('exports one customer’s data as JSON (everything) and CSV (messages) for a data request', async () => {
    const s = t.app.services;
    const { contactId } = customerWithHistory();
    const json = await t.call('contacts.exportData', { contactId, format: 'json' });
    expect(json.fileName).toMatch(/^Greta Lindqvist \d{4}-\d{2}-\d{2} data\.json$/);
    const doc = JSON.parse(readFileSync(s.downloads.get(json.downloadId)!.path, 'utf8')) as {
      contact: unknown;
      messages: { text: string }[];
      related: Record<string, unknown[]>;
    };
    expect(doc.contact).toMatchObject({ name: 'Greta Lindqvist', tags: ['vip'], identities: [{ channel: 'whatsapp', address: PHONE }] });
    expect(doc.messages.map((m) => m.text)).toEqual([
      `Hello, this is Greta. My code word is ${WORD}, call me at ${PHONE}`,
      `Thanks Greta, ${WORD} noted`,
    ]);
    expect(doc.related.orders).toHaveLength(1);
    expect(doc.related.reminders).toHaveLength(1);
    expect(doc.related.contact_optouts).toHaveLength(1);

    const csv = await t.call('contacts.exportData', { contactId, format: 'csv' });
    const rows: string[][] = parse(readFileSync(s.downloads.get(csv.downloadId)!.path), { bom: true });
    expect(rows[0]).toEqual(['Date', 'Direction', 'Channel', 'From', 'Text', 'Status']);
    expect(rows.slice(1).map((r) => [r[1], r[3], r[4]])).toEqual([
      ['in', 'customer', `Hello, this is Greta. My code word is ${WORD}, call me at ${PHONE}`],
      ['out', 'owner', `Thanks Greta, ${WORD} noted`],
    ]);
  });

  it('keeps a message written over several lines in one row of the messages CSV', async () => {
    const s = t.app.services;
    customerWrites(s, 'whatsapp', PHONE, 'Two loaves please\nand one croissant', 'wa-lines');
    const contactId = s.repos.contacts.findIdentity('whatsapp', PHONE)!.contactId;
    const csv = await t.call('contacts.exportData', { contactId, format: 'csv' });
    const bytes = readFileSync(s.downloads.get(csv.downloadId)!.path);
    // Spreadsheets end a row at any unquoted line feed, so the cell must be quoted (a forgiving parser would not notice).
    expect(bytes.toString('utf8')).toContain(',"Two loaves please\nand one croissant",');
    const rows: string[][] = parse(bytes, { bom: true, record_delimiter: ['\r\n', '\n'] });
    expect(rows.map((r) => r[4])).toEqual(['Text', 'Two loaves please\nand one croissant']);
  });

  it('retention deletes messages older than N months, keeps unsent ones, and fixes the inbox preview', async () => {
    const s = t.app.services;
    const day = 86_400_000;
    const old = customerWrites(s, 'telegram', '42', `Old secret ${WORD}`, 'tg-old', t.clock.now() - 400 * day);
    const conv = old.conversationId!;
    customerWrites(s, 'telegram', '42', 'Recent question', 'tg-new', t.clock.now() - 10 * day);
    const other = customerWrites(s, 'telegram', '43', 'Only old message', 'tg-o', t.clock.now() - 500 * day);
    expect((await t.call('privacy.retentionPreview', { months: 12 })).messages).toBe(2);
    await t.call('privacy.set', { retentionMonths: 12 });
    const r = await t.call('privacy.applyRetention', {});
    expect(r.deleted).toBe(2);
    expect(s.inbox.page(conv, 10).map((m) => m.body)).toEqual(['Recent question']);
    expect(s.inbox.get(conv).lastPreview).toBe('Recent question');
    expect(s.inbox.get(other.conversationId!).lastPreview).toBe('');
    expect(found(WORD)).toBe(false);
  });

  it('runs retention once a day with the automatic backup', async () => {
    const s = t.app.services;
    s.backup.start();
    await t.call('privacy.set', { retentionMonths: 1 });
    customerWrites(s, 'telegram', '42', 'ancient', 'tg-a', t.clock.now() - 90 * 86_400_000);
    t.clock.advance(3 * 60_000);
    await vi.waitFor(() => expect(s.db.prepare('SELECT count(*) AS n FROM messages').get()).toEqual({ n: 0 }), { timeout: 10_000 });
    expect(s.backup.list().map((b) => b.kind)).toEqual(['auto']);
  });
});
