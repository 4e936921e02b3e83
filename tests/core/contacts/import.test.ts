import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from '../../helpers/test-app';
import { addContact, downloaded, finished } from './helpers';
import type { ImportPreview, ImportResult } from '../../../main/core/contacts/import';
import { guessMapping } from '../../../main/core/contacts/import-map';
import { detectDelimiter, readRecords } from '../../../main/core/contacts/csv-read';

// Everything that goes wrong in real spreadsheets at once: Russian headers, semicolons, phone numbers in four
// formats, a doubled-up customer, a row with missing columns, a blank row, broken and unclosed quotes, bad values.
const MESSY = [
  'Имя;Телефон;Email;Метки;Комментарий',
  'Анна Петрова;8 912 345-67-89;anna@example.com;vip, постоянный;"Любит ""ржаной""; забирает по пятницам"',
  'John Smith;+49 151 1234 5678;JOHN@Example.com;;',
  'Bad Phone;12-34;;;',
  '"Broken "quote" row;+7 900 000 00 01;;;',
  'Missing Columns;+7 900 000-00-02',
  'Анна (дубль);+7 (912) 345 67 89;;новая;',
  ';;;;',
  'Only A Name;;;;just a note',
  'Bad Email;;not-an-email;;',
  '"Unclosed;+7 900 000 00 03;;;',
  'Last Row;007 900 000 00 04;;;',
  '',
].join('\r\n');

