// Erase means gone: erasing a customer also deletes the export files that may hold them and their download links.
import { describe, expect, it } from 'vitest';
import { existsSync, writeFileSync } from 'node:fs';
import { makeTestApp } from '../../helpers/test-app';
import { customerWrites, finished } from './helpers';

describe('erasing a customer removes their exports', () => {
  it('their data export and every contacts export are deleted and stop downloading; other customers’ data requests stay', async () => {
    const t = await makeTestApp();
    try {
      const s = t.app.services;
      customerWrites(s, 'whatsapp', '+4915187654321', 'Hello, Greta here', 'wa-1');
      customerWrites(s, 'telegram', '777', 'Hi, Ivan here', 'tg-1');
      const greta = s.repos.contacts.findIdentity('whatsapp', '+4915187654321')!.contactId;
      const ivan = s.repos.contacts.findIdentity('telegram', '777')!.contactId;
      const gretaData = await t.call('contacts.exportData', { contactId: greta, format: 'json' });
      const ivanData = await t.call('contacts.exportData', { contactId: ivan, format: 'csv' });
      const all = (await finished(s, await t.call('contacts.export', { columns: ['name', 'phones'] }))).result as { downloadId: string };
      const paths = [gretaData.downloadId, ivanData.downloadId, all.downloadId].map((id) => s.downloads.get(id)!.path);
      expect(paths.every((p) => existsSync(p))).toBe(true);

      await t.call('contacts.erase', { contactId: greta });

      expect(s.downloads.get(gretaData.downloadId)).toBeUndefined();
      expect(s.downloads.get(all.downloadId)).toBeUndefined();
      expect(existsSync(paths[0])).toBe(false);
      expect(existsSync(paths[2])).toBe(false);
      expect(s.downloads.get(ivanData.downloadId)?.path).toBe(paths[1]);
      expect(existsSync(paths[1])).toBe(true);
    } finally {
      await t.close();
    }
  });

  it('a file still being written when its customer is erased is thrown away instead of becoming a download', async () => {
    const t = await makeTestApp({ startWorkers: false });
    try {
      const d = t.app.services.downloads;
      const all = d.newPath('contacts.csv');
      const other = d.newPath('ivan.json', [2]);
      writeFileSync(all.path, 'name\nGreta');
      writeFileSync(other.path, '{}');
      d.forgetContact(1);
      expect(() => d.add(all.id, all.path, 'contacts.csv', 'text/csv')).toThrow(/Export again/);
      expect(existsSync(all.path)).toBe(false);
      expect(d.add(other.id, other.path, 'ivan.json', 'application/json', [2]).path).toBe(other.path);
    } finally {
      await t.close();
    }
  });
});
