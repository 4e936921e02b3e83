// Backups made before secrets left the database (migration 0009) still hold the Telegram bot token. On that upgrade
// the token is wiped from each of them (secure_delete overwrites the old text), so no backup file reveals it.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from '../db/connection';
import { TELEGRAM_SETTINGS_KEY } from '../channels/settings';
import secretsMigration from '../db/migrations/0009-durable-sending-secrets';

export const SECRETS_LEFT_DB_AT = secretsMigration.version;

export function forgetSecretsInBackups(dir: string): number {
  if (!existsSync(dir)) return 0;
  let wiped = 0;
  for (const name of readdirSync(dir)) {
    if (!name.endsWith('.sqlite')) continue;
    try {
      const db = openDatabase(join(dir, name));
      try {
        db.pragma('journal_mode = DELETE');
        const row = db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?').get(TELEGRAM_SETTINGS_KEY);
        if (!row) continue;
        const { token, ...rest } = JSON.parse(row.value) as Record<string, unknown>;
        if (token === undefined) continue;
        db.prepare('UPDATE settings SET value = ? WHERE key = ?').run(JSON.stringify(rest), TELEGRAM_SETTINGS_KEY);
        db.exec('VACUUM');
        wiped++;
      } finally {
        db.close();
      }
    } catch (err) {
      console.error(`[secrets] could not wipe the bot token from backup ${name}: ${(err as Error).message}`);
    }
  }
  return wiped;
}
