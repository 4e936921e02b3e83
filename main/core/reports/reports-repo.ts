// SQL for the Reports page. Read-only, except the suggestion outcomes it records. Message-based figures read
// report_spells (derived from messages by spells.ts, which is also the one place that knows who wrote a message);
// the others read their own tables through an index on the period's time column.
import type { Db } from '../db/connection';
import { stmt } from '../db/statements';
import { asNumbers, asTexts, dictionary, numbers, texts } from './columns';
import { RESOLVED_AFTER } from './figures';
import {
  CONTINUES,
  REPLIED_BY_ASSISTANT,
  REPLIED_BY_OWNER,
  WROTE_AGAIN_LATER,
  WROTE_AGAIN_WITHIN_7D,
  type Customers,
  type SpellStarts,
  type Spells,
} from './rows';

/** The language a customer is written to in. #14a may move it to another column: change it here. */
const CONTACT_LANGUAGE = `k.language`;

export interface Range {
  from: number;
  to: number;
}

export interface AuditCount {
  event: 'auto_sent' | 'held' | 'escalated';
  reason: string;
  n: number;
  knowledge: number;
  grounded: number;
}

export interface ContainmentRow {
  withCustomer: number;
  assistantAnswered: number;
  contained: number;
}

export interface OrdersTotals {
  source: 'chat' | 'owner';
  orders: number;
  cancelled: number;
  revenueMinor: number;
  customers: number;
  repeatCustomers: number;
}

export interface DayCount {
  date: string;
  n: number;
  amount: number;
}

export interface ReminderRow {
  kind: string;
  sent: number;
  replied48h: number;
  ordered7d: number;
}

const H48 = 48 * 3_600_000;

const D7 = 7 * 86_400_000;

export class ReportsRepo {
  constructor(private readonly db: Db) {}

  /**
   * Waiting spells that start in [from, to), grouped by conversation (conversations in order of their first spell),
   * each in time order. Read as columns (see `numbers`) in the table's time order, then grouped by counting — no sort.
   */
  spells(r: Range): Spells {
    // The range is read along the primary key (start_at, start_message_id), so group_concat sees the spells in that order.
    // Each value read costs, so they are few and short: the start as an offset from the range's start; the wait with
    // who answered in its two low bits; the conversation with its flags in its three low bits.
    const c = stmt<[Range & { resolved: number }], string[]>(
      this.db,
      `SELECT ${numbers(`conversation_id * 8
           + ${CONTINUES} * (prev_reply_at IS NOT NULL AND start_at - prev_reply_at <= :resolved)
           + CASE WHEN next_at IS NULL THEN 0 WHEN next_at - reply_at > :resolved THEN ${WROTE_AGAIN_LATER} ELSE ${WROTE_AGAIN_WITHIN_7D} END`)},
         ${numbers('start_at - :from')}, ${texts('channel')},
         ${numbers(`coalesce((reply_at - start_at) * 4
           + CASE replier WHEN 'owner' THEN ${REPLIED_BY_OWNER} WHEN 'assistant' THEN ${REPLIED_BY_ASSISTANT} ELSE 0 END, -1)`)}
       FROM report_spells WHERE start_at >= :from AND start_at < :to`,
    )
      .raw()
      .get({ from: r.from, to: r.to, resolved: RESOLVED_AFTER })!;
    const packed = asNumbers(c[0]);
    const start = asNumbers(c[1]);
    const channel = dictionary(asTexts(c[2], packed.length));
    const answer = asNumbers(c[3]);
    const n = packed.length;
    // Conversation slots in order of first appearance, then each spell's place within them (a counting sort: stable).
    const slotOf = new Map<number, number>();
    const slot = new Int32Array(n);
    const sizes: number[] = [];
    for (let i = 0; i < n; i++) {
      const conversation = Math.floor(packed[i] / 8);
      let g = slotOf.get(conversation);
      if (g === undefined) {
        slotOf.set(conversation, (g = sizes.length));
        sizes.push(0);
      }
      slot[i] = g;
      sizes[g]++;
    }
    const place = new Int32Array(sizes.length);
    for (let g = 1; g < sizes.length; g++) place[g] = place[g - 1] + sizes[g - 1];
    const out: Spells = {
      length: n,
      conversationId: new Float64Array(n),
      startAt: new Float64Array(n),
      channel: new Int32Array(n),
      channels: channel.names,
      replyAt: new Float64Array(n),
      replier: new Uint8Array(n),
      flags: new Uint8Array(n),
    };
    for (let i = 0; i < n; i++) {
      const k = place[slot[i]]++;
      const startAt = r.from + start[i];
      const flags = packed[i] % 8;
      out.conversationId[k] = (packed[i] - flags) / 8;
      out.startAt[k] = startAt;
      out.channel[k] = channel.index[i];
      out.flags[k] = flags;
      // -1 is no reply (a real wait × 4 + who is never -1, even if it were negative).
      const a = answer[i];
      if (a === -1) {
        out.replyAt[k] = NaN;
      } else {
        const who = ((a % 4) + 4) % 4;
        out.replier[k] = who;
        out.replyAt[k] = startAt + (a - who) / 4;
      }
    }
    return out;
  }

