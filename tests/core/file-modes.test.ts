// Only the owner's account can read Lavka's files (POSIX modes; Windows relies on the per-user app-data folder).
import { describe, expect, it } from 'vitest';
import { chmodSync, existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTestApp, tempDir } from '../helpers/test-app';
import { DB_FILE } from '../../main/core/app';
import { SECRETS_FILE } from '../../main/core/secrets/secret-store';
import { customerWrites, finished } from './contacts/helpers';

const mode = (p: string) => statSync(p).mode & 0o777;

describe.skipIf(process.platform === 'win32')('file modes', () => {
  it('a new data folder is 0700; database, WAL, SHM, backups, exports and secrets are 0600', async () => {
    const t = await makeTestApp();
    try {
      const s = t.app.services;
      customerWrites(s, 'telegram', '42', 'hello', 'tg-1');
      s.secrets.set('test', 'x');
      const backup = await s.backup.backupNow('manual');
      const exp = await finished(s, await t.call('contacts.export', { columns: ['name'] }));
      const download = s.downloads.get((exp.result as { downloadId: string }).downloadId)!;
      expect(mode(t.dataDir)).toBe(0o700);
      for (const f of [DB_FILE, `${DB_FILE}-wal`, `${DB_FILE}-shm`, SECRETS_FILE]) expect(mode(join(t.dataDir, f)), f).toBe(0o600);
      expect(mode(join(s.backup.dir()))).toBe(0o700);
      expect(mode(join(s.backup.dir(), backup.name))).toBe(0o600);
      expect(mode(s.downloads.dir)).toBe(0o700);
      expect(mode(download.path)).toBe(0o600);
    } finally {
      await t.close();
    }
  });

  it('a data folder left world-readable by an older Lavka is tightened at start, and stale work files are removed', async () => {
    const dataDir = tempDir();
    const first = await makeTestApp({ dataDir });
    await first.app.services.backup.backupNow('manual');
    await first.close();
    chmodSync(dataDir, 0o755);
    chmodSync(join(dataDir, DB_FILE), 0o644);
    const backups = join(dataDir, 'backups');
    for (const f of readdirSync(backups)) chmodSync(join(backups, f), 0o644);
    chmodSync(backups, 0o755);
    // What a kill during a backup or a restore leaves behind.
    writeFileSync(join(backups, 'lavka-2026-01-01T00-00-00-000Z-auto.sqlite.part'), 'half');
    writeFileSync(join(dataDir, 'restore-work.sqlite'), 'half');
    mkdirSync(join(dataDir, 'imports'), { recursive: true });
    writeFileSync(join(dataDir, 'imports', 'old.csv'), 'name\nGreta');

    const t = await makeTestApp({ dataDir, setup: false });
    try {
      expect(mode(dataDir)).toBe(0o700);
      expect(mode(join(dataDir, DB_FILE))).toBe(0o600);
      expect(mode(backups)).toBe(0o700);
      // Backup files are 0600; the folder backups keep their media in is 0700 like every folder.
      for (const f of readdirSync(backups))
        expect(mode(join(backups, f)), f).toBe(statSync(join(backups, f)).isDirectory() ? 0o700 : 0o600);
      expect(readdirSync(backups).filter((f) => f.endsWith('.part'))).toEqual([]);
      expect(existsSync(join(dataDir, 'restore-work.sqlite'))).toBe(false);
      expect(readdirSync(join(dataDir, 'imports'))).toEqual([]);
    } finally {
      await t.close();
    }
  });
});
