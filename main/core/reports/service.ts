// Reports: each section of the Reports page for a period and the period before it, in the shop's time zone.
// Definitions live in figures.ts (first response, resolution, containment) and in the repository's comments.
import type { Clock } from '../clock';
import type { SettingsService } from '../settings/service';
import {
  DAY,
  customerFigures,
  resolutionFigures,
  speedFigures,
  type CustomersFigures,
  type ResolutionFigures,
  type SpeedFigures,
} from './figures';
import { HourOfDay, resolvePeriod, type Period, type PeriodInput } from './period';
import type { ContainmentRow, ReminderRow, ReportsRepo } from './reports-repo';
import type { Backlog, SpellsBuilder } from './spells';

export type { CustomersFigures } from './figures';

/** How far after a past period returns on the same matter are followed. */
const LOOKAHEAD = 30 * DAY;
const TOP_PRODUCTS = 10;
/**
 * WAITING NOW: customers whose last waiting spell has no reply yet and who wrote within the last 7 days; "since" is
 * their first unanswered message inside those 7 days. Older unanswered chats are not "waiting" any more — they count
 * as unanswered in the period they started in (and stay unread in the inbox).
 */
export const WAITING_HORIZON = 7 * DAY;
/**
 * New messages a report call reads into report_spells itself before answering. Beyond this (a big shop opening
 * Reports for the first time) the background builder does the rest and the page shows its progress.
 */
export const CATCH_UP_ON_CALL = 20_000;

export interface PeriodInfo {
  fromDate: string;
  toDate: string;
  from: number;
  to: number;
  days: number;
}

export interface Section<T> {
  timeZone: string;
  /** Set while Lavka is still reading older messages into the reports: figures are incomplete until it is null. */
  preparing: Backlog | null;
  period: PeriodInfo;
  previous: PeriodInfo;
  current: T;
  prior: T;
}

export interface ConversationsFigures {
  speed: SpeedFigures;
  resolution: ResolutionFigures;
}

export interface AssistantFigures {
  autoReplies: number;
  /** Auto replies that used at least one of the owner's knowledge entries. */
  autoFromKnowledge: number;
  /** Auto replies grounded in something the owner wrote (knowledge, policies, profile, catalog). */
  autoGrounded: number;
  holdingMessages: number;
  holds: { reason: string; n: number }[];
  escalations: { reason: string; n: number }[];
  containment: ContainmentRow;
  needsYou: { kind: 'hold' | 'escalation'; open: number; sent: number; dismissed: number }[];
  suggestions: { asIs: number; edited: number; discarded: number };
}

export interface SalesFigures {
  currency: string;
  orders: number;
  cancelled: number;
  revenueMinor: number;
  averageMinor: number | null;
  customers: number;
  repeatCustomers: number;
  /** Orders the owner entered by hand, for scale. */
  ownerOrders: number;
  byStatus: { status: string; n: number; amountMinor: number }[];
  topProducts: { name: string; quantity: number; revenueMinor: number; orders: number }[];
  perDay: { date: string; n: number; amountMinor: number }[];
}

export interface RemindersFigures {
  total: Omit<ReminderRow, 'kind'>;
  byKind: ReminderRow[];
  consentPerDay: { date: string; optOuts: number; optIns: number }[];
  optOuts: number;
}

export interface WaitingNow {
  conversations: number;
  messages: number;
  oldestSince: number | null;
  over24h: number;
  at: number;
}

export class ReportsService {
  constructor(
    private readonly repo: ReportsRepo,
    private readonly spells: SpellsBuilder,
    private readonly settings: SettingsService,
    private readonly clock: Clock,
  ) {}

  /** Brings report_spells up to date (within limits); the backlog when it could not. */
  private prepare(): Backlog | null {
    return this.spells.catchUp(CATCH_UP_ON_CALL) ? null : this.spells.backlog();
  }

  private section<T>(input: PeriodInput, compute: (p: Period) => T, usesMessages = true): Section<T> {
    const pair = resolvePeriod(input, this.clock.now(), this.settings.get().business.timeZone);
    const preparing = usesMessages ? this.prepare() : null;
    return {
      timeZone: pair.timeZone,
      preparing,
      period: info(pair.current),
      previous: info(pair.previous),
      current: compute(pair.current),
      prior: compute(pair.previous),
    };
  }

