// Reminders: create/edit/cancel, and firing — each due reminder is queued in the outbox and marked sent in ONE
// transaction, so it goes out once even if two schedulers race or Lavka crashes mid-way. Opt-out, quiet hours,
// the catch-up policy and rule conditions are checked at fire time, not only when the reminder was made.
import type { CustomerLanguageService } from '../language/service';
import type { Voice } from '../../shared/i18n/voice';
import type { Clock } from '../clock';
import type { Db } from '../db/connection';
import type { ContactsRepo } from '../db/repos/contacts-repo';
import type { RemindersRepo, NewReminder, ListCursor, ReminderPatch } from '../db/repos/reminders-repo';
import type { ReminderOrdersRepo, OrderFacts } from '../db/repos/reminder-orders-repo';
import { AppError, notFound } from '../errors';
import type { EventBus } from '../events';
import type { InboxService } from '../inbox/service';
import type { SettingsService } from '../settings/service';
import type { OptOutService } from '../optout/service';
import {
  checkTemplate,
  defaultTemplate,
  formatWhen,
  render,
  REMINDER_KINDS,
  type Placeholder,
  type ReminderKind,
  type TemplateVars,
} from './templates';
import { formatLocal, fromLocal, nextLocal, parseLocal, toLocal, type LocalDateTime, type Repeat } from '../../shared/zoned-time';
import { nextAllowed, type QuietHours } from '../../shared/opening-hours';
import { DEFAULT_REMINDERS_SETTINGS, SETTINGS_KEY, quietHoursOf, remindersSettingsSchema, type RemindersSettings } from './settings';
import type { Reminder, ReminderTab, StatusNote } from './types';
import type { ReminderPersonaliser } from './personalise';

declare module '../events' {
  interface EventMap {
    /** Something about reminders changed; contactIds lists whose (empty: many or unknown). */
    'reminders.changed': { contactIds: number[]; missed?: number };
  }
}

/** What the owner fills in. Times are wall-clock in the business time zone ('YYYY-MM-DDTHH:MM'). */
export interface ReminderInput {
  contactId?: number;
  conversationId?: number;
  orderId?: number | null;
  kind: ReminderKind;
  /** Text with placeholders; empty or missing: the built-in text for the kind in the customer's language. */
  text?: string;
  at: string;
  eventAt?: string | null;
  repeat?: Repeat;
  every?: number;
  channel?: string | null;
  /** Let the assistant reword it at send time (guardrail-checked; falls back to this text). */
  personalise?: boolean;
}

export type ReminderUpdate = Partial<Omit<ReminderInput, 'contactId' | 'conversationId' | 'orderId'>>;

/** Why a fire attempt ended the way it did (for tests and logs). */
export type FireOutcome = 'sent' | 'missed' | 'cancelled' | 'dropped' | 'postponed' | 'not_due' | 'gone';

/** A rule decides at fire time whether its reminder still makes sense (the order may be paid by now). */
export interface RuleCheck {
  stillApplies(r: Reminder, now: number): { ok: true } | { ok: false; note: StatusNote };
}

const PAST_GRACE_MS = 60_000;
/** A reminder that failed to fire for an unexpected reason is tried again this much later. */
const RETRY_AFTER_MS = 60_000;

/** The settings firing needs, read once and kept until the owner changes settings (parsing them is not free). */
interface Snapshot {
  reminders: RemindersSettings;
  timeZone: string;
  quiet: QuietHours;
  businessName: string;
  region: string;
  replyLanguage: string;
}

/** While an unclear opt-out waits for the owner, a due reminder is looked at again this much later. */
const UNCLEAR_OPTOUT_RETRY_MS = 15 * 60_000;

export class RemindersService {
  /** Set by the rule engine; manual reminders linked to an order are checked by the service itself. */
  ruleCheck: RuleCheck | null = null;
  /** Set when the assistant is available to the app; without it, reminders go out exactly as written. */
  personaliser: ReminderPersonaliser | null = null;
  private snap: Snapshot | null = null;
  /** Personalised texts prepared for due reminders, valid only while the plain text they were made from is unchanged. */
  private readonly prepared = new Map<number, { base: string; text: string }>();