  /**
   * Customers still waiting whose newest message is after `since`: how many, their messages, since when the longest
   * has waited, and how many started waiting before `longAgo`.
   */
  waiting(since: number, longAgo: number): { conversations: number; messages: number; oldestSince: number | null; over24h: number } {
    return stmt<
      [{ since: number; longAgo: number }],
      { conversations: number; messages: number; oldestSince: number | null; over24h: number }
    >(
      this.db,
      `SELECT count(*) AS conversations, coalesce(sum(messages), 0) AS messages, min(start_at) AS oldestSince,
         coalesce(sum(start_at < :longAgo), 0) AS over24h
       FROM report_spells WHERE reply_at IS NULL AND last_at >= :since`,
    ).get({ since, longAgo })!;
  }

  /** Auto replies, holds and escalations by reason, from the assistant's audit log. */
  auditCounts(r: Range): AuditCount[] {
    return stmt<[Range], AuditCount>(
      this.db,
      `SELECT event, coalesce(reason, '') AS reason, count(*) AS n,
         sum(CASE WHEN event = 'auto_sent' AND json_valid(detail)
               THEN (SELECT count(*) > 0 FROM json_each(detail, '$.sources') WHERE value LIKE 'K%') ELSE 0 END) AS knowledge,
         sum(CASE WHEN event = 'auto_sent' AND json_valid(detail)
               THEN (SELECT count(*) > 0 FROM json_each(detail, '$.sources')) ELSE 0 END) AS grounded
       FROM assistant_audit
       WHERE at >= :from AND at < :to AND event IN ('auto_sent', 'held', 'escalated')
       GROUP BY event, coalesce(reason, '')
       ORDER BY n DESC`,
    ).all({ from: r.from, to: r.to });
  }

  /**
   * Containment: conversations in which the customer started waiting in the range; those the assistant answered at
   * least once; and those in which every wait got its first reply from the assistant (the owner never had to).
   */
  containment(r: Range): ContainmentRow {
    return stmt<[Range], ContainmentRow>(
      this.db,
      `WITH c AS (
         SELECT conversation_id, count(*) AS spells, sum(replier = 'assistant') AS bot
         FROM report_spells WHERE start_at >= :from AND start_at < :to GROUP BY conversation_id
       )
       SELECT count(*) AS withCustomer, coalesce(sum(bot > 0), 0) AS assistantAnswered, coalesce(sum(bot = spells), 0) AS contained FROM c`,
    ).get({ from: r.from, to: r.to })!;
  }

  /** What happened to the Needs-you items raised in the range: still open, sent by the owner, or dismissed. */
  queueOutcomes(r: Range): { kind: 'hold' | 'escalation'; state: 'open' | 'sent' | 'dismissed'; n: number }[] {
    return stmt<[Range], { kind: 'hold' | 'escalation'; state: 'open' | 'sent' | 'dismissed'; n: number }>(
      this.db,
      `SELECT kind, state, count(*) AS n FROM assistant_queue WHERE created_at >= :from AND created_at < :to GROUP BY kind, state`,
    ).all({ from: r.from, to: r.to });
  }

  suggestionOutcomes(r: Range): { outcome: 'as_is' | 'edited' | 'discarded'; n: number }[] {
    return stmt<[Range], { outcome: 'as_is' | 'edited' | 'discarded'; n: number }>(
      this.db,
      `SELECT outcome, count(*) AS n FROM suggestion_outcomes WHERE at >= :from AND at < :to GROUP BY outcome`,
    ).all({ from: r.from, to: r.to });
  }

  /** When the first suggestion outcome was recorded (they are recorded from the release that added reports on). */
  firstSuggestionOutcomeAt(): number | null {
    return stmt<[], { at: number | null }>(this.db, 'SELECT min(at) AS at FROM suggestion_outcomes').get()!.at;
  }

