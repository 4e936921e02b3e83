// Restores a verified, already-migrated copy of a backup INTO the live connection: every table emptied and refilled in
// one transaction. The app keeps its one connection (no file swapping under open handles), other domains' tables are
// covered by reading the schema, search indexes follow through their triggers, and a failure rolls back to the data
// as it was. This is schema plumbing like migrate.ts, not domain SQL.
import type { Db } from '../db/connection';

interface TableInfo {
  name: string;
  columns: string[];
  parents: string[];
}

function q(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

const FTS_SHADOW = /_(data|idx|content|docsize|config)$/;

/** Ordinary tables worth copying: not SQLite's own, not virtual, not the shadow tables of an FTS index. */
function copyableTables(db: Db, schema: string): TableInfo[] {
  const rows = db
    .prepare<[], { name: string; sql: string | null }>(`SELECT name, sql FROM ${schema}.sqlite_master WHERE type = 'table'`)
    .all();
  const virtual = rows.filter((r) => /^CREATE VIRTUAL TABLE/i.test(r.sql ?? '')).map((r) => r.name);
  const out: TableInfo[] = [];
  for (const r of rows) {
    if (r.name.startsWith('sqlite_') && r.name !== 'sqlite_sequence') continue;
    if (virtual.includes(r.name)) continue;
    const m = FTS_SHADOW.exec(r.name);
    if (m && virtual.includes(r.name.slice(0, -m[0].length))) continue;
    // table_xinfo marks generated columns (hidden 2/3); they cannot be inserted.
    const cols = db
      .prepare<[], { name: string; hidden: number }>(
        `SELECT name, hidden FROM pragma_table_xinfo(${sqlString(r.name)}, ${sqlString(schema)})`,
      )
      .all()
      .filter((c) => c.hidden === 0)
      .map((c) => c.name);
    const parents = db
      .prepare<[], { table: string }>(`SELECT "table" FROM pragma_foreign_key_list(${sqlString(r.name)}, ${sqlString(schema)})`)
      .all()
      .map((f) => f.table)
      .filter((t) => t !== r.name);
    out.push({ name: r.name, columns: cols, parents });
  }
  return out;
}

function sqlString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

/** Parents before children, so inserts never wait on a deferred check longer than needed. */
function topological(tables: TableInfo[]): TableInfo[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const done = new Set<string>();
  const out: TableInfo[] = [];
  const visit = (t: TableInfo, path: Set<string>) => {
    if (done.has(t.name) || path.has(t.name)) return;
    path.add(t.name);
    for (const p of t.parents) {
      const parent = byName.get(p);
      if (parent) visit(parent, path);
    }
    done.add(t.name);
    out.push(t);
  };
  for (const t of tables) visit(t, new Set());
  return out;
}

/**
 * Replaces the content of `main` with the content of the database file at `sourcePath`, whose schema must already
 * match (the caller migrated it). Returns the number of rows copied.
 */
export function replaceContents(db: Db, sourcePath: string): number {
  db.prepare('ATTACH DATABASE ? AS restore_src').run(sourcePath);
  try {
    const live = copyableTables(db, 'main');
    const source = new Map(copyableTables(db, 'restore_src').map((t) => [t.name, t]));
    const ordered = topological(live);
    let rows = 0;
    db.transaction(() => {
      // Deferred: a child row may be inserted before its parent within this transaction; checked at COMMIT.
      db.pragma('defer_foreign_keys = ON');
      for (const t of [...ordered].reverse()) db.prepare(`DELETE FROM main.${q(t.name)}`).run();
      for (const t of ordered) {
        const src = source.get(t.name);
        if (!src) continue;
        const cols = t.columns
          .filter((c) => src.columns.includes(c))
          .map(q)
          .join(', ');
        if (!cols) continue;
        rows += db.prepare(`INSERT INTO main.${q(t.name)} (${cols}) SELECT ${cols} FROM restore_src.${q(t.name)}`).run().changes;
      }
    }).immediate();
    return rows;
  } finally {
    db.prepare('DETACH DATABASE restore_src').run();
  }
}
