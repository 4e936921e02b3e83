// Firing reminders: each due reminder is queued in the outbox and marked sent in ONE transaction, so it goes out once
// even if two schedulers race or Lavka crashes mid-way. Opt-out, quiet hours, the catch-up policy and rule conditions
// are checked at fire time, not only when the reminder was made. Also: the assistant's wording of due reminders.
import type { Clock } from '../clock';
import type { Db } from '../db/connection';
import type { ContactsRepo } from '../db/repos/contacts-repo';
import type { RemindersRepo } from '../db/repos/reminders-repo';
import type { ReminderOrdersRepo } from '../db/repos/reminder-orders-repo';
import { AppError } from '../errors';
import type { EventBus } from '../events';
import type { InboxService } from '../inbox/service';
import type { OptOutService } from '../optout/service';
import { formatLocal, fromLocal, nextLocal, parseLocal, type LocalDateTime } from '../../shared/zoned-time';
import type { ReminderBasis } from './basis';
import type { ReminderPersonaliser } from './personalise';
import { render } from './templates';
import type { Reminder, StatusNote } from './types';

/** Why a fire attempt ended the way it did (for tests and logs). */
export type FireOutcome = 'sent' | 'missed' | 'cancelled' | 'dropped' | 'postponed' | 'not_due' | 'gone';

/** A rule decides at fire time whether its reminder still makes sense (the order may be paid by now). */
export interface RuleCheck {
  stillApplies(r: Reminder, now: number): { ok: true } | { ok: false; note: StatusNote };
}

/** A reminder that failed to fire for an unexpected reason is tried again this much later. */
const RETRY_AFTER_MS = 60_000;
/** While an unclear opt-out waits for the owner, a due reminder is looked at again this much later. */
const UNCLEAR_OPTOUT_RETRY_MS = 15 * 60_000;

export interface FiringDeps {
  db: Db;
  repo: RemindersRepo;
  orders: ReminderOrdersRepo;
  contacts: ContactsRepo;
  inbox: Pick<InboxService, 'ensureConversation' | 'queueInTransaction'>;
  optout: Pick<OptOutService, 'isOptedOut' | 'unclear'>;
  basis: ReminderBasis;
  events: EventBus;
  clock: Clock;
  /** The automatic rules' condition at fire time; manual reminders linked to an order are checked here. */
  ruleCheck: RuleCheck;
  /** The assistant's wording; without it, reminders go out exactly as written. */
  personaliser: ReminderPersonaliser | null;
}

export class ReminderFiring {
  /** Personalised texts prepared for due reminders, valid only while the plain text they were made from is unchanged. */
  private readonly prepared = new Map<number, { base: string; text: string }>();

  constructor(private readonly d: FiringDeps) {}

  get personaliser(): ReminderPersonaliser | null {
    return this.d.personaliser;
  }

  nextFireAt(): number | undefined {
    return this.d.repo.nextFireAt();
  }

  /**
   * Fires up to `limit` due reminders. Returns how many it looked at and what happened, so the scheduler knows
   * whether more are waiting. One event for the whole batch: 1,000 reminders must not mean 1,000 UI reloads.
   */
  runDue(limit = 200): { processed: number; outcomes: Partial<Record<FireOutcome, number>>; more: boolean } {
    const now = this.d.clock.now();
    const ids = this.d.repo.due(now, limit);
    const outcomes: Partial<Record<FireOutcome, number>> = {};
    const touched = new Set<number>();
    const afterCommit: (() => void)[] = [];
    // One outer transaction per batch (one disk sync instead of one per reminder); each reminder is its own
    // savepoint inside it, so one failing reminder never takes the others with it.
    this.d.db
      .transaction(() => {
        for (const id of ids) {
          const contactId = this.d.repo.get(id)?.contactId;
          let outcome: FireOutcome;
          try {
            outcome = this.fire(id, now, {}, afterCommit);
          } catch (err) {
            // Nothing was queued (its savepoint rolled back). It stays scheduled and is tried again in a minute,
            // so a reminder that keeps failing never turns into a busy loop.
            console.error(`[reminders] reminder ${id} could not fire; trying again in a minute`, err);
            this.d.repo.setFireAt(id, now + RETRY_AFTER_MS, now);
            continue;
          }
          outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
          if (contactId !== undefined) touched.add(contactId);
        }
      })
      .immediate();
    for (const fn of afterCommit) fn();
    if (ids.length > 0)
      this.d.events.emit('reminders.changed', { contactIds: touched.size <= 50 ? [...touched] : [], missed: outcomes.missed ?? 0 });
    return { processed: ids.length, outcomes, more: ids.length === limit };
  }

