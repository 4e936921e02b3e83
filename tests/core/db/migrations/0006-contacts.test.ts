import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openDatabase } from '../../../../main/core/db/connection';
import { migrate } from '../../../../main/core/db/migrate';
import { tempDir } from '../../../helpers/test-app';

describe('migration 0006 contacts', () => {
  const db = openDatabase(join(tempDir(), 'x.sqlite'));
  migrate(db, { to: 5 });
  const add = db.prepare('INSERT INTO contacts(name, created_at, updated_at) VALUES (?, 1, 1)');
  const a = Number(add.run('Zoe').lastInsertRowid);
  const b = Number(add.run('anna').lastInsertRowid);
  migrate(db, { to: 6 });

  it('keeps existing contacts and walks them in case-insensitive name order through the new index', () => {
    const rows = db.prepare('SELECT name FROM contacts ORDER BY name COLLATE NOCASE, id').all();
    expect(rows).toEqual([{ name: 'anna' }, { name: 'Zoe' }]);
    const plan = db.prepare('EXPLAIN QUERY PLAN SELECT id FROM contacts ORDER BY name COLLATE NOCASE, id LIMIT 10').all() as {
      detail: string;
    }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/contacts_name/);
  });

  it('stores a dismissed pair once, ordered, and forgets it when a contact is deleted', () => {
    const ins = db.prepare('INSERT INTO contact_merge_dismissed(low_id, high_id, at) VALUES (?, ?, 1)');
    ins.run(Math.min(a, b), Math.max(a, b));
    expect(() => ins.run(Math.min(a, b), Math.max(a, b))).toThrow(/UNIQUE|PRIMARY/);
    expect(() => ins.run(Math.max(a, b), Math.min(a, b))).toThrow(/CHECK/);
    db.prepare('DELETE FROM contacts WHERE id = ?').run(a);
    expect(db.prepare('SELECT count(*) AS n FROM contact_merge_dismissed').get()).toEqual({ n: 0 });
  });
});