  constructor(
    private readonly db: Db,
    private readonly repo: RemindersRepo,
    private readonly orders: ReminderOrdersRepo,
    private readonly contacts: ContactsRepo,
    private readonly inbox: InboxService,
    private readonly optout: OptOutService,
    private readonly settings: SettingsService,
    private readonly events: EventBus,
    private readonly clock: Clock,
    private readonly languages: CustomerLanguageService,
    /** Wakes the scheduler after a change (set by the scheduler). */
    public onChange: () => void = () => {},
  ) {
    events.subscribe((e) => {
      if (e.type === 'settings.updated') this.snap = null;
    });
  }

  private snapshot(): Snapshot {
    if (!this.snap) {
      const app = this.settings.get();
      const reminders = this.settings.section(SETTINGS_KEY, remindersSettingsSchema, DEFAULT_REMINDERS_SETTINGS);
      this.snap = {
        reminders,
        timeZone: app.business.timeZone,
        quiet: quietHoursOf(reminders, app.business.openingHours),
        businessName: app.business.name,
        region: app.business.region,
        replyLanguage: app.preferences.replyLanguage,
      };
    }
    return this.snap;
  }

  // ---- settings -------------------------------------------------------------------------------------------------

  getSettings(): RemindersSettings {
    return this.snapshot().reminders;
  }

  updateSettings(value: unknown): RemindersSettings {
    const parsed = remindersSettingsSchema.parse(value);
    const r = parsed.rules;
    if (r.unpaidOrder.template.trim()) checkTemplate(r.unpaidOrder.template, ['name', 'order', 'total', 'date', 'business']);
    if (r.reorder.template.trim()) checkTemplate(r.reorder.template, ['name', 'order', 'total', 'date', 'business']);
    if (r.followUp.template.trim()) checkTemplate(r.followUp.template, ['name', 'date', 'business']);
    const saved = this.settings.setSection(SETTINGS_KEY, remindersSettingsSchema, parsed);
    this.reapplyQuietHours();
    this.changed([]);
    return saved;
  }

  timeZone(): string {
    return this.snapshot().timeZone;
  }

  /** The earliest moment at or after `ms` when a reminder may go out under the current quiet hours. */
  allowedAt(ms: number): number {
    const snap = this.snapshot();
    return nextAllowed(ms, snap.timeZone, snap.quiet);
  }

  /** Quiet hours changed: every scheduled reminder gets its fire time again (never earlier than now). */
  private reapplyQuietHours(): void {
    const now = this.clock.now();
    this.db.transaction(() => {
      for (const r of this.repo.scheduledTimes()) {
        const fireAt = this.allowedAt(Math.max(r.dueAt, Math.min(r.fireAt, now)));
        if (fireAt !== r.fireAt) this.repo.setFireAt(r.id, fireAt, now);
      }
    })();
  }

  // ---- reading --------------------------------------------------------------------------------------------------

  get(id: number): Reminder {
    const r = this.repo.get(id);
    if (!r) throw notFound('Reminder', id);
    return this.withPreview(r);
  }

  list(tab: ReminderTab, opts: { contactId?: number; limit: number; cursor?: ListCursor }) {
    const items = this.repo.list(tab, opts).map((r) => this.withPreview(r));
    const last = items.at(-1);
    const at = (r: Reminder) => (tab === 'upcoming' ? r.fireAt : (r.doneAt ?? 0));
    return {
      items,
      next: items.length === opts.limit && last ? { at: at(last), id: last.id } : null,
      counts: this.repo.counts(opts.contactId),
    };
  }