  recordSuggestionOutcome(o: {
    at: number;
    conversationId: number;
    outcome: 'as_is' | 'edited' | 'discarded';
    messageId: number | null;
    similarity: number;
  }): void {
    stmt(this.db, 'INSERT INTO suggestion_outcomes(at, conversation_id, outcome, message_id, similarity) VALUES (?, ?, ?, ?, ?)').run(
      o.at,
      o.conversationId,
      o.outcome,
      o.messageId,
      o.similarity,
    );
  }

  /**
   * Placed orders in the range by source. Revenue leaves out cancelled orders; totals come from the order rows.
   * A repeat customer had an order before the range or more than one in it.
   */
  orderTotals(r: Range): OrdersTotals[] {
    return stmt<[Range], OrdersTotals>(
      this.db,
      `WITH o AS (
         SELECT source, status, contact_id, total_minor FROM orders
         WHERE placed_at >= :from AND placed_at < :to AND status <> 'draft'
       ),
       per AS (
         SELECT source, contact_id, count(*) AS n FROM o WHERE contact_id IS NOT NULL GROUP BY source, contact_id
       ),
       rep AS (
         SELECT source, count(*) AS customers,
           sum(n > 1 OR EXISTS (SELECT 1 FROM orders p WHERE p.contact_id = per.contact_id AND p.placed_at < :from AND p.status <> 'draft')) AS repeat
         FROM per GROUP BY source
       )
       SELECT o.source, count(*) AS orders, sum(o.status = 'cancelled') AS cancelled,
         coalesce(sum(CASE WHEN o.status <> 'cancelled' THEN o.total_minor END), 0) AS revenueMinor,
         coalesce(rep.customers, 0) AS customers, coalesce(rep.repeat, 0) AS repeatCustomers
       FROM o LEFT JOIN rep ON rep.source = o.source
       GROUP BY o.source`,
    ).all({ from: r.from, to: r.to });
  }

  ordersByStatus(r: Range): { status: string; n: number; amountMinor: number }[] {
    return stmt<[Range], { status: string; n: number; amountMinor: number }>(
      this.db,
      `SELECT status, count(*) AS n, coalesce(sum(total_minor), 0) AS amountMinor FROM orders
       WHERE placed_at >= :from AND placed_at < :to AND status <> 'draft' AND source = 'chat'
       GROUP BY status`,
    ).all({ from: r.from, to: r.to });
  }

  /** Best sellers among chat orders that were not cancelled: by revenue, then quantity. Names looked up for the top only. */
  topProducts(r: Range, limit: number): { name: string; quantity: number; revenueMinor: number; orders: number }[] {
    return stmt<[Range & { limit: number }], { name: string; quantity: number; revenueMinor: number; orders: number }>(
      this.db,
      `WITH o AS (
         SELECT id FROM orders
         WHERE placed_at >= :from AND placed_at < :to AND status <> 'draft' AND status <> 'cancelled' AND source = 'chat'
       ),
       top AS (
         SELECT l.product_id, NULL AS free, sum(l.quantity) AS quantity, sum(l.line_total_minor) AS revenueMinor,
                count(DISTINCT l.order_id) AS orders
         FROM o JOIN order_lines l ON l.order_id = o.id AND l.product_id IS NOT NULL
         GROUP BY l.product_id
         UNION ALL
         -- Lines whose product was deleted keep only their name.
         SELECT NULL, l.name, sum(l.quantity), sum(l.line_total_minor), count(DISTINCT l.order_id)
         FROM o JOIN order_lines l ON l.order_id = o.id AND l.product_id IS NULL
         GROUP BY l.name
         ORDER BY revenueMinor DESC, quantity DESC LIMIT :limit
       )
       SELECT coalesce(p.name, top.free, '') AS name, top.quantity, top.revenueMinor, top.orders
       FROM top LEFT JOIN products p ON p.id = top.product_id
       ORDER BY top.revenueMinor DESC, top.quantity DESC`,
    ).all({ from: r.from, to: r.to, limit });
  }

  /** Chat orders per local day (the days are passed in: [date, start, end] each). */
  ordersPerDay(days: { date: string; start: number; end: number }[]): DayCount[] {
    return stmt<[{ days: string }], DayCount>(
      this.db,
      `WITH d AS (SELECT value ->> 0 AS date, value ->> 1 AS s, value ->> 2 AS e FROM json_each(:days))
       SELECT d.date, count(o.id) AS n, coalesce(sum(CASE WHEN o.status <> 'cancelled' THEN o.total_minor END), 0) AS amount
       FROM d LEFT JOIN orders o ON o.placed_at >= d.s AND o.placed_at < d.e AND o.status <> 'draft' AND o.source = 'chat'
       GROUP BY d.date ORDER BY d.date`,
    ).all({ days: JSON.stringify(days.map((d) => [d.date, d.start, d.end])) });
  }