describe('contacts import', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await makeTestApp();
    t.app.services.settings.update({ business: { region: 'RU' } });
  });
  afterEach(() => t.close());

  const snapshot = () => {
    const db = t.app.services.db;
    return {
      contacts: db.prepare('SELECT id, name, notes, language FROM contacts ORDER BY id').all(),
      identities: db.prepare('SELECT contact_id, channel, external_id FROM identities ORDER BY id').all(),
      tags: db.prepare('SELECT contact_id, tag FROM contact_tags ORDER BY contact_id, tag').all(),
    };
  };

  async function upload(text: string | Buffer, name = 'customers.csv'): Promise<string> {
    const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
    const { uploadId } = await t.call('contacts.importBegin', { fileName: name, size: bytes.length });
    // Two chunks, as the UI sends big files.
    const half = Math.floor(bytes.length / 2);
    await t.call('contacts.importChunk', { uploadId, index: 0, data: bytes.subarray(0, half).toString('base64') });
    await t.call('contacts.importChunk', { uploadId, index: 1, data: bytes.subarray(half).toString('base64') });
    return uploadId;
  }

  async function preview(uploadId: string, extra: object = {}): Promise<ImportPreview> {
    const job = await t.call('contacts.importPreview', { uploadId, ...extra });
    return (await finished(t.app.services, job)).result as ImportPreview;
  }

  it('previews a messy semicolon file with exact per-row errors, and changes nothing', async () => {
    const existing = addContact(t.app.services, { name: '+4915112345678', phones: ['+4915112345678'] });
    const before = snapshot();
    const uploadId = await upload(MESSY);
    const p = await preview(uploadId);
    expect(p.delimiter).toBe(';');
    expect(p.encoding).toBe('utf-8');
    expect(p.headers).toEqual(['Имя', 'Телефон', 'Email', 'Метки', 'Комментарий']);
    expect(p.mapping).toEqual(['name', 'phone', 'email', 'tags', 'notes']);
    expect(p.issues).toEqual([
      { row: 3, line: 3, severity: 'warning', code: 'matches_contact', ref: existing },
      { row: 4, line: 4, severity: 'error', code: 'bad_phone', column: 'Телефон', value: '12-34' },
      { row: 5, line: 5, severity: 'error', code: 'broken_quotes' },
      { row: 7, line: 7, severity: 'warning', code: 'duplicate_row', ref: 2 },
      { row: 10, line: 10, severity: 'error', code: 'bad_email', column: 'Email', value: 'not-an-email' },
      { row: 11, line: 11, severity: 'error', code: 'broken_quotes' },
    ]);
    expect(p.counts).toEqual({ rows: 10, create: 4, merge: 1, duplicateRows: 1, skipped: 0, errors: 4, warnings: 2 });
    expect(p.sample[0]).toEqual([
      'Анна Петрова',
      '8 912 345-67-89',
      'anna@example.com',
      'vip, постоянный',
      'Любит "ржаной"; забирает по пятницам',
    ]);
    expect(snapshot()).toEqual(before);
  });

  it('refuses to commit while rows have errors, and changes nothing', async () => {
    const before = snapshot();
    const uploadId = await upload(MESSY);
    const job = await t.call('contacts.importCommit', { uploadId });
    const done = await t.app.services.jobs.wait(job.id);
    expect(done.state).toBe('failed');
    expect(done.error?.message).toMatch(/4 rows have errors/);
    expect(snapshot()).toEqual(before);
  });

  it('changes nothing when the owner cancels the import', async () => {
    const before = snapshot();
    const uploadId = await upload(MESSY);
    const job = await t.call('contacts.importCommit', { uploadId, skipErrors: true });
    await t.call('contacts.jobCancel', { jobId: job.id });
    const done = await t.app.services.jobs.wait(job.id);
    expect(done.state).toBe('cancelled');
    expect(snapshot()).toEqual(before);
  });

  it('imports the good rows in E.164, merges duplicates and the existing contact, when told to skip bad rows', async () => {
    const s = t.app.services;
    const existing = addContact(s, { name: '+4915112345678', phones: ['+4915112345678'] });
    const uploadId = await upload(MESSY);
    const job = await t.call('contacts.importCommit', { uploadId, skipErrors: true });
    const r = (await finished(s, job)).result as ImportResult;
    expect(r).toEqual({ created: 4, merged: 1, skipped: 0, errors: 4 });
    const people = s.db.prepare('SELECT id, name, notes FROM contacts ORDER BY id').all() as { id: number; name: string; notes: string }[];
    expect(people.map((p) => p.name)).toEqual(['John Smith', 'Анна Петрова', 'Missing Columns', 'Only A Name', 'Last Row']);
    // The existing contact whose "name" was only its number got the real name from the file.
    expect(people[0].id).toBe(existing);
    const anna = s.contacts.get(people[1].id);
    expect(anna.identities.map((i) => [i.channel, i.externalId])).toEqual([
      ['phone', '+79123456789'],
      ['email', 'anna@example.com'],
    ]);
    expect(anna.tags).toEqual(['vip', 'новая', 'постоянный']);
    expect(anna.notes).toBe('Любит "ржаной"; забирает по пятницам');
    expect(s.contacts.get(existing).identities.map((i) => i.externalId)).toEqual(['+4915112345678', 'john@example.com']);
    expect(s.contacts.get(people[2].id).identities[0].externalId).toBe('+79000000002');
    expect(s.contacts.get(people[4].id).identities[0].externalId).toBe('+79000000004');
    expect(s.contacts.get(people[3].id)).toMatchObject({ notes: 'just a note', identities: [] });
    // An imported number has never written to us; replies prefer channels the customer actually used.
    expect(anna.identities[0].lastSeenAt).toBeNull();
  });

  it('skips rows that match existing contacts when asked to, and says which', async () => {
    const s = t.app.services;
    const existing = addContact(s, { name: 'Anna', emails: ['anna@example.com'] });
    const uploadId = await upload('Name,Email,Phone\nAnna P.,ANNA@example.com,\nNew One,,+7 900 123 45 67\nNew One Again,,89001234567\n');
    const p = await preview(uploadId, { duplicates: 'skip' });
    expect(p.delimiter).toBe(',');
    expect(p.issues).toEqual([
      { row: 2, line: 2, severity: 'warning', code: 'matches_contact', ref: existing },
      { row: 4, line: 4, severity: 'warning', code: 'duplicate_row', ref: 3 },
    ]);
    const job = await t.call('contacts.importCommit', { uploadId, duplicates: 'skip' });
    // "Skip" is about contacts already in Lavka; the in-file duplicate is merged into row 3, not dropped.
    expect((await finished(s, job)).result).toEqual({ created: 1, merged: 0, skipped: 1, errors: 0 });
    expect(s.contacts.get(existing).name).toBe('Anna');
  });

  it('reads tab-separated files, UTF-8 with a BOM, and multi-line quoted notes with the right row numbers', async () => {
    const text = '\uFEFFName\tPhone\tNotes\n"Multi\nLine"\t+49 30 1234567\t"a\nb\nc"\nBad\t123\t\n';
    const p = await preview(await upload(text));
    expect(p.encoding).toBe('utf-8-bom');
    expect(p.delimiter).toBe('\t');
    expect(p.headers[0]).toBe('Name');
    expect(p.sample[0]).toEqual(['Multi\nLine', '+49 30 1234567', 'a\nb\nc']);
    // The bad row is the third spreadsheet row, but starts on text line 6.
    expect(p.issues).toEqual([{ row: 3, line: 6, severity: 'error', code: 'bad_phone', column: 'Phone', value: '123' }]);
  });

  it('says clearly when a file is not UTF-8, and reads it when the owner names the encoding', async () => {
    const cp1251 = Buffer.from([...Buffer.from('Name;Phone\n'), 0xc8, 0xe2, 0xe0, 0xed, ...Buffer.from(';+79001112233\n')]);
    const uploadId = await upload(cp1251);
    const job = await t.call('contacts.importPreview', { uploadId });
    const done = await t.app.services.jobs.wait(job.id);
    expect(done.state).toBe('failed');
    expect(done.error?.message).toMatch(/not UTF-8.*Windows-1251.*CSV UTF-8/s);
    const p = await preview(uploadId, { encoding: 'windows-1251' });
    expect(p.sample[0]).toEqual(['Иван', '+79001112233']);
    const utf16 = await upload(Buffer.from([0xff, 0xfe, 0x4e, 0x00]));
    const j2 = await t.app.services.jobs.wait((await t.call('contacts.importPreview', { uploadId: utf16 })).id);
    expect(j2.error?.message).toMatch(/UTF-16/);
  });

  it('flags a row with more cells than headers (an unquoted separator inside a value)', async () => {
    const p = await preview(await upload('Name,Phone\n"Smith, John",+4930123456\nSmith, Jane,+4930123457\n'));
    expect(p.issues).toEqual([{ row: 3, line: 3, severity: 'error', code: 'too_many_cells', value: '3', ref: 2 }]);
  });

  it('keeps a Telegram @username in notes (a bot needs the numeric id) and imports numeric ids', async () => {
    const s = t.app.services;
    const uploadId = await upload('Name,Telegram\nTg Id,123456789\nTg User,@anna_p\n');
    const p = await preview(uploadId);
    expect(p.issues).toEqual([{ row: 3, line: 3, severity: 'warning', code: 'telegram_username', column: 'Telegram', value: '@anna_p' }]);
    await finished(s, await t.call('contacts.importCommit', { uploadId }));
    const ids = s.db.prepare("SELECT external_id FROM identities WHERE channel = 'telegram'").all();
    expect(ids).toEqual([{ external_id: '123456789' }]);
    expect(s.db.prepare("SELECT notes FROM contacts WHERE name = 'Tg User'").get()).toEqual({ notes: 'Telegram: @anna_p' });
  });

  it('round-trips: what Lavka exports, Lavka imports into an empty shop unchanged', async () => {
    const s = t.app.services;
    s.settings.update({ business: { region: 'DE' } });
    addContact(s, {
      name: 'Anna "A" Petrova',
      phones: ['+4915111111111', '+4930123456'],
      emails: ['a@example.com'],
      tags: ['vip', 'b2b'],
      notes: 'multi\nline; with, separators',
      telegram: [{ id: '100200300' }],
    });
    addContact(s, { name: '=Formula Guy', phones: ['+4915122222222'] });
    const job = await t.call('contacts.export', {
      columns: ['name', 'phones', 'emails', 'telegram', 'tags', 'notes', 'firstContact', 'orderTotal'],
    });
    const file = downloaded(s, await finished(s, job));

    const other = await makeTestApp();
    try {
      const o = other.app.services;
      const { uploadId } = o.contacts.importer.put('export.csv', file);
      const pj = await other.call('contacts.importPreview', { uploadId });
      const p = (await finished(o, pj)).result as ImportPreview;
      expect(p.mapping).toEqual(['name', 'phone', 'email', 'telegram', 'tags', 'notes', 'ignore', 'ignore']);
      expect(p.issues).toEqual([]);
      await finished(o, await other.call('contacts.importCommit', { uploadId }));
      const byName = (n: string) => o.contacts.get((o.db.prepare('SELECT id FROM contacts WHERE name = ?').get(n) as { id: number }).id);
      const anna = byName('Anna "A" Petrova');
      expect(anna).toMatchObject({ name: 'Anna "A" Petrova', notes: 'multi\nline; with, separators', tags: ['b2b', 'vip'] });
      expect(anna.identities.map((i) => `${i.channel}:${i.externalId}`)).toEqual([
        'phone:+4915111111111',
        'phone:+4930123456',
        'email:a@example.com',
        'telegram:100200300',
      ]);
      // The apostrophe that defused the formula on export is taken off again on import.
      expect(byName('=Formula Guy').identities[0].externalId).toBe('+4915122222222');
    } finally {
      await other.close();
    }
  });

  it('guesses columns from English, Russian and Google headers', () => {
    expect(guessMapping(['ФИО', 'Мобильный телефон', 'Эл. почта', 'Телеграм', 'Теги', 'Примечание', 'Дата'])).toEqual([
      'name',
      'phone',
      'email',
      'telegram',
      'tags',
      'notes',
      'ignore',
    ]);
    expect(guessMapping(['Имя', 'Фамилия', 'Отчество', 'Тел.'])).toEqual(['firstName', 'lastName', 'middleName', 'phone']);
    expect(
      guessMapping([
        'First Name',
        'Last Name',
        'Labels',
        'E-mail 1 - Label',
        'E-mail 1 - Value',
        'Phone 1 - Label',
        'Phone 1 - Value',
        'Notes',
      ]),
    ).toEqual(['firstName', 'lastName', 'tags', 'ignore', 'email', 'ignore', 'phone', 'notes']);
    expect(guessMapping(['Customer', 'WhatsApp', 'Hotel', 'Order number'])).toEqual(['name', 'phone', 'ignore', 'ignore']);
  });

  it('reads records per RFC 4180 and resynchronises after broken quoting', () => {
    const recs = [...readRecords('a,b\n"x ""y""",2\n"bad"x,3\nok,4\n"open,5\nlast,6', ',')];
    expect(recs.map((r) => (r.ok ? r.fields : r.reason))).toEqual([
      ['a', 'b'],
      ['x "y"', '2'],
      'bad_quote',
      ['ok', '4'],
      'unclosed_quote',
      ['last', '6'],
    ]);
    expect(recs.map((r) => r.row)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(detectDelimiter('a;b;c\n1;2,5;3\n')).toBe(';');
    expect(detectDelimiter('a,b\n"x;y",2\n')).toBe(',');
  });

  it('refuses an upload chunk that skips ahead, and a file over the size limit', async () => {
    const { uploadId } = await t.call('contacts.importBegin', { fileName: 'x.csv', size: 10 });
    await expect(t.call('contacts.importChunk', { uploadId, index: 1, data: 'AAAA' })).rejects.toThrow(/chunk 1 arrived before chunk 0/);
    await expect(t.call('contacts.importBegin', { fileName: 'x.csv', size: 60 * 1024 * 1024 })).rejects.toThrow(/invalid_input/);
  });
});