  /** Due reminders that asked for the assistant's wording and do not have it yet (the scheduler awaits them first). */
  duePersonalisation(limit = 20): number[] {
    if (!this.d.personaliser) return [];
    return this.d.repo
      .due(this.d.clock.now(), 200)
      .filter((id) => !this.prepared.has(id) && this.d.repo.get(id)?.personalise)
      .slice(0, limit);
  }

  /**
   * Asks the assistant to reword these reminders. A rewrite that fails the guardrails (or a model that is not
   * available) leaves the owner's own text, which is what then goes out.
   */
  async preparePersonalised(ids: number[]): Promise<void> {
    const { basis } = this.d;
    for (const id of ids) {
      const r = this.d.repo.get(id);
      if (!r || !r.personalise || r.status === 'sent' || r.status === 'cancelled') continue;
      const contact = this.d.contacts.get(r.contactId);
      if (!contact) continue;
      const order = r.orderId ? this.d.orders.get(r.orderId) : undefined;
      const lang = basis.languageFor(r.contactId, order);
      const base = render(r.template, basis.vars(contact.name, order, r.eventAt ?? r.dueAt, lang, basis.timeZone())).trim();
      let text = base;
      if (this.d.personaliser) {
        let conversationId: number;
        try {
          conversationId = this.d.inbox.ensureConversation(r.contactId);
        } catch {
          continue;
        }
        const res = await this.d.personaliser.personalise({ conversationId, text: base, language: lang, contactName: contact.name });
        if (res.ok) text = res.text;
        else console.warn(`[reminders] reminder ${id} goes out as written: ${res.reason}`);
      }
      this.prepared.set(id, { base, text });
    }
  }