  /** Speed and resolution. One read of the messages covers both periods (the previous one's follow-up is the current). */
  conversations(input: PeriodInput): Section<ConversationsFigures> & { waiting: WaitingNow } {
    const now = this.clock.now();
    const pair = resolvePeriod(input, now, this.settings.get().business.timeZone);
    const preparing = this.prepare();
    // Spells of both periods, and those up to 30 days after, where a matter may continue.
    const spells = this.repo.spells({ from: pair.previous.from, to: Math.min(now + 1, pair.current.to + LOOKAHEAD) });
    const hours = new HourOfDay(pair.previous.from, pair.current.to, pair.timeZone);
    const figures = (p: Period): ConversationsFigures => ({
      speed: speedFigures(spells, p.from, p.to, hours),
      resolution: resolutionFigures(spells, p.from, p.to, now),
    });
    return {
      timeZone: pair.timeZone,
      preparing,
      period: info(pair.current),
      previous: info(pair.previous),
      current: figures(pair.current),
      prior: figures(pair.previous),
      waiting: this.waiting(now),
    };
  }

  waiting(now: number): WaitingNow {
    return { ...this.repo.waiting(now - WAITING_HORIZON, now - DAY), at: now };
  }

  assistant(input: PeriodInput): Section<AssistantFigures> {
    return this.section(input, (p) => {
      const audit = this.repo.auditCounts(p);
      const auto = audit.filter((a) => a.event === 'auto_sent' && a.reason !== 'holding_message');
      const queue = this.repo.queueOutcomes(p);
      const sugg = this.repo.suggestionOutcomes(p);
      const count = (o: string) => sugg.find((s) => s.outcome === o)?.n ?? 0;
      return {
        autoReplies: sum(auto.map((a) => a.n)),
        autoFromKnowledge: sum(auto.map((a) => a.knowledge)),
        autoGrounded: sum(auto.map((a) => a.grounded)),
        holdingMessages: sum(audit.filter((a) => a.event === 'auto_sent' && a.reason === 'holding_message').map((a) => a.n)),
        holds: audit.filter((a) => a.event === 'held').map((a) => ({ reason: a.reason, n: a.n })),
        escalations: audit.filter((a) => a.event === 'escalated').map((a) => ({ reason: a.reason, n: a.n })),
        containment: this.repo.containment(p),
        needsYou: (['escalation', 'hold'] as const).map((kind) => {
          const n = (state: string) => queue.find((q) => q.kind === kind && q.state === state)?.n ?? 0;
          return { kind, open: n('open'), sent: n('sent'), dismissed: n('dismissed') };
        }),
        suggestions: { asIs: count('as_is'), edited: count('edited'), discarded: count('discarded') },
      };
    });
  }

  sales(input: PeriodInput): Section<SalesFigures> {
    const currency = this.settings.get().business.currency;
    return this.section(
      input,
      (p) => {
        const totals = this.repo.orderTotals(p);
        const chat = totals.find((t) => t.source === 'chat');
        const kept = chat ? chat.orders - chat.cancelled : 0;
        return {
          currency,
          orders: chat?.orders ?? 0,
          cancelled: chat?.cancelled ?? 0,
          revenueMinor: chat?.revenueMinor ?? 0,
          averageMinor: chat && kept > 0 ? Math.round(chat.revenueMinor / kept) : null,
          customers: chat?.customers ?? 0,
          repeatCustomers: chat?.repeatCustomers ?? 0,
          ownerOrders: totals.find((t) => t.source === 'owner')?.orders ?? 0,
          byStatus: this.repo.ordersByStatus(p),
          topProducts: this.repo.topProducts(p, TOP_PRODUCTS),
          perDay: this.repo.ordersPerDay(p.days).map((d) => ({ date: d.date, n: d.n, amountMinor: d.amount })),
        };
      },
      false,
    );
  }

  reminders(input: PeriodInput): Section<RemindersFigures> {
    return this.section(
      input,
      (p) => {
        const byKind = this.repo.reminders(p);
        const consentPerDay = this.repo.consentPerDay(p.days);
        return {
          total: {
            sent: sum(byKind.map((r) => r.sent)),
            replied48h: sum(byKind.map((r) => r.replied48h)),
            ordered7d: sum(byKind.map((r) => r.ordered7d)),
          },
          byKind,
          consentPerDay,
          optOuts: sum(consentPerDay.map((d) => d.optOuts)),
        };
      },
      false,
    );
  }

  /** Both periods from one read of their spells (and of who those customers are). */
  customers(input: PeriodInput): Section<CustomersFigures> {
    const pair = resolvePeriod(input, this.clock.now(), this.settings.get().business.timeZone);
    const preparing = this.prepare();
    const spells = this.repo.spellStarts({ from: pair.previous.from, to: pair.current.to });
    const customers = this.repo.customers(new Set(spells.conversationId));
    return {
      timeZone: pair.timeZone,
      preparing,
      period: info(pair.current),
      previous: info(pair.previous),
      current: customerFigures(spells, customers, pair.current.from, pair.current.to),
      prior: customerFigures(spells, customers, pair.previous.from, pair.previous.to),
    };
  }
}

function info(p: Period): PeriodInfo {
  return { fromDate: p.fromDate, toDate: p.toDate, from: p.from, to: p.to, days: p.days.length };
}

function sum(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0);
}
