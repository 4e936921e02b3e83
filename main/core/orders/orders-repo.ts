// SQL for orders, their lines and history. JSON columns are parsed here; services never see rows.
import type { Db } from '../db/connection';
import { stmt } from '../db/statements';
import type { ChosenOption } from '../catalog/match';
import type { Fulfilment, Order, OrderEvent, OrderFilter, OrderIssue, OrderLine, OrderListItem, OrderStatus, PendingKind } from './types';

interface OrderRow {
  id: number;
  number: number | null;
  contact_id: number | null;
  conversation_id: number | null;
  customer_name: string;
  status: OrderStatus;
  source: 'chat' | 'owner';
  fulfilment: Fulfilment;
  address: string;
  wanted_time: string;
  note: string;
  language: string;
  currency: string;
  subtotal_minor: number;
  delivery_minor: number;
  total_minor: number;
  stage: 'question' | 'summary' | null;
  issues: string;
  pending_kind: PendingKind | null;
  pending_text: string | null;
  quoted_at: number | null;
  quoted_total_minor: number | null;
  placed_at: number | null;
  created_at: number;
  updated_at: number;
}

interface LineRow {
  id: number;
  order_id: number;
  product_id: number | null;
  sku: string;
  name: string;
  label: string;
  unit: string;
  options: string;
  quantity: number;
  unit_price_minor: number;
  line_total_minor: number;
}

/** An order line before it is stored (no id yet). */
export type NewLine = Omit<OrderLine, 'id'>;

/** The parts of an order the capture flow and the owner's editor write together. */
export type OrderContent = Pick<
  Order,
  | 'fulfilment'
  | 'address'
  | 'wantedTime'
  | 'note'
  | 'language'
  | 'currency'
  | 'subtotalMinor'
  | 'deliveryMinor'
  | 'totalMinor'
  | 'stage'
  | 'issues'
>;

export class OrdersRepo {
  constructor(private readonly db: Db) {}

  createDraft(
    input: {
      contactId: number;
      conversationId: number;
      customerName: string;
      source: 'chat' | 'owner';
      currency: string;
      language: string;
    },
    now: number,
  ): number {
    const r = stmt(
      this.db,
      `INSERT INTO orders(contact_id, conversation_id, customer_name, status, source, currency, language, created_at, updated_at)
       VALUES (?, ?, ?, 'draft', ?, ?, ?, ?, ?)`,
    ).run(input.contactId, input.conversationId, input.customerName, input.source, input.currency, input.language, now, now);
    return Number(r.lastInsertRowid);
  }