  /**
   * Fires one reminder if it is (still) due. Everything — opt-out, rule condition, lateness, quiet hours — is
   * decided and written inside one IMMEDIATE transaction together with the queued message.
   */
  fire(id: number, now: number, opts: { force?: boolean } = {}, deferred?: (() => void)[]): FireOutcome {
    const { repo, basis } = this.d;
    let afterCommit: (() => void) | null = null;
    const outcome = this.d.db
      .transaction((): FireOutcome => {
        const r = repo.get(id);
        if (!r || r.status !== 'scheduled') return 'gone';
        if (!opts.force && r.fireAt > now) return 'not_due';

        if (this.d.optout.isOptedOut(r.contactId)) {
          repo.finish(id, 'cancelled', 'opted_out', now);
          return 'cancelled';
        }
        // "Stop sending me so much": nothing goes out until the owner has decided what the customer meant.
        if (this.d.optout.unclear(r.contactId)) {
          repo.setFireAt(id, now + UNCLEAR_OPTOUT_RETRY_MS, now);
          return 'postponed';
        }
        const check = this.check(r, now);
        if (!check.ok) {
          // A rule's own reminder just disappears; one the owner made stays visible with the reason.
          if (r.source === 'rule') {
            repo.deleteScheduledRule(id);
            return 'dropped';
          }
          repo.finish(id, 'cancelled', check.note, now);
          return 'cancelled';
        }
        const settings = basis.settingsNow();
        if (!opts.force && now - r.fireAt > settings.catchUpMinutes * 60_000) {
          repo.finish(id, 'missed', 'late', now);
          this.stepSeries(r, now, now - settings.catchUpMinutes * 60_000);
          return 'missed';
        }
        if (!opts.force) {
          const allowed = basis.allowedAt(now);
          if (allowed > now) {
            repo.setFireAt(id, allowed, now);
            return 'postponed';
          }
        }
        const contact = this.d.contacts.get(r.contactId)!;
        const order = r.orderId ? this.d.orders.get(r.orderId) : undefined;
        const lang = basis.languageFor(r.contactId, order);
        const plain = render(r.template, basis.vars(contact.name, order, r.eventAt ?? r.dueAt, lang, basis.timeZone())).trim();
        const prepared = r.personalise ? this.prepared.get(id) : undefined;
        const text = prepared && prepared.base === plain ? prepared.text : plain;
        let queued: ReturnType<InboxService['queueInTransaction']>;
        try {
          const conversationId = this.d.inbox.ensureConversation(r.contactId);
          queued = this.d.db.transaction(() =>
            this.d.inbox.queueInTransaction(conversationId, text, { channel: r.channel ?? undefined, author: 'owner', origin: 'reminder' }),
          )();
        } catch (err) {
          if (err instanceof AppError && (err.code === 'channel_unavailable' || err.code === 'not_found')) {
            repo.finish(id, 'missed', 'no_address', now);
            this.stepSeries(r, now, now);
            return 'missed';
          }
          throw err;
        }
        if (!repo.markSent(id, text, queued.message.id, now)) throw new Error(`reminder ${id} changed while firing`);
        this.prepared.delete(id);
        this.stepSeries(r, now, now);
        afterCommit = () => queued.afterCommit();
        return 'sent';
      })
      .immediate();
    const done = afterCommit as (() => void) | null;
    // Inside a batch the caller publishes after its own commit; never before the message is really committed.
    if (done) {
      if (deferred) deferred.push(done);
      else done();
    }
    return outcome;
  }

  /** A recurring reminder gets its next occurrence: the first one not already too late (skipping a long closure). */
  private stepSeries(r: Reminder, now: number, notBefore: number): void {
    if (r.repeat === 'none' || r.seriesId === null) return;
    const tz = this.d.basis.timeZone();
    let local: LocalDateTime | undefined = parseLocal(r.localDue);
    let dueAt = 0;
    for (let i = 0; local && i < 5000; i++) {
      local = nextLocal(local, { repeat: r.repeat, every: r.repeatEvery, day: r.repeatDay });
      if (!local) return;
      dueAt = fromLocal(local, tz);
      if (dueAt > notBefore) break;
    }
    if (!local) return;
    this.d.repo.insert(
      {
        contactId: r.contactId,
        seriesId: r.seriesId,
        kind: r.kind,
        source: r.source,
        ruleKey: null,
        orderId: r.orderId,
        template: r.template,
        channel: r.channel,
        dueAt,
        fireAt: this.d.basis.allowedAt(dueAt),
        eventAt: null,
        timeZone: tz,
        localDue: formatLocal(local),
        repeat: r.repeat,
        repeatEvery: r.repeatEvery,
        repeatDay: r.repeatDay,
        personalise: r.personalise,
      },
      now,
    );
  }

  private check(r: Reminder, now: number): { ok: true } | { ok: false; note: StatusNote } {
    if (r.source === 'rule') return this.d.ruleCheck.stillApplies(r, now);
    if (r.orderId && r.kind === 'payment_due') {
      const o = this.d.orders.get(r.orderId);
      if (o && o.status === 'cancelled') return { ok: false, note: 'order_closed' };
      if (o && !['new', 'confirmed'].includes(o.status)) return { ok: false, note: 'order_paid' };
    }
    return { ok: true };
  }
}
