// Automatic reminders the owner switches on in Settings: unpaid orders, quiet customers (follow-up, once per
// silence) and reorders of consumable products. A rule makes a visible upcoming reminder as soon as its condition
// starts, drops it when the condition ends (order paid, customer wrote), and is asked again at fire time.
import type { Clock } from '../clock';
import type { Db } from '../db/connection';
import type { ReminderOrdersRepo } from '../db/repos/reminder-orders-repo';
import type { RemindersRepo } from '../db/repos/reminders-repo';
import type { DomainBus } from '../domain-events';
import type { EventBus } from '../events';
import type { Message } from '../inbox/types';
import type { RemindersService, RuleCheck } from './service';
import { defaultTemplate } from './templates';
import type { Reminder, StatusNote } from './types';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Rule keys: one reminder per order per rule, one follow-up per customer silence (keyed by their last message). */
export const ruleKeys = {
  unpaid: (orderId: number) => `unpaid:${orderId}`,
  reorder: (orderId: number) => `reorder:${orderId}`,
  followUp: (conversationId: number, lastInboundId: number) => `followup:${conversationId}:${lastInboundId}`,
};

export class RuleEngine implements RuleCheck {
  private unsubscribe: (() => void)[] = [];
  private orderSweep: unknown = null;

  constructor(
    private readonly db: Db,
    private readonly reminders: RemindersService,
    private readonly repo: RemindersRepo,
    private readonly orders: ReminderOrdersRepo,
    private readonly events: EventBus,
    private readonly domain: DomainBus,
    private readonly clock: Clock,
    /** Wakes the scheduler after the rules changed reminders. */
    private readonly wake: () => void,
  ) {}

  start(): void {
    if (this.unsubscribe.length) return;
    this.unsubscribe = [
      this.domain.on('message.stored', ({ conversationId, message }) => {
        if (message.direction === 'in') this.onCustomerMessage(conversationId);
        else this.onOwnerMessage(conversationId, message);
      }),
      // A rule was switched on or off, or its delay changed.
      this.domain.on('settings.changed', () => this.reconcile()),
      // Orders changed (placed, paid, completed): look again shortly, once for a burst of changes.
      this.domain.on('order.changed', () => {
        if (this.orderSweep) return;
        this.orderSweep = this.clock.setTimeout(() => {
          this.orderSweep = null;
          this.reconcile();
        }, 1_000);
      }),
    ];
    this.reconcile();
  }

  stop(): void {
    for (const off of this.unsubscribe) off();
    this.unsubscribe = [];
    if (this.orderSweep) this.clock.clearTimeout(this.orderSweep);
    this.orderSweep = null;
  }

  /** Brings every rule's reminders in line with the data and the settings (startup, settings change, periodically). */
  reconcile(): void {
    const now = this.clock.now();
    const s = this.reminders.getSettings();
    const catchUp = s.catchUpMinutes * 60_000;
    let changed = false;
    this.db.transaction(() => {
      // Unpaid orders.
      const unpaid = s.rules.unpaidOrder;
      if (unpaid.enabled) {
        const delay = unpaid.delayHours * HOUR;
        // Orders whose reminder would be too late to send are left alone (the owner can remind by hand).
        for (const o of this.orders.unpaidSince(now - delay - catchUp)) {
          changed =
            this.makeOrderReminder(
              'payment_due',
              ruleKeys.unpaid(o.orderId),
              o.orderId,
              o.contactId,
              o.placedAt + delay,
              unpaid.template,
            ) || changed;
        }
      }
      // Reorders of consumables.
      const reorder = s.rules.reorder;
      if (reorder.enabled) {
        for (const o of this.orders.completedWithConsumables(reorder.delayDays, now - 730 * DAY - catchUp)) {
          const dueAt = o.completedAt + o.days * DAY;
          if (dueAt < now - catchUp) continue;
          changed =
            this.makeOrderReminder('reorder', ruleKeys.reorder(o.orderId), o.orderId, o.contactId, dueAt, reorder.template) || changed;
        }
      }
      // Follow-ups for conversations where the owner wrote last, recently enough to still matter.
      const follow = s.rules.followUp;
      if (follow.enabled) {
        const delay = follow.delayHours * HOUR;
        for (const c of this.repo.awaitingCustomer(now - delay - catchUp)) {
          changed = this.upsertFollowUp(c.conversationId, c.contactId, c.lastInboundId, c.lastOutAt + delay) || changed;
        }
      }
      // Drop what no longer applies (rule switched off, order paid, customer wrote).
      for (const kind of ['payment_due', 'reorder', 'follow_up'] as const) {
        for (const r of this.repo.scheduledRules(kind)) {
          const enabled = kind === 'payment_due' ? unpaid.enabled : kind === 'reorder' ? reorder.enabled : follow.enabled;
          if (!enabled || !this.stillApplies(r, now).ok) changed = this.repo.deleteScheduledRule(r.id) || changed;
        }
      }
    })();
    if (changed) this.notify([]);
  }

