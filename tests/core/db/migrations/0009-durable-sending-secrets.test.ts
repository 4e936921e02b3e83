import { describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase, closeDatabase } from '../../../../main/core/db/connection';
import { migrate } from '../../../../main/core/db/migrate';
import { FileSecretStore, SECRETS_FILE } from '../../../../main/core/secrets/secret-store';
import { createApp, DB_FILE } from '../../../../main/core/app';
import { FakeClock } from '../../../helpers/fake-clock';
import { tempDir } from '../../../helpers/test-app';

const TOKEN = '123456789:AAHsecretBotTokenThatMustLeaveTheDb';

describe('migration 0009 durable sending and secrets', () => {
  it('adds split-part columns to queued rows and keeps them', () => {
    const db = openDatabase(join(tempDir(), 'x.sqlite'));
    migrate(db, { to: 8 });
    db.exec(`INSERT INTO contacts(id, name, created_at, updated_at) VALUES (1, 'A', 1, 1);
      INSERT INTO conversations(id, contact_id, last_message_at, last_channel, created_at) VALUES (1, 1, 1, 'telegram', 1);
      INSERT INTO messages(id, conversation_id, direction, channel, author, kind, body, status, created_at, updated_at) VALUES (1, 1, 'out', 'telegram', 'owner', 'text', 'hi', 'queued', 1, 1);
      INSERT INTO outbox(message_id, channel, address, state, next_attempt_at, created_at, updated_at) VALUES (1, 'telegram', '5', 'queued', 1, 1, 1);`);
    migrate(db, { to: 9 });
    expect(db.prepare('SELECT state, parts_sent, first_external_id FROM outbox').get()).toEqual({
      state: 'queued',
      parts_sent: 0,
      first_external_id: null,
    });
    const plan = (
      db
        .prepare(
          `EXPLAIN QUERY PLAN SELECT 1 FROM outbox p WHERE p.channel = 'telegram' AND p.address = '5' AND p.message_id < 9 AND p.state IN ('queued', 'sending')`,
        )
        .all() as { detail: string }[]
    )
      .map((r) => r.detail)
      .join(' ');
    expect(plan).toMatch(/outbox_recipient_order/);
  });

  it('moves the Telegram token out of the database: neither the database file, a copy of it nor a backup holds it', async () => {
    const dataDir = tempDir();
    // An older Lavka: schema 8 with the token in the settings table, and a backup made then.
    const db = openDatabase(join(dataDir, DB_FILE));
    migrate(db, { to: 8 });
    db.prepare("INSERT INTO settings(key, value) VALUES ('channels.telegram', ?)").run(JSON.stringify({ token: TOKEN, apiRoot: null }));
    mkdirSync(join(dataDir, 'backups'));
    const oldBackup = join(dataDir, 'backups', 'lavka-2026-01-01T00-00-00-000Z-auto.sqlite');
    await db.backup(oldBackup);
    closeDatabase(db);
    expect(readFileSync(oldBackup).includes(TOKEN)).toBe(true);

    const app = createApp({ dataDir, clock: new FakeClock(), env: {}, startWorkers: false });
    try {
      expect(app.services.secrets.get('telegram.botToken')).toBe(TOKEN);
      expect(app.services.channels.telegramOverview()).toMatchObject({ configured: true, source: 'settings' });
      const made = await app.services.backup.backupNow('manual');
      app.services.db.pragma('wal_checkpoint(TRUNCATE)');
      const files = ['', '-wal', '-shm'].map((s) => join(dataDir, DB_FILE + s)).filter(existsSync);
      for (const f of [...files, join(dataDir, 'backups', made.name), oldBackup]) expect(readFileSync(f).includes(TOKEN), f).toBe(false);
      expect(readFileSync(join(dataDir, SECRETS_FILE), 'utf8')).toContain(TOKEN);
    } finally {
      await app.close();
    }
    // The next start finds it where it was moved.
    expect(new FileSecretStore(join(dataDir, SECRETS_FILE)).get('telegram.botToken')).toBe(TOKEN);
  });
});
