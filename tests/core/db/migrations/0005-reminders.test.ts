import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openDatabase } from '../../../../main/core/db/connection';
import { migrate } from '../../../../main/core/db/migrate';
import { tempDir } from '../../../helpers/test-app';

describe('migration 0005 reminders', () => {
  const db = openDatabase(join(tempDir(), 'x.sqlite'));
  migrate(db, { to: 4 });
  const contact = db.prepare("INSERT INTO contacts(name, created_at, updated_at) VALUES ('Анна', 1, 1)").run().lastInsertRowid;
  migrate(db, { to: 5 });
  const add = db.prepare(
    `INSERT INTO reminders(contact_id, series_id, kind, source, rule_key, template, due_at, fire_at, time_zone, local_due, status,
       created_at, updated_at) VALUES (?, ?, 'follow_up', ?, ?, 'Hi', 10, 10, 'Europe/Berlin', ?, 'scheduled', 1, 1)`,
  );

  it('keeps earlier rows', () => {
    expect(db.prepare('SELECT name FROM contacts').get()).toEqual({ name: 'Анна' });
  });

  it('never creates the same rule reminder or series step twice', () => {
    add.run(contact, null, 'rule', 'unpaid:1', '2026-01-01T10:00');
    expect(() => add.run(contact, null, 'rule', 'unpaid:1', '2026-01-02T10:00')).toThrow(/UNIQUE/);
    add.run(contact, 7, 'manual', null, '2026-01-03T10:00');
    expect(() => add.run(contact, 7, 'manual', null, '2026-01-03T10:00')).toThrow(/UNIQUE/);
    expect(() => add.run(contact, null, 'robot', null, '2026-01-04T10:00')).toThrow(/CHECK/);
  });

  it('records opt-outs and consent changes, and forgets them with the contact', () => {
    db.prepare("INSERT INTO contact_optouts(contact_id, at, channel, said, language) VALUES (?, 1, 'telegram', 'STOP', 'en')").run(contact);
    db.prepare("INSERT INTO consent_log(contact_id, at, change, by) VALUES (?, 1, 'opt_out', 'customer')").run(contact);
    expect(() => db.prepare("INSERT INTO consent_log(contact_id, at, change, by) VALUES (?, 2, 'maybe', 'customer')").run(contact)).toThrow(
      /CHECK/,
    );
    db.prepare('DELETE FROM contacts').run();
    for (const table of ['reminders', 'contact_optouts', 'consent_log']) {
      expect(db.prepare(`SELECT count(*) AS n FROM ${table}`).get()).toEqual({ n: 0 });
    }
  });
});
