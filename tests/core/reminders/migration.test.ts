// Migration 0005 (reminders, opt-outs, consumable products): migrate to 4, insert rows, migrate to 5, check.
import { afterEach, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase, closeDatabase, type Db } from '../../../main/core/db/connection';
import { migrate, currentVersion } from '../../../main/core/db/migrate';
import { tempDir } from '../../helpers/test-app';

let dir: string;
let db: Db;
afterEach(() => {
  closeDatabase(db);
  rmSync(dir, { recursive: true, force: true });
});

const insReminder = `INSERT INTO reminders(contact_id, series_id, kind, source, rule_key, order_id, template, due_at, fire_at, time_zone, local_due, status, created_at, updated_at)
  VALUES (?, ?, ?, 'manual', ?, ?, 'Hi {name}', 1, 1, 'Europe/Berlin', ?, 'scheduled', 1, 1)`;

describe('0005 reminders', () => {
  it('adds reminders next to existing contacts and orders, and cascades deletes', () => {
    dir = tempDir();
    db = openDatabase(join(dir, 'm.sqlite'));
    migrate(db, { to: 4 });
    const anna = db.prepare(`INSERT INTO contacts(name, created_at, updated_at) VALUES ('Anna', 1, 1)`).run().lastInsertRowid;
    const bob = db.prepare(`INSERT INTO contacts(name, created_at, updated_at) VALUES ('Bob', 1, 1)`).run().lastInsertRowid;
    const order = db
      .prepare(`INSERT INTO orders(contact_id, status, currency, created_at, updated_at) VALUES (?, 'new', 'EUR', 1, 1)`)
      .run(bob).lastInsertRowid;
    const product = db
      .prepare(`INSERT INTO products(sku, name, price_minor, created_at, updated_at) VALUES ('BEANS', 'Coffee beans', 900, 1, 1)`)
      .run().lastInsertRowid;
    migrate(db, { to: 5 });
    expect(currentVersion(db)).toBe(5);
    expect(db.prepare('SELECT count(*) AS n FROM contacts').get()).toEqual({ n: 2 });

    const ins = db.prepare(insReminder);
    ins.run(anna, 1, 'custom', null, null, '2026-03-02T10:00');
    ins.run(anna, 1, 'custom', null, null, '2026-03-03T10:00');
    // The same occurrence of a series cannot be inserted twice.
    expect(() => ins.run(anna, 1, 'custom', null, null, '2026-03-03T10:00')).toThrow(/UNIQUE/);
    ins.run(bob, null, 'payment_due', 'unpaid:1', order, '2026-03-02T10:00');
    expect(() => ins.run(bob, null, 'payment_due', 'unpaid:1', order, '2026-03-04T10:00')).toThrow(/UNIQUE/);
    expect(() => ins.run(anna, null, 'birthday', null, null, 'x')).toThrow(/CHECK/);
    expect(() => ins.run(999, null, 'custom', null, null, 'x')).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare(`UPDATE reminders SET due_at = 'tomorrow' WHERE id = 1`).run()).toThrow(/cannot store TEXT/);

    db.prepare(`INSERT INTO contact_optouts(contact_id, at, channel, said, language) VALUES (?, 1, 'sandbox', 'STOP', 'en')`).run(anna);
    db.prepare(`INSERT INTO consent_log(contact_id, at, change, by) VALUES (?, 1, 'opt_out', 'customer')`).run(anna);
    expect(() => db.prepare(`INSERT INTO consent_log(contact_id, at, change, by) VALUES (?, 1, 'maybe', 'customer')`).run(anna)).toThrow(
      /CHECK/,
    );
    db.prepare(`INSERT INTO consumable_products(product_id, reorder_days) VALUES (?, 21)`).run(product);

    // Deleting the order takes its reminder; deleting a contact takes theirs and their consent state.
    db.prepare('DELETE FROM orders WHERE id = ?').run(order);
    expect(db.prepare('SELECT count(*) AS n FROM reminders WHERE contact_id = ?').get(bob)).toEqual({ n: 0 });
    db.prepare('DELETE FROM contacts WHERE id = ?').run(anna);
    for (const t of ['reminders', 'contact_optouts', 'consent_log']) {
      expect(db.prepare(`SELECT count(*) AS n FROM ${t}`).get()).toEqual({ n: 0 });
    }
    db.prepare('DELETE FROM products WHERE id = ?').run(product);
    expect(db.prepare('SELECT count(*) AS n FROM consumable_products').get()).toEqual({ n: 0 });
  });

  it('finds due reminders and history pages through their indexes, without sorting', () => {
    dir = tempDir();
    db = openDatabase(join(dir, 'm.sqlite'));
    migrate(db, { to: 5 });
    const plan = db
      .prepare(`EXPLAIN QUERY PLAN SELECT id FROM reminders WHERE status = 'scheduled' AND fire_at <= ? ORDER BY fire_at, id LIMIT 50`)
      .all(1) as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/USING (COVERING )?INDEX reminders_due/);
    expect(plan.map((p) => p.detail).join(' ')).not.toMatch(/TEMP B-TREE/);
    const history = db
      .prepare(
        `EXPLAIN QUERY PLAN SELECT id FROM reminders WHERE status = 'sent' AND done_at IS NOT NULL ORDER BY done_at DESC, id DESC LIMIT 50`,
      )
      .all() as { detail: string }[];
    expect(history.map((p) => p.detail).join(' ')).toMatch(/INDEX reminders_done/);
    expect(history.map((p) => p.detail).join(' ')).not.toMatch(/TEMP B-TREE/);
  });
});
