// Hand-built shop histories for the reports tests: rows with exact times, written straight into a real database
// (the figures are SQL over these tables, so the tests control every timestamp).
import { afterEach, beforeEach } from 'vitest';
import type { Db } from '../../../main/core/db/connection';
import { FakeClock } from '../../helpers/fake-clock';
import { makeTestApp, type TestApp } from '../../helpers/test-app';

export type Who = 'customer' | 'owner' | 'assistant' | 'system';

export class History {
  constructor(private readonly db: Db) {}

  /** A customer with one conversation that began at `since`. */
  customer(
    name: string,
    opts: { channel?: string; language?: string | null; since: string },
  ): { contactId: number; conversationId: number; channel: string } {
    const at = Date.parse(opts.since);
    const channel = opts.channel ?? 'whatsapp';
    const contactId = Number(
      this.db
        .prepare('INSERT INTO contacts(name, language, created_at, updated_at) VALUES (?, ?, ?, ?)')
        .run(name, opts.language ?? null, at, at).lastInsertRowid,
    );
    this.db
      .prepare('INSERT INTO identities(contact_id, channel, external_id, created_at) VALUES (?, ?, ?, ?)')
      .run(contactId, channel, `${channel}:${name}`, at);
    const conversationId = Number(
      this.db
        .prepare('INSERT INTO conversations(contact_id, last_message_at, last_channel, created_at) VALUES (?, ?, ?, ?)')
        .run(contactId, at, channel, at).lastInsertRowid,
    );
    return { contactId, conversationId, channel };
  }

  /** A customer whose conversation is `steps` (time, who wrote), begun at `since` (else at the first step). */
  chat(
    name: string,
    steps: readonly (readonly [at: string, who: Who])[],
    opts: { channel?: string; language?: string | null; since?: string } = {},
  ): { contactId: number; conversationId: number; channel: string } {
    const c = this.customer(name, { ...opts, since: opts.since ?? steps[0][0] });
    for (const [at, who] of steps) this.msg(c, at, who);
    return c;
  }

  msg(c: { conversationId: number; channel: string }, at: string, who: Who, body = 'text'): number {
    const t = Date.parse(at);
    const direction = who === 'customer' ? 'in' : 'out';
    const channel = who === 'system' ? 'system' : c.channel;
    return Number(
      this.db
        .prepare(
          `INSERT INTO messages(conversation_id, direction, channel, author, body, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(c.conversationId, direction, channel, who, body, direction === 'in' ? 'received' : 'sent', t, t).lastInsertRowid,
    );
  }

  /** A reminder that went out as message `messageId` (written with author 'owner', like the reminders service does). */
  reminder(contactId: number, messageId: number, at: string, kind = 'payment_due'): void {
    const t = Date.parse(at);
    this.db
      .prepare(
        `INSERT INTO reminders(contact_id, kind, source, template, due_at, fire_at, time_zone, local_due, status, message_id, created_at, updated_at, done_at)
         VALUES (?, ?, 'manual', 'x', ?, ?, 'Europe/Berlin', '2026-01-01T00:00', 'sent', ?, ?, ?, ?)`,
      )
      .run(contactId, kind, t, t, messageId, t, t, t);
  }

  order(
    c: { contactId: number; conversationId: number },
    at: string,
    o: { totalMinor: number; status?: string; source?: 'chat' | 'owner'; lines?: { name: string; qty: number; priceMinor: number }[] },
  ): number {
    const t = Date.parse(at);
    const id = Number(
      this.db
        .prepare(
          `INSERT INTO orders(number, contact_id, conversation_id, status, source, currency, subtotal_minor, total_minor, placed_at, created_at, updated_at)
           VALUES ((SELECT coalesce(max(number), 0) + 1 FROM orders), ?, ?, ?, ?, 'EUR', ?, ?, ?, ?, ?)`,
        )
        .run(c.contactId, c.conversationId, o.status ?? 'new', o.source ?? 'chat', o.totalMinor, o.totalMinor, t, t, t).lastInsertRowid,
    );
    (o.lines ?? []).forEach((l, i) =>
      this.db
        .prepare(
          `INSERT INTO order_lines(order_id, position, sku, name, unit, quantity, unit_price_minor, line_total_minor) VALUES (?, ?, ?, ?, 'pcs', ?, ?, ?)`,
        )
        .run(id, i, `SKU-${l.name}`, l.name, l.qty, l.priceMinor, l.qty * l.priceMinor),
    );
    return id;
  }

  /** An order status change whose notice went to the customer as message `messageId`. */
  statusNotice(orderId: number, messageId: number, at: string): void {
    this.db
      .prepare(
        `INSERT INTO order_events(order_id, at, actor, kind, from_status, to_status, message_id) VALUES (?, ?, 'owner', 'status', 'new', 'ready', ?)`,
      )
      .run(orderId, Date.parse(at), messageId);
  }

  audit(at: string, conversationId: number, event: 'auto_sent' | 'held' | 'escalated', reason: string | null, detail = ''): void {
    this.db
      .prepare('INSERT INTO assistant_audit(at, conversation_id, event, reason, detail) VALUES (?, ?, ?, ?, ?)')
      .run(Date.parse(at), conversationId, event, reason, detail);
  }

  consent(contactId: number, at: string, change: 'opt_out' | 'opt_in'): void {
    this.db
      .prepare(`INSERT INTO consent_log(contact_id, at, change, by) VALUES (?, ?, ?, 'customer')`)
      .run(contactId, Date.parse(at), change);
  }
}

export const MIN = 60_000;
export const HOUR = 60 * MIN;

/** For a describe block: a fresh test app at `now` (workers off) and a History on its database for every test. */
export function reportsShop(now = '2026-03-31T10:00:00Z'): { t: TestApp; h: History } {
  const shop = {} as { t: TestApp; h: History };
  beforeEach(async () => {
    shop.t = await makeTestApp({ clock: new FakeClock(now), startWorkers: false });
    shop.h = new History(shop.t.app.services.db);
  });
  afterEach(() => shop.t.close());
  return shop;
}
