// Every chart and table on the Reports page as rows and columns, for CSV export. Column names are stable English
// keys (for spreadsheets and scripts); times are in seconds, money in the currency's major unit.
import { stringify } from 'csv-stringify/sync';
import { neutraliseFormula, UTF8_BOM } from '../contacts/csv-cells';
import { minorToDecimal } from '../../shared/money';
import type { Stat } from './figures';
import type {
  AssistantFigures,
  ConversationsFigures,
  CustomersFigures,
  RemindersFigures,
  SalesFigures,
  Section,
  WaitingNow,
} from './service';

export type Cell = string | number | null;
export interface Table {
  columns: string[];
  rows: Cell[][];
}

export const SECTIONS = ['conversations', 'assistant', 'sales', 'reminders', 'customers'] as const;
export type SectionName = (typeof SECTIONS)[number];

const secs = (ms: number | null) => (ms === null ? null : Math.round(ms / 1000));
const pct = (n: number, d: number) => (d > 0 ? Math.round((1000 * n) / d) / 10 : null);
const statCells = (s: Stat) => [s.n, secs(s.median), secs(s.p90)];

/** A figure with the previous period beside it. */
function summary(rows: [string, Cell, Cell][]): Table {
  return { columns: ['figure', 'current', 'previous'], rows };
}

export function conversationTables(s: Section<ConversationsFigures> & { waiting: WaitingNow }): Record<string, Table> {
  const c = s.current.speed;
  const p = s.prior.speed;
  const r = s.current.resolution;
  const q = s.prior.resolution;
  return {
    speed: summary([
      ['customers_waited', c.spells, p.spells],
      ['answered', c.answered, p.answered],
      ['first_response_median_s', secs(c.all.median), secs(p.all.median)],
      ['first_response_p90_s', secs(c.all.p90), secs(p.all.p90)],
      ['owner_median_s', secs(c.owner.median), secs(p.owner.median)],
      ['assistant_median_s', secs(c.assistant.median), secs(p.assistant.median)],
      ['answered_within_5_min_pct', pct(c.within5m, c.spells), pct(p.within5m, p.spells)],
      ['answered_within_1_h_pct', pct(c.within1h, c.spells), pct(p.within1h, p.spells)],
      ['waiting_now_conversations', s.waiting.conversations, null],
      ['waiting_now_messages', s.waiting.messages, null],
      ['waiting_longest_since', s.waiting.oldestSince === null ? null : new Date(s.waiting.oldestSince).toISOString(), null],
    ]),
    byHour: {
      columns: [
        'hour',
        'customers_waited',
        'owner_answers',
        'owner_median_s',
        'owner_p90_s',
        'assistant_answers',
        'assistant_median_s',
        'assistant_p90_s',
      ],
      rows: c.byHour.map((h) => [h.hour, h.spells, ...statCells(h.owner), ...statCells(h.assistant)]),
    },
    byChannel: {
      columns: ['channel', 'customers_waited', 'answers', 'median_s', 'p90_s', 'owner_median_s', 'assistant_median_s'],
      rows: c.byChannel.map((h) => [h.channel, h.spells, ...statCells(h.all), secs(h.owner.median), secs(h.assistant.median)]),
    },
    resolution: summary([
      ['matters', r.matters, q.matters],
      ['resolved', r.resolved, q.resolved],
      ['first_contact_resolution_pct', pct(r.firstContact, r.resolved), pct(q.firstContact, q.resolved)],
      ['reopen_rate_pct', pct(r.reopened, r.resolved), pct(q.reopened, q.resolved)],
      ['resolution_time_median_s', secs(r.time.median), secs(q.time.median)],
      ['resolution_time_p90_s', secs(r.time.p90), secs(q.time.p90)],
      ['too_early_to_tell', r.tooEarly, q.tooEarly],
      ['unanswered', r.unanswered, q.unanswered],
    ]),
  };
}

