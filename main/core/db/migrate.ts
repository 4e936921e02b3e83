// Applies numbered migrations in order, one transaction each, tracked in PRAGMA user_version.
// Refuses a database that is newer than this build, or a migration list with gaps.
import type { Db } from './connection';
import { migrations as allMigrations, type Migration, type MigrationContext } from './migrations';

export function checkMigrationList(list: readonly Migration[]): void {
  list.forEach((m, i) => {
    if (m.version !== i + 1) {
      throw new Error(`Migration list out of order: position ${i + 1} holds version ${m.version} (${m.name})`);
    }
  });
}

export function currentVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function migrate(db: Db, opts: { to?: number; list?: readonly Migration[] } & MigrationContext = {}): number {
  const list = opts.list ?? allMigrations;
  checkMigrationList(list);
  const target = opts.to ?? list.length;
  const from = currentVersion(db);
  if (from > list.length) {
    throw new Error(
      `This database was written by a newer Lavka (schema ${from}, this build knows ${list.length}). Update Lavka before opening it.`,
    );
  }
  for (const m of list.slice(from, target)) {
    db.transaction(() => {
      m.up(db, { secrets: opts.secrets });
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
  }
  return currentVersion(db);
}
