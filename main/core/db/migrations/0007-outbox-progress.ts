// Outbox by channel and last change: the sending queue's progress ("12 of 40 sent") and pacing's memory of the last
// hour after a restart read recent sends per channel as a range, not a scan of every message ever sent.
import type { Migration } from './types';

const migration: Migration = {
  version: 7,
  name: 'outbox-progress',
  up(db) {
    db.exec(`CREATE INDEX outbox_channel_updated ON outbox(channel, updated_at);`);
  },
};

export default migration;
