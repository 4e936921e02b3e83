// Opens the one SQLite file with the pragmas Lavka relies on. The only place that constructs a Database.
import Database from 'better-sqlite3';
import { nativeBindingForThisProcess } from './native-binding';

export type Db = Database.Database;

export function openDatabase(file: string, opts: { readonly?: boolean } = {}): Db {
  // Inside Electron (the desktop core process) the Electron build is loaded; under Node, npm's own build.
  const db = new Database(file, { readonly: opts.readonly ?? false, nativeBinding: nativeBindingForThisProcess() });
  if (!opts.readonly) db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  // Deleted rows are overwritten with zeros, so "Delete this customer" and retention really remove the text from the file.
  db.pragma('secure_delete = ON');
  return db;
}

/** Clean shutdown: fold the WAL back into the main file so a copy of the folder is a complete backup. */
export function closeDatabase(db: Db): void {
  if (!db.open) return;
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
}
