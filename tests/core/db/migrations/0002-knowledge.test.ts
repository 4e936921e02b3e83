import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openDatabase } from '../../../../main/core/db/connection';
import { migrate } from '../../../../main/core/db/migrate';
import { tempDir } from '../../../helpers/test-app';

describe('migration 0002 knowledge', () => {
  const db = openDatabase(join(tempDir(), 'x.sqlite'));
  migrate(db, { to: 1 });
  db.prepare("INSERT INTO contacts(name, created_at, updated_at) VALUES ('Анна', 1, 1)").run();
  migrate(db, { to: 2 });
  const add = db.prepare('INSERT INTO knowledge_entries(kind, title, body, keywords, created_at, updated_at) VALUES (?, ?, ?, ?, 1, 1)');
  const find = (q: string) => db.prepare('SELECT rowid FROM knowledge_fts WHERE knowledge_fts MATCH ?').all(q);

  it('keeps earlier rows', () => {
    expect(db.prepare('SELECT name FROM contacts').get()).toEqual({ name: 'Анна' });
  });

  it('accepts only question/answer and policy entries', () => {
    add.run('qa', 'Do you deliver?', 'Yes, within the city.', 'доставка');
    expect(() => add.run('note', 'x', 'y', '')).toThrow(/CHECK/);
  });

  it('keeps the search index in step with inserts, edits and deletes, accents ignored', () => {
    expect(find('доставка')).toHaveLength(1);
    expect(find('deliver*')).toHaveLength(1);
    db.prepare("UPDATE knowledge_entries SET keywords = 'envío' WHERE kind = 'qa'").run();
    expect(find('доставка')).toHaveLength(0);
    expect(find('envio')).toHaveLength(1);
    db.prepare('DELETE FROM knowledge_entries').run();
    expect(find('envio')).toHaveLength(0);
  });
});