export function assistantTables(s: Section<AssistantFigures>): Record<string, Table> {
  const c = s.current;
  const p = s.prior;
  const byReason = (a: { reason: string; n: number }[], b: { reason: string; n: number }[]): Table => ({
    columns: ['reason', 'current', 'previous'],
    rows: [...new Set([...a.map((x) => x.reason), ...b.map((x) => x.reason)])].map((reason) => [
      reason,
      a.find((x) => x.reason === reason)?.n ?? 0,
      b.find((x) => x.reason === reason)?.n ?? 0,
    ]),
  });
  return {
    summary: summary([
      ['auto_replies', c.autoReplies, p.autoReplies],
      ['auto_replies_from_knowledge', c.autoFromKnowledge, p.autoFromKnowledge],
      ['held_for_owner', c.holds.reduce((a, h) => a + h.n, 0), p.holds.reduce((a, h) => a + h.n, 0)],
      ['escalations', c.escalations.reduce((a, h) => a + h.n, 0), p.escalations.reduce((a, h) => a + h.n, 0)],
      ['conversations_customer_wrote', c.containment.withCustomer, p.containment.withCustomer],
      ['conversations_assistant_answered', c.containment.assistantAnswered, p.containment.assistantAnswered],
      ['conversations_handled_by_auto_alone', c.containment.contained, p.containment.contained],
      [
        'containment_pct',
        pct(c.containment.contained, c.containment.withCustomer),
        pct(p.containment.contained, p.containment.withCustomer),
      ],
      ['suggestions_sent_as_is', c.suggestions.asIs, p.suggestions.asIs],
      ['suggestions_edited', c.suggestions.edited, p.suggestions.edited],
      ['suggestions_discarded', c.suggestions.discarded, p.suggestions.discarded],
    ]),
    suggestions: {
      columns: ['outcome', 'current', 'previous'],
      rows: [
        ['sent_as_is', c.suggestions.asIs, p.suggestions.asIs],
        ['edited', c.suggestions.edited, p.suggestions.edited],
        ['discarded', c.suggestions.discarded, p.suggestions.discarded],
      ],
    },
    holds: byReason(c.holds, p.holds),
    escalations: byReason(c.escalations, p.escalations),
    needsYou: { columns: ['kind', 'open', 'sent', 'dismissed'], rows: c.needsYou.map((n) => [n.kind, n.open, n.sent, n.dismissed]) },
  };
}

export function salesTables(s: Section<SalesFigures>): Record<string, Table> {
  const c = s.current;
  const p = s.prior;
  // In the currency's major unit with its own decimals (EUR 12.50, VND 45000).
  const money = (minor: number | null) => (minor === null ? null : minorToDecimal(minor, c.currency));
  return {
    summary: summary([
      ['chat_orders', c.orders, p.orders],
      ['cancelled', c.cancelled, p.cancelled],
      [`revenue_${c.currency}`, money(c.revenueMinor), money(p.revenueMinor)],
      [`average_order_${c.currency}`, money(c.averageMinor), money(p.averageMinor)],
      ['customers', c.customers, p.customers],
      ['repeat_customers', c.repeatCustomers, p.repeatCustomers],
      ['orders_entered_by_owner', c.ownerOrders, p.ownerOrders],
    ]),
    perDay: { columns: ['date', 'orders', `revenue_${c.currency}`], rows: c.perDay.map((d) => [d.date, d.n, money(d.amountMinor)]) },
    byStatus: { columns: ['status', 'orders', `amount_${c.currency}`], rows: c.byStatus.map((d) => [d.status, d.n, money(d.amountMinor)]) },
    topProducts: {
      columns: ['product', 'quantity', 'orders', `revenue_${c.currency}`],
      rows: c.topProducts.map((d) => [d.name, d.quantity, d.orders, money(d.revenueMinor)]),
    },
  };
}

export function reminderTables(s: Section<RemindersFigures>): Record<string, Table> {
  const c = s.current;
  const p = s.prior;
  return {
    summary: summary([
      ['sent', c.total.sent, p.total.sent],
      ['replied_within_48_h', c.total.replied48h, p.total.replied48h],
      ['order_within_7_days', c.total.ordered7d, p.total.ordered7d],
      ['opt_outs', c.optOuts, p.optOuts],
    ]),
    byKind: {
      columns: ['kind', 'sent', 'replied_within_48_h', 'order_within_7_days'],
      rows: c.byKind.map((k) => [k.kind, k.sent, k.replied48h, k.ordered7d]),
    },
    optOuts: { columns: ['date', 'opt_outs', 'opt_ins'], rows: c.consentPerDay.map((d) => [d.date, d.optOuts, d.optIns]) },
  };
}

export function customerTables(s: Section<CustomersFigures>): Record<string, Table> {
  const c = s.current;
  const p = s.prior;
  return {
    summary: summary([
      ['customers_who_wrote', c.total, p.total],
      ['new', c.new, p.new],
      ['returning', c.returning, p.returning],
    ]),
    byChannel: { columns: ['channel', 'new', 'returning'], rows: c.byChannel.map((x) => [x.channel, x.new, x.returning]) },
    byLanguage: { columns: ['language', 'customers'], rows: c.byLanguage.map((x) => [x.language || 'unknown', x.n]) },
  };
}

/** CSV text of one table: UTF-8 BOM (Excel shows Cyrillic), header row, formula-looking text defused. */
export function toCsv(t: Table): string {
  const rows = t.rows.map((r) => r.map((v) => (typeof v === 'string' ? neutraliseFormula(v) : (v ?? ''))));
  return UTF8_BOM + stringify(rows, { header: true, columns: t.columns });
}