  /** Replaces an order's content and lines; clears any earlier quote (the customer has not seen this version). */
  writeContent(id: number, c: OrderContent, lines: NewLine[], now: number): void {
    stmt(
      this.db,
      `UPDATE orders SET fulfilment = ?, address = ?, wanted_time = ?, note = ?, language = ?, currency = ?, subtotal_minor = ?,
         delivery_minor = ?, total_minor = ?, stage = ?, issues = ?, quoted_at = NULL, quoted_total_minor = NULL, updated_at = ?
       WHERE id = ?`,
    ).run(
      c.fulfilment,
      c.address,
      c.wantedTime,
      c.note,
      c.language,
      c.currency,
      c.subtotalMinor,
      c.deliveryMinor,
      c.totalMinor,
      c.stage,
      JSON.stringify(c.issues),
      now,
      id,
    );
    stmt(this.db, 'DELETE FROM order_lines WHERE order_id = ?').run(id);
    const ins = stmt(
      this.db,
      `INSERT INTO order_lines(order_id, position, product_id, sku, name, label, unit, options, quantity, unit_price_minor, line_total_minor)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    lines.forEach((l, i) =>
      ins.run(
        id,
        i + 1,
        l.productId,
        l.sku,
        l.name,
        l.label,
        l.unit,
        JSON.stringify(l.options),
        l.quantity,
        l.unitPriceMinor,
        l.lineTotalMinor,
      ),
    );
  }

  setPending(id: number, kind: PendingKind | null, text: string | null, now: number): void {
    stmt(this.db, 'UPDATE orders SET pending_kind = ?, pending_text = ?, updated_at = ? WHERE id = ?').run(kind, text, now, id);
  }

  markQuoted(id: number, totalMinor: number, now: number): void {
    stmt(this.db, 'UPDATE orders SET quoted_at = ?, quoted_total_minor = ?, updated_at = ? WHERE id = ?').run(now, totalMinor, now, id);
  }

  /** Turns a draft into a placed order with the next number. Returns the number. */
  place(id: number, now: number): number {
    const next = stmt<[], { n: number }>(this.db, 'SELECT coalesce(max(number), 1000) + 1 AS n FROM orders').get()!.n;
    stmt(
      this.db,
      `UPDATE orders SET status = 'new', number = ?, placed_at = ?, stage = NULL, issues = '[]', updated_at = ? WHERE id = ? AND status = 'draft'`,
    ).run(next, now, now, id);
    return next;
  }

  /** Moves status only if it is still `from` (a double click cannot apply a change twice). */
  setStatus(id: number, from: OrderStatus, to: OrderStatus, now: number): boolean {
    return stmt(this.db, 'UPDATE orders SET status = ?, updated_at = ? WHERE id = ? AND status = ?').run(to, now, id, from).changes === 1;
  }

  deleteDraft(id: number): boolean {
    return stmt(this.db, "DELETE FROM orders WHERE id = ? AND status = 'draft'").run(id).changes === 1;
  }

  addEvent(
    orderId: number,
    e: {
      actor: OrderEvent['actor'];
      kind: string;
      fromStatus?: OrderStatus | null;
      toStatus?: OrderStatus | null;
      messageId?: number | null;
      note?: string;
    },
    now: number,
  ): number {
    const r = stmt(
      this.db,
      'INSERT INTO order_events(order_id, at, actor, kind, from_status, to_status, message_id, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(orderId, now, e.actor, e.kind, e.fromStatus ?? null, e.toStatus ?? null, e.messageId ?? null, e.note ?? '');
    return Number(r.lastInsertRowid);
  }

  setEventMessage(eventId: number, messageId: number | null, note = ''): void {
    stmt(this.db, 'UPDATE order_events SET message_id = ?, note = ? WHERE id = ?').run(messageId, note, eventId);
  }

  events(orderId: number): OrderEvent[] {
    return stmt<
      [number],
      {
        id: number;
        at: number;
        actor: OrderEvent['actor'];
        kind: string;
        from_status: OrderStatus | null;
        to_status: OrderStatus | null;
        message_id: number | null;
        note: string;
      }
    >(this.db, 'SELECT * FROM order_events WHERE order_id = ? ORDER BY id')
      .all(orderId)
      .map((r) => ({
        id: r.id,
        at: r.at,
        actor: r.actor,
        kind: r.kind,
        fromStatus: r.from_status,
        toStatus: r.to_status,
        messageId: r.message_id,
        note: r.note,
      }));
  }

  get(id: number): Order | undefined {
    const row = stmt<[number], OrderRow>(this.db, 'SELECT * FROM orders WHERE id = ?').get(id);
    return row ? this.toOrder(row) : undefined;
  }

  draftFor(conversationId: number): Order | undefined {
    const row = stmt<[number], OrderRow>(this.db, "SELECT * FROM orders WHERE conversation_id = ? AND status = 'draft'").get(
      conversationId,
    );
    return row ? this.toOrder(row) : undefined;
  }

  /** The contact's most recent placed order that was not cancelled ("the usual"). */
  lastOrderOf(contactId: number): Order | undefined {
    const row = stmt<[number], OrderRow>(
      this.db,
      "SELECT * FROM orders WHERE contact_id = ? AND status NOT IN ('draft', 'cancelled') ORDER BY placed_at DESC, id DESC LIMIT 1",
    ).get(contactId);
    return row ? this.toOrder(row) : undefined;
  }

  /** Placed orders with a message waiting for the owner's approval in this conversation (e.g. the "thank you" after a yes). */
  pendingIn(conversationId: number): Order[] {
    return stmt<[number], OrderRow>(this.db, 'SELECT * FROM orders WHERE conversation_id = ? AND pending_text IS NOT NULL ORDER BY id')
      .all(conversationId)
      .map((r) => this.toOrder(r));
  }

  /**
   * Placed orders (never drafts), newest first. `fromMs`/`toMs` bound placed_at (half-open); keyset paging by
   * (placed_at, id).
   */
  list(
    f: Omit<OrderFilter, 'from' | 'to'> & { fromMs?: number; toMs?: number },
    limit: number,
    cursor?: { placedAt: number; id: number },
  ): OrderListItem[] {
    const where = ["o.status <> 'draft'"];
    const args: unknown[] = [];
    if (f.statuses?.length) {
      where.push(`o.status IN (${f.statuses.map(() => '?').join(', ')})`);
      args.push(...f.statuses);
    }
    if (f.fromMs !== undefined) {
      where.push('o.placed_at >= ?');
      args.push(f.fromMs);
    }
    if (f.toMs !== undefined) {
      where.push('o.placed_at < ?');
      args.push(f.toMs);
    }
    if (f.contactId !== undefined) {
      where.push('o.contact_id = ?');
      args.push(f.contactId);
    }
    const q = f.query?.trim();
    if (q) {
      const num = /^#?(\d{1,9})$/.exec(q);
      if (num) {
        where.push('o.number = ?');
        args.push(Number(num[1]));
      } else {
        where.push(
          "(o.customer_name LIKE ? ESCAPE '\\' OR EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = o.id AND l.name LIKE ? ESCAPE '\\'))",
        );
        const like = `%${q.replace(/[\\%_]/g, (c) => '\\' + c)}%`;
        args.push(like, like);
      }
    }
    if (cursor) {
      where.push('(o.placed_at < ? OR (o.placed_at = ? AND o.id < ?))');
      args.push(cursor.placedAt, cursor.placedAt, cursor.id);
    }
    args.push(limit);
    const rows = stmt<unknown[], OrderRow & { item_count: number; items_text: string | null }>(
      this.db,
      `SELECT o.*,
         (SELECT coalesce(sum(quantity), 0) FROM order_lines l WHERE l.order_id = o.id) AS item_count,
         (SELECT group_concat(quantity || ' × ' || name, ', ') FROM (SELECT quantity, name FROM order_lines l WHERE l.order_id = o.id ORDER BY position)) AS items_text
       FROM orders o WHERE ${where.join(' AND ')}
       ORDER BY o.placed_at DESC, o.id DESC LIMIT ?`,
    ).all(...args);
    return rows.map((r) => ({
      id: r.id,
      number: r.number,
      customerName: r.customer_name,
      contactId: r.contact_id,
      conversationId: r.conversation_id,
      status: r.status,
      fulfilment: r.fulfilment,
      totalMinor: r.total_minor,
      currency: r.currency,
      itemCount: r.item_count,
      itemsText: r.items_text ?? '',
      placedAt: r.placed_at,
      createdAt: r.created_at,
      wantedTime: r.wanted_time,
    }));
  }

  /** Placed, not cancelled orders in [fromMs, toMs): for daily totals. */
  placedBetween(fromMs: number, toMs: number): { placedAt: number; totalMinor: number; currency: string }[] {
    return stmt<[number, number], { placed_at: number; total_minor: number; currency: string }>(
      this.db,
      "SELECT placed_at, total_minor, currency FROM orders WHERE status NOT IN ('draft', 'cancelled') AND placed_at >= ? AND placed_at < ? ORDER BY placed_at",
    )
      .all(fromMs, toMs)
      .map((r) => ({ placedAt: r.placed_at, totalMinor: r.total_minor, currency: r.currency }));
  }

  lines(orderId: number): OrderLine[] {
    return stmt<[number], LineRow>(this.db, 'SELECT * FROM order_lines WHERE order_id = ? ORDER BY position')
      .all(orderId)
      .map((r) => ({
        id: r.id,
        productId: r.product_id,
        sku: r.sku,
        name: r.name,
        label: r.label,
        unit: r.unit,
        options: parseJson<ChosenOption[]>(r.options, []),
        quantity: r.quantity,
        unitPriceMinor: r.unit_price_minor,
        lineTotalMinor: r.line_total_minor,
      }));
  }

  private toOrder(r: OrderRow): Order {
    return {
      id: r.id,
      number: r.number,
      contactId: r.contact_id,
      conversationId: r.conversation_id,
      customerName: r.customer_name,
      status: r.status,
      source: r.source,
      fulfilment: r.fulfilment,
      address: r.address,
      wantedTime: r.wanted_time,
      note: r.note,
      language: r.language,
      currency: r.currency,
      subtotalMinor: r.subtotal_minor,
      deliveryMinor: r.delivery_minor,
      totalMinor: r.total_minor,
      stage: r.stage,
      issues: parseJson<OrderIssue[]>(r.issues, []),
      pendingKind: r.pending_kind,
      pendingText: r.pending_text,
      quotedAt: r.quoted_at,
      quotedTotalMinor: r.quoted_total_minor,
      placedAt: r.placed_at,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      lines: this.lines(r.id),
    };
  }
}

function parseJson<T>(text: string, fallback: T): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}