  /** Default texts for every kind in this customer's language (for the create dialog). */
  templates(contactId: number | undefined, orderId: number | null | undefined): { language: string; texts: Record<ReminderKind, string> } {
    const lang = this.languageFor(contactId, orderId ? this.orders.get(orderId) : undefined);
    const texts = Object.fromEntries(REMINDER_KINDS.map((k) => [k, defaultTemplate(k, this.voice(lang), !!orderId)])) as Record<
      ReminderKind,
      string
    >;
    return { language: lang, texts };
  }

  /** What a reminder would say and when it would go, without saving it. */
  preview(input: ReminderInput): { text: string; dueAt: number; fireAt: number; optedOut: boolean; language: string } {
    const p = this.prepare(input);
    const contact = this.contacts.get(p.contactId)!;
    const order = p.orderId ? this.orders.get(p.orderId) : undefined;
    const lang = this.languageFor(p.contactId, order);
    return {
      text: render(p.template, this.vars(contact.name, order, p.eventAt ?? p.dueAt, lang, p.timeZone)),
      dueAt: p.dueAt,
      fireAt: p.fireAt,
      optedOut: this.optout.isOptedOut(p.contactId),
      language: lang,
    };
  }

  /** The contact a conversation or order belongs to, and their recent orders (to link a reminder to one). */
  context(input: { conversationId?: number; contactId?: number }) {
    const contactId = this.resolveContact(input);
    const contact = this.contacts.get(contactId)!;
    return {
      contactId,
      contactName: contact.name,
      language: this.languageFor(contactId, undefined),
      channels: [...new Set(contact.identities.map((i) => i.channel))],
      optedOut: this.optout.isOptedOut(contactId),
      orders: this.orders.recentForContact(contactId, 10),
      timeZone: this.timeZone(),
      now: this.clock.now(),
    };
  }

  /** Upcoming reminders carry their text as it would go out now, so the owner reads "Hi Anna", not "Hi {name}". */
  private withPreview(r: Reminder): Reminder {
    if (r.status !== 'scheduled') return r;
    const order = r.orderId ? this.orders.get(r.orderId) : undefined;
    const lang = this.languageFor(r.contactId, order);
    return { ...r, preview: render(r.template, this.vars(r.contactName, order, r.eventAt ?? r.dueAt, lang, r.timeZone)) };
  }

  // ---- changing -------------------------------------------------------------------------------------------------

  create(input: ReminderInput): Reminder {
    const p = this.prepare(input);
    if (this.optout.isOptedOut(p.contactId)) throw this.optedOutError(p.contactId);
    if (p.dueAt < this.clock.now() - PAST_GRACE_MS)
      throw new AppError('invalid_input', 'That time has already passed. Pick a time in the future.', undefined, {
        reason: 'time_in_past',
      });
    const id = this.repo.insert({ ...p, seriesId: null, source: 'manual', ruleKey: null }, this.clock.now())!;
    this.changed([p.contactId]);
    return this.get(id);
  }

  /** Used by automatic rules. Returns undefined when the rule already made this reminder (or the contact opted out). */
  createForRule(
    r: Omit<
      NewReminder,
      'source' | 'seriesId' | 'fireAt' | 'timeZone' | 'localDue' | 'repeat' | 'repeatEvery' | 'repeatDay' | 'personalise'
    >,
  ): number | undefined {
    if (this.optout.holdsReminders(r.contactId)) return undefined;
    const tz = this.timeZone();
    return this.repo.insert(
      {
        ...r,
        source: 'rule',
        seriesId: null,
        fireAt: this.allowedAt(r.dueAt),
        timeZone: tz,
        localDue: formatLocal(toLocal(r.dueAt, tz)),
        repeat: 'none',
        repeatEvery: 1,
        repeatDay: null,
        personalise: false,
      },
      this.clock.now(),
    );
  }

  /** Moves a rule reminder (e.g. the owner wrote again, so the follow-up waits from the newest message). */
  retimeRule(id: number, dueAt: number): void {
    const tz = this.timeZone();
    this.repo.update(
      id,
      { dueAt, fireAt: this.allowedAt(dueAt), timeZone: tz, localDue: formatLocal(toLocal(dueAt, tz)) },
      this.clock.now(),
    );
  }