  stillApplies(r: Reminder, _now: number): { ok: true } | { ok: false; note: StatusNote } {
    if (r.kind === 'payment_due' && r.orderId) {
      const o = this.orders.get(r.orderId);
      if (!o || o.status === 'cancelled') return { ok: false, note: 'order_closed' };
      if (o.status !== 'new' && o.status !== 'confirmed') return { ok: false, note: 'order_paid' };
    }
    if (r.kind === 'reorder' && r.orderId) {
      const o = this.orders.get(r.orderId);
      if (!o || o.contactId === null) return { ok: false, note: 'order_closed' };
      if (this.orders.orderedSince(o.contactId, o.placedAt ?? 0, o.id)) return { ok: false, note: 'reordered' };
    }
    if (r.kind === 'follow_up' && r.ruleKey) {
      const [, conv, lastIn] = r.ruleKey.split(':');
      if (this.repo.lastInboundId(Number(conv)) !== Number(lastIn)) return { ok: false, note: 'customer_replied' };
    }
    return { ok: true };
  }

  /** The customer wrote: any follow-up waiting for them is moot. */
  private onCustomerMessage(conversationId: number): void {
    const contactId = this.repo.contactOfConversation(conversationId);
    if (contactId === undefined) return;
    let dropped = false;
    for (const id of this.repo.scheduledRuleIds(contactId, 'follow_up')) dropped = this.repo.deleteScheduledRule(id) || dropped;
    if (dropped) this.notify([contactId]);
  }

  /** The owner (or the assistant) wrote: if the customer stays quiet, follow up after the delay. */
  private onOwnerMessage(conversationId: number, m: Message): void {
    if (m.author !== 'owner' && m.author !== 'assistant') return;
    if (m.channel === 'system') return;
    const settings = this.reminders.getSettings();
    const rule = settings.rules.followUp;
    if (!rule.enabled) return;
    const dueAt = m.createdAt + rule.delayHours * HOUR;
    // History arriving now (a WhatsApp backfill) must not turn into a pile of overdue follow-ups.
    if (dueAt < this.clock.now() - settings.catchUpMinutes * 60_000) return;
    // Reminders and opt-out confirmations are not a conversation to follow up on.
    if (this.repo.isReminderMessage(m.id)) return;
    const contactId = this.repo.contactOfConversation(conversationId);
    const lastIn = this.repo.lastInboundId(conversationId);
    if (contactId === undefined || lastIn === 0) return;
    if (this.upsertFollowUp(conversationId, contactId, lastIn, dueAt)) this.notify([contactId]);
  }

  private upsertFollowUp(conversationId: number, contactId: number, lastInboundId: number, dueAt: number): boolean {
    const key = ruleKeys.followUp(conversationId, lastInboundId);
    const existing = this.repo.byRuleKey(key);
    if (existing) {
      // Once per silence: a follow-up that went out (or was cancelled) is never made again for the same silence.
      if (existing.status !== 'scheduled' || existing.dueAt === dueAt) return false;
      this.reminders.retimeRule(existing.id, dueAt);
      return true;
    }
    const rule = this.reminders.getSettings().rules.followUp;
    const lang = this.reminders.languageFor(contactId, undefined);
    return (
      this.reminders.createForRule({
        contactId,
        kind: 'follow_up',
        ruleKey: key,
        orderId: null,
        template: rule.template.trim() || defaultTemplate('follow_up', this.reminders.voice(lang)),
        channel: null,
        dueAt,
        eventAt: null,
      }) !== undefined
    );
  }

  private makeOrderReminder(
    kind: 'payment_due' | 'reorder',
    key: string,
    orderId: number,
    contactId: number,
    dueAt: number,
    template: string,
  ): boolean {
    if (this.repo.byRuleKey(key)) return false;
    const lang = this.reminders.languageFor(contactId, this.orders.get(orderId));
    return (
      this.reminders.createForRule({
        contactId,
        kind,
        ruleKey: key,
        orderId,
        template: template.trim() || defaultTemplate(kind, this.reminders.voice(lang)),
        channel: null,
        dueAt,
        eventAt: null,
      }) !== undefined
    );
  }

  private notify(contactIds: number[]): void {
    this.events.emit('reminders.changed', { contactIds });
    this.wake();
  }
}
