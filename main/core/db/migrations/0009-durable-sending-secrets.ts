// Sending in order and exactly once where the channel allows, and no secrets in the database:
// - parts_sent / first_external_id: a reply split into several channel messages remembers which parts the channel
//   confirmed, so a retry (or a restart after a crash) resumes at the first unconfirmed part instead of resending all.
// - outbox_recipient_order: "is an earlier message to this recipient still waiting?" — the check that keeps each
//   customer's messages in the order they were queued — reads only unsent rows.
// - the Telegram bot token moves from the settings table to the secret store (secure_delete zeroes the old text).
import type { Migration } from './types';
import { TELEGRAM_SETTINGS_KEY, TELEGRAM_TOKEN_SECRET } from '../../channels/settings';

const migration: Migration = {
  version: 9,
  name: 'durable-sending-secrets',
  up(db, ctx) {
    db.exec(`
      ALTER TABLE outbox ADD COLUMN parts_sent INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE outbox ADD COLUMN first_external_id TEXT;
      CREATE INDEX outbox_recipient_order ON outbox(channel, address, message_id) WHERE state IN ('queued', 'sending');
    `);
    const row = db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?').get(TELEGRAM_SETTINGS_KEY);
    if (!row) return;
    const stored = JSON.parse(row.value) as { token?: unknown; apiRoot?: unknown };
    // Without a secret store (a backup being prepared for restore) the token is dropped: the live one is kept.
    if (typeof stored.token === 'string' && stored.token && ctx?.secrets && !ctx.secrets.get(TELEGRAM_TOKEN_SECRET)) {
      ctx.secrets.set(TELEGRAM_TOKEN_SECRET, stored.token);
    }
    const { token: _dropped, ...rest } = stored;
    void _dropped;
    db.prepare('UPDATE settings SET value = ? WHERE key = ?').run(JSON.stringify(rest), TELEGRAM_SETTINGS_KEY);
  },
};

export default migration;