  update(id: number, patch: ReminderUpdate): Reminder {
    const cur = this.get(id);
    if (cur.status !== 'scheduled')
      throw new AppError('conflict', 'Only upcoming reminders can be edited.', undefined, { reason: 'reminder_not_upcoming' });
    const p = this.prepare({
      contactId: cur.contactId,
      orderId: cur.orderId,
      kind: patch.kind ?? cur.kind,
      text: patch.text ?? cur.template,
      at: patch.at ?? cur.localDue,
      eventAt:
        patch.eventAt === undefined ? (cur.eventAt === null ? null : formatLocal(toLocal(cur.eventAt, cur.timeZone))) : patch.eventAt,
      repeat: patch.repeat ?? cur.repeat,
      every: patch.every ?? cur.repeatEvery,
      channel: patch.channel === undefined ? cur.channel : patch.channel,
      personalise: patch.personalise ?? cur.personalise,
    });
    if (patch.at !== undefined && p.dueAt < this.clock.now() - PAST_GRACE_MS) {
      throw new AppError('invalid_input', 'That time has already passed. Pick a time in the future.', undefined, {
        reason: 'time_in_past',
      });
    }
    const fields: ReminderPatch = {
      kind: p.kind,
      template: p.template,
      channel: p.channel,
      dueAt: p.dueAt,
      fireAt: p.fireAt,
      eventAt: p.eventAt,
      timeZone: p.timeZone,
      localDue: p.localDue,
      repeat: p.repeat,
      repeatEvery: p.repeatEvery,
      repeatDay: p.repeatDay,
      personalise: p.personalise,
    };
    let ok: boolean;
    try {
      ok = this.repo.update(id, fields, this.clock.now());
    } catch (err) {
      if (err instanceof Error && /UNIQUE/.test(err.message)) {
        throw new AppError('conflict', 'This repeating reminder already had an occurrence at that time. Pick another time.', undefined, {
          reason: 'reminder_time_taken',
        });
      }
      throw err;
    }
    if (!ok)
      throw new AppError('conflict', 'This reminder was sent or cancelled in the meantime.', undefined, {
        reason: 'reminder_not_upcoming',
      });
    this.changed([cur.contactId]);
    return this.get(id);
  }

  cancel(id: number): Reminder {
    const cur = this.get(id);
    if (!this.repo.finish(id, 'cancelled', 'owner', this.clock.now())) {
      throw new AppError('conflict', 'Only upcoming reminders can be cancelled.', undefined, { reason: 'reminder_not_upcoming' });
    }
    this.changed([cur.contactId]);
    return this.get(id);
  }

  /** Sends now, ignoring quiet hours (the owner decided). A missed reminder can be sent this way too. */
  async sendNow(id: number): Promise<Reminder> {
    const cur = this.get(id);
    if (cur.status !== 'scheduled' && cur.status !== 'missed')
      throw new AppError('conflict', 'This reminder was already sent or cancelled.', undefined, { reason: 'reminder_not_upcoming' });
    if (cur.personalise) await this.preparePersonalised([id]);
    const now = this.clock.now();
    if (cur.status === 'missed') this.repo.reopen(id, now, now);
    const outcome = this.fire(id, now, { force: true });
    this.changed([cur.contactId]);
    const after = this.get(id);
    if (after.statusNote === 'opted_out') throw this.optedOutError(cur.contactId);
    if (outcome === 'missed' && after.statusNote === 'no_address') {
      throw new AppError('channel_unavailable', 'This customer has no channel Lavka can write to.', undefined, {
        reason: 'customer_unreachable',
      });
    }
    return this.get(id);
  }

  /** A contact opted out: everything scheduled for them is cancelled so the owner sees why. */
  cancelForOptOut(contactId: number): void {
    const now = this.clock.now();
    const ids = this.repo.scheduledForContact(contactId);
    if (ids.length === 0) return;
    this.db.transaction(() => {
      for (const id of ids) this.repo.finish(id, 'cancelled', 'opted_out', now);
    })();
    this.changed([contactId]);
  }

