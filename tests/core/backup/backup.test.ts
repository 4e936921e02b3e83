import { afterEach, describe, expect, it, vi } from 'vitest';
import { existsSync, mkdirSync, openSync, readdirSync, writeSync, closeSync, copyFileSync, rmSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { makeTestApp, tempDir, type TestApp } from '../../helpers/test-app';
import { DB_FILE } from '../../../main/core/app';
import { openDatabase, closeDatabase } from '../../../main/core/db/connection';
import { migrate } from '../../../main/core/db/migrate';
import { checkDatabaseFile } from '../../../main/core/backup/integrity';
import { AFTER_CRASH_DELAY_MS } from '../../../main/core/backup/integrity-schedule';
import { customerWrites } from '../contacts/helpers';

const apps: TestApp[] = [];
afterEach(async () => {
  for (const a of apps.splice(0)) await a.close().catch(() => {});
});

async function app(dataDir?: string): Promise<TestApp> {
  const a = await makeTestApp(dataDir ? { dataDir, setup: false } : {});
  apps.push(a);
  return a;
}

function snapshot(t: TestApp) {
  const db = t.app.services.db;
  return {
    contacts: db.prepare('SELECT id, name, notes FROM contacts ORDER BY id').all(),
    messages: db.prepare('SELECT id, conversation_id, body, status FROM messages ORDER BY id').all(),
    conversations: db.prepare('SELECT * FROM conversations ORDER BY id').all(),
    settings: db.prepare('SELECT key, value FROM settings ORDER BY key').all(),
  };
}

function fillShop(t: TestApp, n: number, prefix = 'msg') {
  const s = t.app.services;
  for (let i = 0; i < n; i++)
    customerWrites(s, 'telegram', String(1000 + (i % 25)), `${prefix} ${i} about sourdough and rye`, `${prefix}-${i}`, s.clock.now() + i);
}

/** Overwrites bytes in the middle of the file: a b-tree page stops making sense to SQLite. */
function corrupt(file: string, offset: number, bytes = 64) {
  const fd = openSync(file, 'r+');
  writeSync(fd, Buffer.alloc(bytes, 0x5a), 0, bytes, offset);
  closeSync(fd);
  // Another program writes later than Lavka closed the file; within the same millisecond the two could not be told
  // apart by the file's time (the clean-shutdown marker's limit, see shutdown-marker.ts), which no real damage hits.
  const later = new Date(statSync(file).mtimeMs + 2_000);
  utimesSync(file, later, later);
}

describe('backups', () => {
  it('backup → change → restore gives back exactly the data at backup time, and saves the present data first', async () => {
    const t = await app();
    const s = t.app.services;
    fillShop(t, 200);
    const before = snapshot(t);
    const b = await s.backup.backupNow('manual');
    expect(b.kind).toBe('manual');
    // The backup is one self-contained file (no -wal needed) and passes SQLite's check.
    expect(existsSync(join(s.backup.dir(), b.name + '-wal'))).toBe(false);
    expect(checkDatabaseFile(join(s.backup.dir(), b.name))).toEqual({ state: 'ok' });

    t.clock.advance(60_000);
    fillShop(t, 50, 'later');
    s.contacts.update(1, { name: 'Renamed after backup' });
    s.db.prepare('DELETE FROM messages WHERE id < 20').run();
    expect(snapshot(t)).not.toEqual(before);

    const job = await t.call('backup.restore', { name: b.name });
    const done = await s.jobs.wait(job.id);
    expect(done.state, done.error?.message).toBe('done');
    expect(snapshot(t)).toEqual(before);
    // Search follows the restored messages, and the app keeps working on the same connection.
    expect(s.inbox.searchAll('sourdough', 500).hits).toHaveLength(200);
    expect(s.inbox.searchAll('later').hits).toHaveLength(0);
    customerWrites(s, 'telegram', '1000', 'after restore', 'after-1');
    expect(s.inbox.searchAll('restore').hits).toHaveLength(1);
    expect(
      s.backup
        .list()
        .map((x) => x.kind)
        .sort(),
    ).toEqual(['before-restore', 'manual']);
  });

  it('restores a backup made by an older schema, migrating the copy first', async () => {
    const t = await app();
    const s = t.app.services;
    const oldDir = tempDir();
    const old = openDatabase(join(oldDir, 'old.sqlite'));
    migrate(old, { to: 1 });
    old.prepare("INSERT INTO contacts(name, created_at, updated_at) VALUES ('From schema 1', 1, 1)").run();
    old.pragma('journal_mode = DELETE');
    closeDatabase(old);
    const name = 'lavka-2026-01-01T00-00-00-000Z-auto.sqlite';
    mkdirSync(s.backup.dir(), { recursive: true });
    copyFileSync(join(oldDir, 'old.sqlite'), join(s.backup.dir(), name));
    await s.backup.restore(name);
    expect(s.db.prepare('SELECT name FROM contacts').all()).toEqual([{ name: 'From schema 1' }]);
    expect(s.db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(6);
  });

  it('refuses a damaged backup and leaves the data as it was', async () => {
    const t = await app();
    const s = t.app.services;
    fillShop(t, 300);
    const b = await s.backup.backupNow('manual');
    corrupt(join(s.backup.dir(), b.name), 4096 * 3 + 8);
    const before = snapshot(t);
    await expect(s.backup.restore(b.name)).rejects.toThrow(/damaged/);
    expect(snapshot(t)).toEqual(before);
    await expect(s.backup.restore('../../etc/passwd')).rejects.toThrow(/Unknown backup/);
  });

  it('keeps only the newest N backups', async () => {
    const t = await app();
    const s = t.app.services;
    s.backup.setSettings({ enabled: true, keep: 3, dir: '' });
    const names: string[] = [];
    for (let i = 0; i < 5; i++) {
      names.push((await s.backup.backupNow('auto')).name);
      t.clock.advance(1000);
    }
    expect(s.backup.list().map((b) => b.name)).toEqual(names.slice(2).reverse());
  });

  it('backs up automatically a little after start and then once a day', async () => {
    const t = await app();
    const s = t.app.services;
    s.backup.start();
    expect(s.backup.status().nextBackupAt).toBe(t.clock.now() + 2 * 60_000);
    t.clock.advance(2 * 60_000);
    await vi.waitFor(() => expect(s.backup.list()).toHaveLength(1));
    // The first run is over once the next one is planned; the fake clock fires a due timer inside advance(), so
    // after 23 h nothing has started (not running, still planned for a day after the first backup).
    await vi.waitFor(() => expect(s.backup.status().nextBackupAt).toBeGreaterThan(t.clock.now()));
    t.clock.advance(23 * 60 * 60_000);
    expect(s.backup.status()).toMatchObject({ running: false, nextBackupAt: s.backup.status().lastBackupAt! + 24 * 60 * 60_000 });
    expect(s.backup.list()).toHaveLength(1);
    t.clock.advance(60 * 60_000);
    await vi.waitFor(() => expect(s.backup.list()).toHaveLength(2));
  });
});

describe('a damaged database', () => {
  it('is found by the background check after the file changed behind Lavka, without delaying start-up, and a backup restores it', async () => {
    const dir = tempDir();
    const first = await app(dir);
    first.app.services.settings.completeSetup({
      business: {
        name: 'Shop',
        description: '',
        currency: 'EUR',
        timeZone: 'UTC',
        region: 'DE',
        openingHours: { mon: null, tue: null, wed: null, thu: null, fri: null, sat: null, sun: null },
        address: '',
        phone: '',
      },
      preferences: { uiLanguage: 'en', replyLanguage: 'en' },
    });
    fillShop(first, 400);
    const good = snapshot(first);
    const backup = await first.app.services.backup.backupNow('auto');
    await first.close();
    apps.splice(apps.indexOf(first), 1);

    const file = join(dir, DB_FILE);
    corrupt(file, 4096 * 4 + 16, 200);
    expect(checkDatabaseFile(file).state).toBe('damaged');

    const second = await app(dir);
    const s = second.app.services;
    // Start-up did not wait for a check: the app runs (channels up) and the check is only planned.
    expect(s.hub.get('sandbox')).toBeDefined();
    const planned = (await second.call('backup.status', {})).integrity!;
    expect(planned).toMatchObject({ state: 'never', nextAt: s.clock.now() + AFTER_CRASH_DELAY_MS });

    second.clock.advance(AFTER_CRASH_DELAY_MS);
    await vi.waitFor(async () => expect((await second.call('backup.status', {})).integrity!.state).toBe('damaged'), { timeout: 10_000 });
    expect((await second.call('backup.status', {})).integrity!.detail).not.toBe('');
    await second.close();
    apps.splice(apps.indexOf(second), 1);

    // The next start sets the damaged file aside at once and waits on the recovery screen for a backup.
    const third = await app(dir);
    const t3 = third.app.services;
    const status = await third.call('backup.status', {});
    expect(status.recovery).toMatchObject({ latest: { name: backup.name } });
    expect(readdirSync(join(dir, 'damaged'))).toHaveLength(1);
    expect(t3.hub.get('sandbox')).toBeUndefined();
    const job = await third.call('backup.restore', { name: backup.name });
    expect((await t3.jobs.wait(job.id)).state).toBe('done');
    const { settings: goodSettings, ...goodData } = good;
    const { settings: nowSettings, ...nowData } = snapshot(third);
    expect(nowData).toEqual(goodData);
    expect(nowSettings.find((x) => (x as { key: string }).key === 'business')).toEqual(
      goodSettings.find((x) => (x as { key: string }).key === 'business'),
    );
    await vi.waitFor(() => expect(t3.hub.get('sandbox')).toBeDefined());
  });

  it('treats a file that is not a database at all as damaged, and lets the owner start fresh', async () => {
    const dir = tempDir();
    const file = join(dir, DB_FILE);
    const fd = openSync(file, 'w');
    writeSync(fd, Buffer.from('this is not sqlite'.repeat(400)));
    closeSync(fd);
    const t = await app(dir);
    expect(t.app.services.backup.status().recovery).toMatchObject({ latest: null });
    const after = await t.call('backup.startFresh', {});
    expect(after.recovery).toBeNull();
    await vi.waitFor(() => expect(t.app.services.hub.get('sandbox') ? 1 : 0).toBeGreaterThan(0));
    rmSync(dir, { recursive: true, force: true });
  });
});
