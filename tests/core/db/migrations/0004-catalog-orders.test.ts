import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openDatabase } from '../../../../main/core/db/connection';
import { migrate } from '../../../../main/core/db/migrate';
import { tempDir } from '../../../helpers/test-app';

describe('migration 0004 catalog and orders', () => {
  const db = openDatabase(join(tempDir(), 'x.sqlite'));
  migrate(db, { to: 3 });
  // Rows written before the migration must survive it untouched.
  const contact = db.prepare("INSERT INTO contacts(name, created_at, updated_at) VALUES ('Анна', 1, 1)").run().lastInsertRowid;
  const conv = db
    .prepare("INSERT INTO conversations(contact_id, last_message_at, last_channel, created_at) VALUES (?, 1, 'sandbox', 1)")
    .run(contact).lastInsertRowid;
  migrate(db, { to: 4 });

  const addProduct = db.prepare('INSERT INTO products(sku, name, price_minor, synonyms, created_at, updated_at) VALUES (?, ?, ?, ?, 1, 1)');

  it('keeps earlier rows and adds the new tables', () => {
    expect(db.prepare('SELECT name FROM contacts').get()).toEqual({ name: 'Анна' });
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
      .all()
      .map((r) => (r as { name: string }).name);
    expect(tables).toEqual(expect.arrayContaining(['products', 'orders', 'order_lines', 'order_events', 'products_fts']));
  });

  it('stores money as integers and refuses negative or fractional prices', () => {
    addProduct.run('BR-1', 'Rye bread', 420, '["ржаной хлеб"]');
    expect(() => addProduct.run('BR-2', 'Bad', -1, '[]')).toThrow(/CHECK/);
    expect(() => addProduct.run('BR-3', 'Bad', 4.2, '[]')).toThrow(/cannot store REAL/);
  });

  it('treats SKUs as unique regardless of letter case', () => {
    expect(() => addProduct.run('br-1', 'Other', 100, '[]')).toThrow(/UNIQUE/);
  });

  it('finds products by a synonym in another language', () => {
    const hits = db.prepare("SELECT rowid FROM products_fts WHERE products_fts MATCH 'ржаной'").all();
    expect(hits).toHaveLength(1);
    db.prepare("UPDATE products SET synonyms = '[\"чёрный\"]' WHERE sku = 'BR-1'").run();
    expect(db.prepare("SELECT rowid FROM products_fts WHERE products_fts MATCH 'ржаной'").all()).toHaveLength(0);
  });

  it('allows one draft per conversation and unique order numbers', () => {
    const ins = db.prepare(
      "INSERT INTO orders(number, contact_id, conversation_id, status, currency, created_at, updated_at) VALUES (?, ?, ?, ?, 'EUR', 1, 1)",
    );
    ins.run(null, contact, conv, 'draft');
    expect(() => ins.run(null, contact, conv, 'draft')).toThrow(/UNIQUE/);
    ins.run(1001, contact, conv, 'new');
    expect(() => ins.run(1001, contact, conv, 'new')).toThrow(/UNIQUE/);
    expect(() => ins.run(1002, contact, conv, 'lost')).toThrow(/CHECK/);
  });

  it('keeps an order (with the customer name) when its contact is deleted', () => {
    db.prepare("UPDATE orders SET customer_name = 'Анна'").run();
    db.prepare('DELETE FROM contacts').run();
    const rows = db.prepare('SELECT contact_id, conversation_id, customer_name FROM orders').all();
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => (r as { contact_id: null }).contact_id === null)).toBe(true);
  });
});