  /**
   * Reminders sent in the range by kind: how many, how many the customer answered within 48 hours (their first
   * message after the reminder), and how many were followed by an order from that customer within 7 days.
   */
  reminders(r: Range): ReminderRow[] {
    return stmt<[Range & { h48: number; d7: number }], ReminderRow>(
      this.db,
      `SELECT r.kind, count(*) AS sent,
         sum(coalesce((
           SELECT x.created_at FROM messages x
           WHERE x.conversation_id = (SELECT id FROM conversations WHERE contact_id = r.contact_id)
             AND x.id > r.message_id AND x.direction = 'in'
           ORDER BY x.id LIMIT 1) - r.done_at <= :h48, 0)) AS replied48h,
         sum(EXISTS (SELECT 1 FROM orders o WHERE o.contact_id = r.contact_id AND o.status <> 'draft'
                     AND o.placed_at > r.done_at AND o.placed_at <= r.done_at + :d7)) AS ordered7d
       FROM reminders r
       WHERE r.status = 'sent' AND r.done_at >= :from AND r.done_at < :to
       GROUP BY r.kind ORDER BY sent DESC`,
    ).all({ from: r.from, to: r.to, h48: H48, d7: D7 });
  }

  /** Consent changes per local day: customers who opted out, and who agreed again. One read of the range, then binned. */
  consentPerDay(days: { date: string; start: number; end: number }[]): { date: string; optOuts: number; optIns: number }[] {
    const out = days.map((d) => ({ date: d.date, optOuts: 0, optIns: 0 }));
    if (!days.length) return out;
    const rows = stmt<[number, number], { at: number; change: 'opt_out' | 'opt_in' }>(
      this.db,
      'SELECT at, change FROM consent_log WHERE at >= ? AND at < ?',
    ).all(days[0].start, days[days.length - 1].end);
    for (const r of rows) {
      let lo = 0;
      let hi = days.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (days[mid].start <= r.at) lo = mid;
        else hi = mid - 1;
      }
      if (r.change === 'opt_out') out[lo].optOuts++;
      else out[lo].optIns++;
    }
    return out;
  }

  /** Spells that start in [from, to), in time order (customers who wrote in the range, with repeats). */
  spellStarts(r: Range): SpellStarts {
    const c = stmt<[Range], string[]>(
      this.db,
      `SELECT ${numbers('conversation_id')}, ${numbers('start_at - :from')}, ${texts('channel')}
       FROM report_spells WHERE start_at >= :from AND start_at < :to`,
    )
      .raw()
      .get({ from: r.from, to: r.to })!;
    const conversationId = asNumbers(c[0]);
    const startAt = asNumbers(c[1]);
    for (let i = 0; i < startAt.length; i++) startAt[i] += r.from;
    const { index, names } = dictionary(asTexts(c[2], conversationId.length));
    return { conversationId, startAt, channel: index, channels: names };
  }

  /**
   * When these conversations began and their customer's language. A conversation without a contact is left out.
   * A report's customers are usually most of the shop's: reading the id range they span costs a third of looking
   * each one up; a sparse set is looked up one by one.
   */
  customers(conversationIds: Set<number>): Customers {
    const out: Customers = new Map();
    if (conversationIds.size === 0) return out;
    let lo = Infinity;
    let hi = -Infinity;
    for (const id of conversationIds) {
      if (id < lo) lo = id;
      if (id > hi) hi = id;
    }
    const columns = `${numbers('c.id')}, ${numbers('c.created_at')}, ${texts(`coalesce(${CONTACT_LANGUAGE}, '')`)}`;
    const c =
      conversationIds.size * 4 >= hi - lo
        ? stmt<[number, number], string[]>(
            this.db,
            `SELECT ${columns} FROM conversations c JOIN contacts k ON k.id = c.contact_id WHERE c.id BETWEEN ? AND ?`,
          )
            .raw()
            .get(lo, hi)!
        : stmt<[string], string[]>(
            this.db,
            `SELECT ${columns} FROM conversations c JOIN contacts k ON k.id = c.contact_id WHERE c.id IN (SELECT value FROM json_each(?))`,
          )
            .raw()
            .get(JSON.stringify([...conversationIds]))!;
    const ids = asNumbers(c[0]);
    const createdAt = asNumbers(c[1]);
    const language = asTexts(c[2], ids.length);
    for (let i = 0; i < ids.length; i++) {
      if (conversationIds.has(ids[i])) out.set(ids[i], { createdAt: createdAt[i], language: language[i] });
    }
    return out;
  }
}
