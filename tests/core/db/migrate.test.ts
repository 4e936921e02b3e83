import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openDatabase } from '../../../main/core/db/connection';
import { migrate, currentVersion, checkMigrationList } from '../../../main/core/db/migrate';
import { migrations } from '../../../main/core/db/migrations';
import { tempDir } from '../../helpers/test-app';

describe('migrations', () => {
  it('bring a new database to the latest version with the pragmas Lavka relies on', () => {
    const db = openDatabase(join(tempDir(), 'x.sqlite'));
    expect(migrate(db)).toBe(migrations.length);
    expect(currentVersion(db)).toBe(migrations.length);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    db.close();
  });

  it('is a no-op when run again', () => {
    const file = join(tempDir(), 'x.sqlite');
    const db = openDatabase(file);
    migrate(db);
    const tables = db.prepare('SELECT count(*) AS n FROM sqlite_master').get();
    migrate(db);
    expect(db.prepare('SELECT count(*) AS n FROM sqlite_master').get()).toEqual(tables);
    db.close();
  });

  it('refuses a database written by a newer Lavka', () => {
    const db = openDatabase(join(tempDir(), 'x.sqlite'));
    db.pragma(`user_version = ${migrations.length + 5}`);
    expect(() => migrate(db)).toThrow(/newer Lavka/);
    db.close();
  });

  it('refuses a migration list with a gap or out of order', () => {
    const noop = () => {};
    expect(() =>
      checkMigrationList([
        { version: 1, name: 'a', up: noop },
        { version: 3, name: 'c', up: noop },
      ]),
    ).toThrow(/out of order/);
    expect(() => checkMigrationList([{ version: 2, name: 'b', up: noop }])).toThrow(/out of order/);
  });

  it('rolls back a failing migration completely and keeps the old version', () => {
    const db = openDatabase(join(tempDir(), 'x.sqlite'));
    const list = [
      { version: 1, name: 'ok', up: (d: typeof db) => d.exec('CREATE TABLE a (x INTEGER) STRICT') },
      {
        version: 2,
        name: 'broken',
        up: (d: typeof db) => {
          d.exec('CREATE TABLE b (x INTEGER) STRICT');
          d.exec('THIS IS NOT SQL');
        },
      },
    ];
    expect(() => migrate(db, { list })).toThrow();
    expect(currentVersion(db)).toBe(1);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'b'").get()).toBeUndefined();
    db.close();
  });
});