  /** Products and whether each is consumable (reorder reminders). */
  consumables() {
    return this.orders.products();
  }

  setConsumable(productId: number, consumable: boolean, reorderDays: number | null): boolean {
    if (!this.orders.productExists(productId)) return false;
    this.orders.setConsumable(productId, consumable, reorderDays);
    this.onChange();
    return true;
  }

  // ---- firing ---------------------------------------------------------------------------------------------------

  nextFireAt(): number | undefined {
    return this.repo.nextFireAt();
  }

  /**
   * Fires up to `limit` due reminders. Returns how many it looked at and what happened, so the scheduler knows
   * whether more are waiting. One event for the whole batch: 1,000 reminders must not mean 1,000 UI reloads.
   */
  runDue(limit = 200): { processed: number; outcomes: Partial<Record<FireOutcome, number>>; more: boolean } {
    const now = this.clock.now();
    const ids = this.repo.due(now, limit);
    const outcomes: Partial<Record<FireOutcome, number>> = {};
    const touched = new Set<number>();
    const afterCommit: (() => void)[] = [];
    // One outer transaction per batch (one disk sync instead of one per reminder); each reminder is its own
    // savepoint inside it, so one failing reminder never takes the others with it.
    this.db
      .transaction(() => {
        for (const id of ids) {
          const contactId = this.repo.get(id)?.contactId;
          let outcome: FireOutcome;
          try {
            outcome = this.fire(id, now, {}, afterCommit);
          } catch (err) {
            // Nothing was queued (its savepoint rolled back). It stays scheduled and is tried again in a minute,
            // so a reminder that keeps failing never turns into a busy loop.
            console.error(`[reminders] reminder ${id} could not fire; trying again in a minute`, err);
            this.repo.setFireAt(id, now + RETRY_AFTER_MS, now);
            continue;
          }
          outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
          if (contactId !== undefined) touched.add(contactId);
        }
      })
      .immediate();
    for (const fn of afterCommit) fn();
    if (ids.length > 0)
      this.events.emit('reminders.changed', { contactIds: touched.size <= 50 ? [...touched] : [], missed: outcomes.missed ?? 0 });
    return { processed: ids.length, outcomes, more: ids.length === limit };
  }

  /** Due reminders that asked for the assistant's wording and do not have it yet (the scheduler awaits them first). */
  duePersonalisation(limit = 20): number[] {
    if (!this.personaliser) return [];
    return this.repo
      .due(this.clock.now(), 200)
      .filter((id) => !this.prepared.has(id) && this.repo.get(id)?.personalise)
      .slice(0, limit);
  }

