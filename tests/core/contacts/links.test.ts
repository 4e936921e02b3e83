// Every table that references a contact or a conversation has a declared merge and erase rule (contacts/links.ts),
// and each rule matches what the table's foreign key does: a new table cannot be forgotten by merge or erase.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openDatabase } from '../../../main/core/db/connection';
import { migrate } from '../../../main/core/db/migrate';
import { tempDir } from '../../helpers/test-app';
import { CONTACT_LINKS, CONTACT_OWN_TABLES } from '../../../main/core/contacts/links';

function schema() {
  const db = openDatabase(join(tempDir(), 'links.sqlite'));
  migrate(db);
  const tables = db
    .prepare<[], { name: string }>(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE '%VIRTUAL%'",
    )
    .all()
    .map((r) => r.name);
  const references = tables.flatMap((table) => {
    const fks = db
      .prepare<[string], { table: string; from: string; on_delete: string }>(
        'SELECT "table", "from", on_delete FROM pragma_foreign_key_list(?)',
      )
      .all(table);
    const cols = db
      .prepare<[string], { name: string }>('SELECT name FROM pragma_table_info(?)')
      .all(table)
      .map((c) => c.name);
    const fkCols = fks.filter((f) => f.table === 'contacts' || f.table === 'conversations');
    // A reference is a foreign key to contacts/conversations, or a column named like one even without a key.
    const named = cols.filter((c) => (c === 'contact_id' || c === 'conversation_id') && !fkCols.some((f) => f.from === c));
    return [
      ...fkCols.map((f) => ({ table, column: f.from, parent: f.table, onDelete: f.on_delete.toUpperCase() })),
      ...named.map((column) => ({ table, column, parent: column === 'contact_id' ? 'contacts' : 'conversations', onDelete: 'NONE' })),
    ];
  });
  db.close();
  return references;
}

describe('contact links', () => {
  const refs = schema();

  it('declares a merge and erase rule for every table with a contact or conversation reference', () => {
    const missing = refs
      .filter((r) => !(r.table in CONTACT_OWN_TABLES))
      .filter((r) => !CONTACT_LINKS.some((l) => l.table === r.table && l.column === r.column))
      .map((r) => `${r.table}.${r.column}`);
    expect(missing, 'add these to CONTACT_LINKS in main/core/contacts/links.ts').toEqual([]);
  });

  it('each declared rule is what the foreign key does, and every declared table exists', () => {
    for (const l of CONTACT_LINKS) {
      const r = refs.find((x) => x.table === l.table && x.column === l.column);
      expect(r, `${l.table}.${l.column} is declared but not in the schema`).toBeDefined();
      expect(r!.parent).toBe(l.parent);
      expect([l.table, l.column, r!.onDelete]).toEqual([l.table, l.column, l.erase === 'delete' ? 'CASCADE' : 'SET NULL']);
    }
  });
});
