import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, readdirSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { makeTestApp, type TestApp } from '../../helpers/test-app';
import { addContact, downloaded, finished } from './helpers';
import { foldLine, vcardOf } from '../../../main/core/contacts/export';

// Text that breaks naive CSV writers and readers: quotes, separators, line breaks, emoji, right-to-left and invisible
// characters, leading/trailing spaces.
const TRICKY = [
  { name: 'Anna "Annie" Petrova', notes: 'Likes rye, not wheat', tags: ['vip', 'постоянный'] },
  { name: 'Smith, John', notes: 'line one\nline two\r\nline three', tags: [] },
  { name: 'Nguyễn Văn An 🥐🇻🇳', notes: '👨‍👩‍👧 family of three', tags: ['đặc biệt'] },
  { name: 'مريم الأحمد', notes: 'שלום — mixed RTL ‏עם‎ marks', tags: [] },
  { name: 'Zero\u200Bwidth\u200DJoiner\uFEFF', notes: '  padded  ', tags: [] },
  { name: 'Semi;colon', notes: 'tab\there', tags: [] },
];

describe('contacts export', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await makeTestApp();
  });
  afterEach(() => t.close());

  async function exportCsv(input: Parameters<TestApp['call']>[1] & object) {
    const job = await t.call('contacts.export', input as never);
    const done = await finished(t.app.services, job);
    return { done, bytes: downloaded(t.app.services, done) };
  }

  it('writes RFC 4180 CSV that a standard parser reads back exactly, with a BOM by default', async () => {
    const s = t.app.services;
    TRICKY.forEach((c, i) => addContact(s, { ...c, phones: [`+49151123456${i}`], emails: [`p${i}@example.com`] }));
    const { done, bytes } = await exportCsv({ columns: ['name', 'phones', 'emails', 'tags', 'notes'] });
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.includes(Buffer.from('\r\n'))).toBe(true);
    const rows: string[][] = parse(bytes, { bom: true, relax_column_count: false });
    expect(rows[0]).toEqual(['Name', 'Phones', 'Emails', 'Tags', 'Notes']);
    const byName = new Map(rows.slice(1).map((r) => [r[0], r]));
    expect(byName.size).toBe(TRICKY.length);
    TRICKY.forEach((c, i) => {
      const r = byName.get(c.name);
      expect(r, c.name).toBeDefined();
      expect(r).toEqual([c.name, `+49151123456${i}`, `p${i}@example.com`, [...c.tags].sort().join(', '), c.notes]);
    });
    expect(done.result).toMatchObject({ rows: TRICKY.length, fileName: expect.stringMatching(/^lavka-contacts-\d{4}-\d{2}-\d{2}\.csv$/) });
  });

  it('keeps a note typed over several lines in one cell, so the file reads back as the same contacts', async () => {
    const s = t.app.services;
    addContact(s, { name: 'Anna', notes: 'line one\nline two', phones: ['+4915111111111'] });
    addContact(s, { name: 'Boris', notes: 'ends in a return\r', phones: ['+4915122222222'] });
    const { bytes } = await exportCsv({ columns: ['name', 'phones', 'notes'] });
    expect(parse(bytes, { bom: true })).toEqual([
      ['Name', 'Phones', 'Notes'],
      ['Anna', '+4915111111111', 'line one\nline two'],
      ['Boris', '+4915122222222', 'ends in a return\r'],
    ]);
    // Lavka's own import of the file: two contacts, not a third one called "line two".
    const other = await makeTestApp();
    try {
      const { uploadId } = other.app.services.contacts.importer.put('contacts.csv', bytes);
      const preview = await finished(other.app.services, await other.call('contacts.importPreview', { uploadId }));
      expect(preview.result).toMatchObject({ counts: { rows: 2, create: 2, errors: 0 } });
      expect((preview.result as { sample: string[][] }).sample[0]).toEqual(['Anna', '+4915111111111', 'line one\nline two']);
    } finally {
      await other.close();
    }
  });

  it('leaves the BOM out when asked, and uses semicolons when asked', async () => {
    addContact(t.app.services, { name: 'Ольга', phones: ['+79123456789'] });
    const { bytes } = await exportCsv({ columns: ['name', 'phones'], bom: false, delimiter: ';' });
    expect(bytes[0]).not.toBe(0xef);
    expect(bytes.toString('utf8')).toBe('Name;Phones\r\nОльга;+79123456789\r\n');
  });

  it('defuses cells a spreadsheet would run as formulas, but keeps phone numbers and amounts usable', async () => {
    const evil = ['=HYPERLINK("http://x.example","click")', '+1+1', '-2+3', '@SUM(A1:A2)', '\tindent', '\rreturn', '=1+1'];
    const s = t.app.services;
    evil.forEach((name) =>
      addContact(s, { name, phones: ['+4915100000' + String(evil.indexOf(name)).padStart(3, '0')], notes: '=cmd|"/c calc"!A1' }),
    );
    const { bytes } = await exportCsv({ columns: ['name', 'phones', 'notes'] });
    const rows = csvRows(bytes).slice(1);
    expect(rows).toHaveLength(evil.length);
    for (const r of rows) {
      expect(r[0].startsWith("'"), r[0]).toBe(true);
      expect(evil).toContain(r[0].slice(1));
      expect(r[1]).toMatch(/^\+4915100000\d{3}$/);
      expect(r[2]).toBe(`'=cmd|"/c calc"!A1`);
    }
  });

  it('exports only the filtered contacts, or exactly the selected ones', async () => {
    const s = t.app.services;
    const a = addContact(s, { name: 'Alpha', tags: ['wholesale'], phones: ['+4915111111111'] });
    addContact(s, { name: 'Beta', tags: ['retail'], phones: ['+4915122222222'] });
    const c = addContact(s, { name: 'Gamma', tags: ['wholesale'], telegram: [{ id: '555000111' }] });
    const names = (b: Buffer) =>
      csvRows(b)
        .slice(1)
        .map((r) => r[0]);
    expect(names((await exportCsv({ columns: ['name'], filter: { tag: 'wholesale' } })).bytes)).toEqual(['Alpha', 'Gamma']);
    expect(names((await exportCsv({ columns: ['name'], filter: { channel: 'telegram' } })).bytes)).toEqual(['Gamma']);
    expect(names((await exportCsv({ columns: ['name'], ids: [c, a] })).bytes)).toEqual(['Alpha', 'Gamma']);
    expect(names((await exportCsv({ columns: ['name'], filter: { query: '0151 222' } })).bytes)).toEqual(['Beta']);
  });

  it('includes order count and total spent (cancelled and draft orders do not count) and the opt-out marker', async () => {
    const s = t.app.services;
    const id = addContact(s, { name: 'Buyer', phones: ['+4915133333333'] });
    const order = s.db.prepare(
      "INSERT INTO orders(number, contact_id, customer_name, status, currency, total_minor, created_at, updated_at) VALUES (?, ?, 'Buyer', ?, 'EUR', ?, 1, 1)",
    );
    order.run(1, id, 'completed', 1250);
    order.run(2, id, 'paid', 399);
    order.run(3, id, 'cancelled', 100000);
    order.run(null, id, 'draft', 777);
    s.db.prepare("INSERT INTO contact_optouts(contact_id, at, channel, said, language) VALUES (?, 1, 'whatsapp', 'STOP', 'en')").run(id);
    const { bytes } = await exportCsv({ columns: ['name', 'orderCount', 'orderTotal', 'optedOut'] });
    const rows: string[][] = parse(bytes, { bom: true });
    expect(rows).toEqual([
      ['Name', 'Orders', 'Total spent (EUR)', 'Opted out'],
      ['Buyer', '2', '16.49', 'yes'],
    ]);
  });

  it('writes headers and dates in the owner language and the business time zone', async () => {
    const s = t.app.services;
    s.settings.update({ preferences: { uiLanguage: 'ru' } });
    addContact(s, { name: 'Иван', phones: ['+79001234567'] });
    s.inbox.receive({
      channel: 'whatsapp',
      externalId: 'w1',
      from: { externalId: '+79001234567', display: '' },
      kind: 'text',
      body: 'привет',
      at: Date.parse('2026-03-01T23:30:00Z'),
    });
    const { bytes } = await exportCsv({ columns: ['name', 'lastContact'] });
    // Europe/Berlin is UTC+1 in March: 23:30 UTC is 00:30 the next day there.
    expect(parse(bytes, { bom: true })).toEqual([
      ['Имя', 'Последний контакт'],
      ['Иван', '2026-03-02 00:30'],
    ]);
  });

  it('refuses columns that do not exist and an empty column list', async () => {
    await expect(t.call('contacts.export', { columns: ['nope' as never] })).rejects.toThrow(/invalid_input/);
    const job = await t.call('contacts.export', { columns: [] });
    const done = await t.app.services.jobs.wait(job.id);
    expect(done).toMatchObject({ state: 'failed', error: { code: 'invalid_input' } });
  });

  it('a cancelled export leaves no file behind, neither the final one nor the temporary one', async () => {
    const s = t.app.services;
    s.db.transaction(() => {
      for (let i = 0; i < 5000; i++) s.repos.contacts.create({ name: `Contact ${i}` }, 1);
    })();
    const job = await t.call('contacts.export', { columns: ['name'] });
    await t.call('contacts.jobCancel', { jobId: job.id });
    const done = await s.jobs.wait(job.id);
    expect(done.state).toBe('cancelled');
    expect(readdirSync(s.downloads.dir)).toEqual([]);
  });

  it('writes a Google Contacts CSV with Google’s headers, labels and " ::: " for several values', async () => {
    const s = t.app.services;
    addContact(s, {
      name: 'Olena Koval',
      phones: ['+380501112233', '+4915144444444'],
      emails: ['o@example.com'],
      tags: ['vip'],
      notes: 'note',
      telegram: [{ id: '123456', display: 'Olena Koval (@olena)' }],
    });
    const { bytes, done } = await exportCsv({ format: 'google' });
    expect((done.result as { fileName: string }).fileName).toMatch(/-google\.csv$/);
    const [header, row] = csvRows(bytes);
    expect(header.slice(0, 3)).toEqual(['First Name', 'Middle Name', 'Last Name']);
    const rec = Object.fromEntries(header.map((h, i) => [h, row[i]]));
    expect(rec).toMatchObject({
      'First Name': 'Olena Koval',
      Labels: '* myContacts ::: vip',
      'E-mail 1 - Value': 'o@example.com',
      'Phone 1 - Label': 'Mobile',
      'Phone 1 - Value': '+380501112233 ::: +4915144444444',
      Notes: 'note\nTelegram: 123456 (@olena)',
    });
  });

  it('writes vCard 3.0 with escaped text and lines folded at 75 octets without splitting a character', async () => {
    const s = t.app.services;
    addContact(s, {
      name: 'Doe; Jane, Jr.',
      phones: ['+4915155555555'],
      emails: ['jane@example.com'],
      notes: 'Line 1\nLine 2 with a \\ backslash',
      tags: ['a,b'],
    });
    const { bytes } = await exportCsv({ format: 'vcard' });
    const text = bytes.toString('utf8');
    expect(text.startsWith('BEGIN:VCARD\r\nVERSION:3.0\r\n')).toBe(true);
    expect(text).toContain('FN:Doe\\; Jane\\, Jr.\r\n');
    expect(text).toContain('TEL;TYPE=CELL:+4915155555555\r\n');
    expect(text).toContain('NOTE:Line 1\\nLine 2 with a \\\\ backslash\r\n');
    expect(text).toContain('CATEGORIES:a\\,b\r\n');
    const long = vcardOf({
      id: 1,
      name: 'Ж'.repeat(60),
      notes: '',
      language: null,
      createdAt: 0,
      identities: [],
      tags: [],
      labels: [],
      firstContactAt: null,
      lastContactAt: null,
      orderCount: null,
      orderTotal: null,
      optedOut: null,
    });
    for (const line of long.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expect(long.replace(/\r\n /g, '')).toContain('FN:' + 'Ж'.repeat(60));
    expect(foldLine('short')).toBe('short');
  });

  it('streams 20,000 contacts in name order across batches without losing or repeating one', async () => {
    const s = t.app.services;
    s.db.transaction(() => {
      for (let i = 0; i < 20_000; i++) s.repos.contacts.create({ name: i % 3 === 0 ? 'same name' : `c${String(i).padStart(5, '0')}` }, 1);
    })();
    const { bytes } = await exportCsv({ columns: ['id', 'name'] });
    const rows = csvRows(bytes).slice(1);
    expect(rows).toHaveLength(20_000);
    expect(new Set(rows.map((r) => r[0])).size).toBe(20_000);
    expect(existsSync(s.downloads.dir)).toBe(true);
  });
});

/** The rows of a CSV file Lavka wrote (it starts with a BOM). */
function csvRows(input: Buffer): string[][] {
  return parse(input, { bom: true });
}