  /**
   * Asks the assistant to reword these reminders. A rewrite that fails the guardrails (or a model that is not
   * available) leaves the owner's own text, which is what then goes out.
   */
  async preparePersonalised(ids: number[]): Promise<void> {
    for (const id of ids) {
      const r = this.repo.get(id);
      if (!r || !r.personalise || r.status === 'sent' || r.status === 'cancelled') continue;
      const contact = this.contacts.get(r.contactId);
      if (!contact) continue;
      const order = r.orderId ? this.orders.get(r.orderId) : undefined;
      const lang = this.languageFor(r.contactId, order);
      const base = render(r.template, this.vars(contact.name, order, r.eventAt ?? r.dueAt, lang, this.timeZone())).trim();
      let text = base;
      if (this.personaliser) {
        let conversationId: number;
        try {
          conversationId = this.inbox.ensureConversation(r.contactId);
        } catch {
          continue;
        }
        const res = await this.personaliser.personalise({ conversationId, text: base, language: lang, contactName: contact.name });
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
    let afterCommit: (() => void) | null = null;
    const outcome = this.db
      .transaction((): FireOutcome => {
        const r = this.repo.get(id);
        if (!r || r.status !== 'scheduled') return 'gone';
        if (!opts.force && r.fireAt > now) return 'not_due';

        if (this.optout.isOptedOut(r.contactId)) {
          this.repo.finish(id, 'cancelled', 'opted_out', now);
          return 'cancelled';
        }
        // "Stop sending me so much": nothing goes out until the owner has decided what the customer meant.
        if (this.optout.unclear(r.contactId)) {
          this.repo.setFireAt(id, now + UNCLEAR_OPTOUT_RETRY_MS, now);
          return 'postponed';
        }
        const check = this.check(r, now);
        if (!check.ok) {
          // A rule's own reminder just disappears; one the owner made stays visible with the reason.
          if (r.source === 'rule') {
            this.repo.deleteScheduledRule(id);
            return 'dropped';
          }
          this.repo.finish(id, 'cancelled', check.note, now);
          return 'cancelled';
        }
        const settings = this.getSettings();
        if (!opts.force && now - r.fireAt > settings.catchUpMinutes * 60_000) {
          this.repo.finish(id, 'missed', 'late', now);
          this.stepSeries(r, now, now - settings.catchUpMinutes * 60_000);
          return 'missed';
        }
        if (!opts.force) {
          const allowed = this.allowedAt(now);
          if (allowed > now) {
            this.repo.setFireAt(id, allowed, now);
            return 'postponed';
          }
        }
        const contact = this.contacts.get(r.contactId)!;
        const order = r.orderId ? this.orders.get(r.orderId) : undefined;
        const lang = this.languageFor(r.contactId, order);
        const plain = render(r.template, this.vars(contact.name, order, r.eventAt ?? r.dueAt, lang, this.timeZone())).trim();
        const prepared = r.personalise ? this.prepared.get(id) : undefined;
        const text = prepared && prepared.base === plain ? prepared.text : plain;
        let queued: ReturnType<InboxService['queueInTransaction']>;
        try {
          const conversationId = this.inbox.ensureConversation(r.contactId);
          queued = this.db.transaction(() =>
            this.inbox.queueInTransaction(conversationId, text, { channel: r.channel ?? undefined, author: 'owner', origin: 'reminder' }),
          )();
        } catch (err) {
          if (err instanceof AppError && (err.code === 'channel_unavailable' || err.code === 'not_found')) {
            this.repo.finish(id, 'missed', 'no_address', now);
            this.stepSeries(r, now, now);
            return 'missed';
          }
          throw err;
        }
        if (!this.repo.markSent(id, text, queued.message.id, now)) throw new Error(`reminder ${id} changed while firing`);
        this.prepared.delete(id);
        this.stepSeries(r, now, now);
        afterCommit = queued.afterCommit;
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
    const tz = this.timeZone();
    let local: LocalDateTime | undefined = parseLocal(r.localDue);
    let dueAt = 0;
    for (let i = 0; local && i < 5000; i++) {
      local = nextLocal(local, { repeat: r.repeat, every: r.repeatEvery, day: r.repeatDay });
      if (!local) return;
      dueAt = fromLocal(local, tz);
      if (dueAt > notBefore) break;
    }
    if (!local) return;
    this.repo.insert(
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
        fireAt: this.allowedAt(dueAt),
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
    if (r.source === 'rule' && this.ruleCheck) return this.ruleCheck.stillApplies(r, now);
    if (r.orderId && r.kind === 'payment_due') {
      const o = this.orders.get(r.orderId);
      if (o && o.status === 'cancelled') return { ok: false, note: 'order_closed' };
      if (o && !['new', 'confirmed'].includes(o.status)) return { ok: false, note: 'order_paid' };
    }
    return { ok: true };
  }

  // ---- helpers --------------------------------------------------------------------------------------------------

  private prepare(input: ReminderInput) {
    const contactId = this.resolveContact(input);
    const orderId: number | null = input.orderId ?? null;
    if (orderId !== null) {
      const o = this.orders.get(orderId);
      if (!o) throw notFound('Order', orderId);
      if (o.contactId !== contactId) throw new AppError('conflict', 'That order belongs to another customer.');
    }
    const local = parseLocal(input.at);
    if (!local) throw new AppError('invalid_input', 'Pick a date and time for the reminder.', undefined, { reason: 'pick_date_time' });
    const eventLocal = input.eventAt ? parseLocal(input.eventAt) : undefined;
    if (input.eventAt && !eventLocal)
      throw new AppError('invalid_input', 'The appointment time is not a valid date and time.', undefined, { reason: 'pick_date_time' });
    const repeat = input.repeat ?? 'none';
    const every = input.every ?? 1;
    if (!Number.isInteger(every) || every < 1 || every > 366)
      throw new AppError('invalid_input', 'Repeat every 1 to 366 days.', undefined, { reason: 'repeat_days_range' });
    const contact = this.contacts.get(contactId)!;
    if (input.channel && !contact.identities.some((i) => i.channel === input.channel)) {
      throw new AppError('channel_unavailable', `This customer has no ${input.channel} address.`, undefined, {
        reason: 'customer_unreachable',
      });
    }
    const order = orderId ? this.orders.get(orderId) : undefined;
    const template = input.text?.trim()
      ? input.text.trim()
      : defaultTemplate(input.kind, this.voice(this.languageFor(contactId, order)), orderId !== null);
    const available: Placeholder[] = orderId !== null ? ['name', 'order', 'total', 'date', 'business'] : ['name', 'date', 'business'];
    checkTemplate(template, available);
    const tz = this.timeZone();
    const dueAt = fromLocal(local, tz);
    return {
      contactId,
      orderId,
      kind: input.kind,
      template,
      channel: input.channel ?? null,
      dueAt,
      fireAt: this.allowedAt(dueAt),
      eventAt: eventLocal ? fromLocal(eventLocal, tz) : null,
      timeZone: tz,
      localDue: formatLocal(local),
      repeat,
      repeatEvery: repeat === 'none' ? 1 : every,
      repeatDay: repeat === 'monthly' ? local.day : null,
      personalise: input.personalise ?? false,
    };
  }

  private resolveContact(input: { contactId?: number; conversationId?: number; orderId?: number | null }): number {
    if (input.contactId !== undefined) {
      if (!this.contacts.exists(input.contactId)) throw notFound('Contact', input.contactId);
      return input.contactId;
    }
    if (input.conversationId !== undefined) return this.inbox.get(input.conversationId).contactId;
    if (input.orderId) {
      const o = this.orders.get(input.orderId);
      if (!o) throw notFound('Order', input.orderId);
      if (o.contactId === null) throw new AppError('conflict', 'This order has no customer contact to remind.');
      return o.contactId;
    }
    throw new AppError('invalid_input', 'Say who to remind: a contact, a conversation or an order.');
  }

  /** The customer's language (see CustomerLanguageService): the owner's choice or detected, else the order's, else the shop's. */
  languageFor(contactId: number | undefined, order: OrderFacts | undefined): string {
    return this.languages.languageFor(contactId, order?.language);
  }

  /** How reminders are written in `lang`: built-in texts with the owner's wording, money in that locale. */
  voice(lang: string): Voice {
    return this.languages.voice(lang);
  }

  private vars(name: string, order: OrderFacts | undefined, when: number, lang: string, tz: string): TemplateVars {
    const snap = this.snapshot();
    const vars: TemplateVars = { name, business: snap.businessName, date: formatWhen(when, lang, tz, snap.region) };
    if (order) {
      vars.order = String(order.number ?? order.id);
      vars.total = this.voice(lang).money(order.totalMinor, order.currency);
    }
    return vars;
  }

  private optedOutError(contactId: number): AppError {
    const s = this.optout.status(contactId);
    return new AppError(
      'conflict',
      `This customer asked not to get reminders (they wrote “${s.said ?? 'STOP'}”). If they asked for reminders again, record their consent first.`,
    );
  }

  private changed(contactIds: number[]): void {
    this.events.emit('reminders.changed', { contactIds });
    this.onChange();
  }
}
