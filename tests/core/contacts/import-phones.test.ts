// Imports never silently change numbers: the preview shows each phone as it will be stored (E.164) with its country;
// a local-format number that may belong to another country is flagged and kept as written; duplicate rows inside
// one file are reported and their extra fields kept on the surviving contact.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from '../../helpers/test-app';
import { finished } from './helpers';
import type { ImportPreview, ImportResult } from '../../../main/core/contacts/import';
import { ImportPhoneReader } from '../../../main/core/contacts/import-phone';

describe('import phones and in-file duplicates (German shop)', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await makeTestApp(); // region DE
  });
  afterEach(() => t.close());

  async function run(csv: string, commit = true): Promise<{ p: ImportPreview; r?: ImportResult }> {
    const bytes = Buffer.from(csv, 'utf8');
    const { uploadId } = await t.call('contacts.importBegin', { fileName: 'c.csv', size: bytes.length });
    await t.call('contacts.importChunk', { uploadId, index: 0, data: bytes.toString('base64') });
    const p = (await finished(t.app.services, await t.call('contacts.importPreview', { uploadId }))).result as ImportPreview;
    if (!commit) return { p };
    const r = (await finished(t.app.services, await t.call('contacts.importCommit', { uploadId }))).result as ImportResult;
    return { p, r };
  }

  it('a Vietnamese mobile written the local way is flagged, not turned into +49…, and kept in the notes as written', async () => {
    const { p, r } = await run('Name,Phone\nLan Nguyen,0912 345 678\nMax Müller,0151 1234 5678\nOma Erna,+49 30 123456\n');
    expect(p.samplePhones).toEqual([
      [
        {
          written: '0912 345 678',
          e164: null,
          display: '+49 9123 45678',
          country: 'DE',
          otherCountry: { e164: '+84912345678', display: '+84 912 345 678', country: 'VN' },
        },
      ],
      [{ written: '0151 1234 5678', e164: '+4915112345678', display: '+49 1511 2345678', country: 'DE', otherCountry: null }],
      [{ written: '+49 30 123456', e164: '+4930123456', display: '+49 30 123456', country: 'DE', otherCountry: null }],
    ]);
    expect(p.issues).toMatchObject([{ row: 2, severity: 'warning', code: 'phone_other_country', column: 'Phone', value: '0912 345 678' }]);
    expect(r).toEqual({ created: 3, merged: 0, skipped: 0, errors: 0 });
    const s = t.app.services;
    const all = s.db.prepare("SELECT external_id FROM identities WHERE channel = 'phone' ORDER BY external_id").all();
    expect(all).toEqual([{ external_id: '+4915112345678' }, { external_id: '+4930123456' }]);
    const lan = s.db.prepare("SELECT notes FROM contacts WHERE name = 'Lan Nguyen'").get();
    expect(lan).toEqual({ notes: 'Phone: 0912 345 678' });
  });

  it('reports duplicate rows and keeps their extra email and note on the surviving contact', async () => {
    const { p, r } = await run(
      'Name,Phone,Email,Note\nGreta,+49 151 1111 2222,,likes rye\nGreta L.,0151 11112222,greta@example.com,pays cash\n',
    );
    expect(p.issues).toEqual([{ row: 3, line: 3, severity: 'warning', code: 'duplicate_row', ref: 2 }]);
    expect(p.counts).toMatchObject({ rows: 2, create: 1, duplicateRows: 1 });
    expect(r).toEqual({ created: 1, merged: 0, skipped: 0, errors: 0 });
    const s = t.app.services;
    const id = (s.db.prepare("SELECT id FROM contacts WHERE name = 'Greta'").get() as { id: number }).id;
    const greta = s.contacts.get(id);
    expect(greta.identities.map((i) => [i.channel, i.externalId])).toEqual([
      ['phone', '+4915111112222'],
      ['email', 'greta@example.com'],
    ]);
    expect(greta.notes).toBe('likes rye\n\npays cash');
  });

  it('the same number is fine where it belongs: a Vietnamese shop stores 0912 345 678 as +84…', () => {
    expect(new ImportPhoneReader('VN').read('0912 345 678')).toMatchObject({ e164: '+84912345678', country: 'VN', otherCountry: null });
    // A UK mobile in a German shop is flagged the same way.
    expect(new ImportPhoneReader('DE').read('07911 123456')).toMatchObject({ e164: null, otherCountry: { e164: '+447911123456' } });
    // A number with its country code is never second-guessed.
    expect(new ImportPhoneReader('DE').read('+84 912 345 678')).toMatchObject({ e164: '+84912345678', country: 'VN', otherCountry: null });
  });
});
