// Read-only SQL over the orders domain's tables for reminders ({order}, {total}, unpaid and reorder rules), plus
// the consumable_products table reminders own. Unpaid means 'new' or 'confirmed': not yet paid, not cancelled.
import type { Db } from '../connection';
import { stmt } from '../statements';

export interface OrderFacts {
  id: number;
  number: number | null;
  contactId: number | null;
  status: string;
  totalMinor: number;
  currency: string;
  language: string;
  placedAt: number | null;
}

export const UNPAID_STATUSES = ['new', 'confirmed'] as const;

export interface ConsumableProduct {
  id: number;
  sku: string;
  name: string;
  consumable: boolean;
  reorderDays: number | null;
}

export class ReminderOrdersRepo {
  constructor(private readonly db: Db) {}

  get(orderId: number): OrderFacts | undefined {
    return stmt<[number], OrderFacts>(
      this.db,
      `SELECT id, number, contact_id AS contactId, status, total_minor AS totalMinor, currency, language, placed_at AS placedAt
       FROM orders WHERE id = ?`,
    ).get(orderId);
  }

  /** A contact's recent placed orders, for linking a reminder to one. */
  recentForContact(contactId: number, limit: number): OrderFacts[] {
    return stmt<[number, number], OrderFacts>(
      this.db,
      `SELECT id, number, contact_id AS contactId, status, total_minor AS totalMinor, currency, language, placed_at AS placedAt
       FROM orders WHERE contact_id = ? AND status <> 'draft' ORDER BY placed_at DESC, id DESC LIMIT ?`,
    ).all(contactId, limit);
  }

  /** Unpaid orders placed since `since` that belong to a contact. */
  unpaidSince(since: number): { orderId: number; contactId: number; placedAt: number }[] {
    return stmt<[number], { orderId: number; contactId: number; placedAt: number }>(
      this.db,
      `SELECT id AS orderId, contact_id AS contactId, placed_at AS placedAt FROM orders
       WHERE status IN ('new', 'confirmed') AND placed_at >= ? AND contact_id IS NOT NULL`,
    ).all(since);
  }

  /**
   * Completed orders with at least one consumable product, with when they were completed and the shortest reorder
   * delay among their consumable lines (a product's own delay, else `defaultDays`).
   */
  completedWithConsumables(
    defaultDays: number,
    since: number,
  ): { orderId: number; contactId: number; completedAt: number; days: number }[] {
    return stmt<[number, number], { orderId: number; contactId: number; completedAt: number; days: number }>(
      this.db,
      `SELECT * FROM (
         SELECT o.id AS orderId, o.contact_id AS contactId,
           coalesce((SELECT max(e.at) FROM order_events e WHERE e.order_id = o.id AND e.to_status = 'completed'), o.updated_at) AS completedAt,
           (SELECT min(coalesce(cp.reorder_days, ?)) FROM order_lines l JOIN consumable_products cp ON cp.product_id = l.product_id
             WHERE l.order_id = o.id) AS days
         FROM orders o WHERE o.status = 'completed' AND o.contact_id IS NOT NULL AND o.updated_at >= ?
       ) WHERE days IS NOT NULL`,
    ).all(defaultDays, since);
  }

  /** Whether the contact placed another order after `after` (they reordered on their own). */
  orderedSince(contactId: number, after: number, exceptOrderId: number): boolean {
    return (
      stmt(
        this.db,
        `SELECT 1 FROM orders WHERE contact_id = ? AND id <> ? AND status NOT IN ('draft', 'cancelled') AND coalesce(placed_at, created_at) > ? LIMIT 1`,
      ).get(contactId, exceptOrderId, after) !== undefined
    );
  }

  products(): ConsumableProduct[] {
    return stmt<[], { id: number; sku: string; name: string; consumable: number; reorderDays: number | null }>(
      this.db,
      `SELECT p.id, p.sku, p.name, cp.product_id IS NOT NULL AS consumable, cp.reorder_days AS reorderDays
       FROM products p LEFT JOIN consumable_products cp ON cp.product_id = p.id
       WHERE p.archived = 0 ORDER BY p.name COLLATE NOCASE, p.id LIMIT 2000`,
    )
      .all()
      .map((r) => ({ ...r, consumable: r.consumable === 1 }));
  }

  productExists(id: number): boolean {
    return stmt(this.db, 'SELECT 1 FROM products WHERE id = ?').get(id) !== undefined;
  }

  setConsumable(productId: number, consumable: boolean, reorderDays: number | null): void {
    if (!consumable) {
      stmt(this.db, 'DELETE FROM consumable_products WHERE product_id = ?').run(productId);
      return;
    }
    stmt(
      this.db,
      `INSERT INTO consumable_products(product_id, reorder_days) VALUES (?, ?)
       ON CONFLICT(product_id) DO UPDATE SET reorder_days = excluded.reorder_days`,
    ).run(productId, reorderDays);
  }
}
