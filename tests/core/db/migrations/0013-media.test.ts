import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openDatabase } from '../../../../main/core/db/connection';
import { migrate } from '../../../../main/core/db/migrate';
import { migrations } from '../../../../main/core/db/migrations';
import { MessagesRepo } from '../../../../main/core/db/repos/messages-repo';
import { tempDir } from '../../../helpers/test-app';

describe('migration 0013 media', () => {
  const version = migrations.find((m) => m.name === 'media')!.version;
  const db = openDatabase(join(tempDir(), 'x.sqlite'));
  migrate(db, { to: version - 1 });
  db.prepare("INSERT INTO contacts(id, name, created_at, updated_at) VALUES (1, 'A', 1, 1)").run();
  db.prepare("INSERT INTO conversations(id, contact_id, last_message_at, last_channel, created_at) VALUES (1, 1, 1, 'telegram', 1)").run();
  db.prepare(
    "INSERT INTO messages(id, conversation_id, direction, channel, author, kind, body, status, created_at, updated_at) VALUES (1, 1, 'in', 'telegram', 'customer', 'image', 'a cake', 'received', 1, 1)",
  ).run();
  migrate(db, { to: version });

  it('keeps old messages (a photo from before is a message without media) and ties media rows to their message', () => {
    const repo = new MessagesRepo(db);
    expect(repo.get(1)).toMatchObject({ kind: 'image', body: 'a cake' });
    expect(repo.get(1)!.media).toBeUndefined();
    db.prepare("INSERT INTO media(message_id, state, mime, created_at, updated_at) VALUES (1, 'pending', 'image/jpeg', 2, 2)").run();
    expect(repo.get(1)!.media).toMatchObject({ state: 'pending', mime: 'image/jpeg', fileName: '', size: null });
    expect(() => db.prepare("INSERT INTO media(message_id, state, created_at, updated_at) VALUES (1, 'stored', 2, 2)").run()).toThrow(
      /UNIQUE/,
    );
    expect(() => db.prepare("INSERT INTO media(message_id, state, created_at, updated_at) VALUES (NULL, 'lost', 2, 2)").run()).toThrow(
      /CHECK/,
    );
    db.prepare('DELETE FROM messages WHERE id = 1').run();
    expect(db.prepare('SELECT count(*) AS n FROM media').get()).toEqual({ n: 0 });
  });
});
