// Reminders the owner sees and changes: create, edit, cancel, send now, the texts in the customer's language, and
// the settings. Firing lives in firing.ts, the owner's input in input.ts, what both read (settings, zone,
// language) in basis.ts; this service is the domain's face to the API, the rules and the scheduler.
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
import type { Voice } from '../../shared/i18n/voice';
import { checkTemplate, defaultTemplate, render, REMINDER_KINDS, type ReminderKind } from './templates';
import { formatLocal, toLocal } from '../../shared/zoned-time';
import { SETTINGS_KEY, remindersSettingsSchema, type RemindersSettings } from './settings';
import type { Reminder, ReminderTab } from './types';
import type { ReminderBasis } from './basis';
import type { FireOutcome, ReminderFiring } from './firing';
import { prepareReminder, resolveContact, type InputDeps, type ReminderInput } from './input';

export type { ReminderInput } from './input';
export type { FireOutcome, RuleCheck } from './firing';

export type ReminderUpdate = Partial<Omit<ReminderInput, 'contactId' | 'conversationId' | 'orderId'>>;

const PAST_GRACE_MS = 60_000;
export interface RemindersDeps {
  db: Db;
  repo: RemindersRepo;
  orders: ReminderOrdersRepo;
  contacts: ContactsRepo;
  inbox: InboxService;
  optout: Pick<OptOutService, 'isOptedOut' | 'holdsReminders' | 'status'>;
  settings: SettingsService;
  events: EventBus;
  clock: Clock;
  basis: ReminderBasis;
  firing: ReminderFiring;
  /** Wakes the scheduler after a change. */
  wake: () => void;
}

export class RemindersService {
  private readonly db: Db;
  private readonly repo: RemindersRepo;
  private readonly orders: ReminderOrdersRepo;
  private readonly contacts: ContactsRepo;
  private readonly optout: RemindersDeps['optout'];
  private readonly clock: Clock;
  private readonly basis: ReminderBasis;
  private readonly firing: ReminderFiring;
  private readonly input: InputDeps;

  constructor(private readonly d: RemindersDeps) {
    this.db = d.db;
    this.repo = d.repo;
    this.orders = d.orders;
    this.contacts = d.contacts;
    this.optout = d.optout;
    this.clock = d.clock;
    this.basis = d.basis;
    this.firing = d.firing;
    this.input = { contacts: d.contacts, orders: d.orders, inbox: d.inbox, basis: d.basis };
  }

  /** The assistant's wording of reminders, when it is available (the bench reads it). */
  get personaliser() {
    return this.firing.personaliser;
  }

  // ---- settings -------------------------------------------------------------------------------------------------

  getSettings(): RemindersSettings {
    return this.basis.settingsNow();
  }

  updateSettings(value: unknown): RemindersSettings {
    const parsed = remindersSettingsSchema.parse(value);
    const r = parsed.rules;
    if (r.unpaidOrder.template.trim()) checkTemplate(r.unpaidOrder.template, ['name', 'order', 'total', 'date', 'business']);
    if (r.reorder.template.trim()) checkTemplate(r.reorder.template, ['name', 'order', 'total', 'date', 'business']);
    if (r.followUp.template.trim()) checkTemplate(r.followUp.template, ['name', 'date', 'business']);
    const saved = this.d.settings.setSection(SETTINGS_KEY, remindersSettingsSchema, parsed);
    this.reapplyQuietHours();
    this.changed([]);
    return saved;
  }

  timeZone(): string {
    return this.basis.timeZone();
  }

  /** The earliest moment at or after `ms` when a reminder may go out under the current quiet hours. */
  allowedAt(ms: number): number {
    return this.basis.allowedAt(ms);
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
    const p = prepareReminder(this.input, input);
    const contact = this.contacts.get(p.contactId)!;
    const order = p.orderId ? this.orders.get(p.orderId) : undefined;
    const lang = this.languageFor(p.contactId, order);
    return {
      text: render(p.template, this.basis.vars(contact.name, order, p.eventAt ?? p.dueAt, lang, p.timeZone)),
      dueAt: p.dueAt,
      fireAt: p.fireAt,
      optedOut: this.optout.isOptedOut(p.contactId),
      language: lang,
    };
  }

  /** The contact a conversation or order belongs to, and their recent orders (to link a reminder to one). */
  context(input: { conversationId?: number; contactId?: number }) {
    const contactId = resolveContact(this.input, input);
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
    return { ...r, preview: render(r.template, this.basis.vars(r.contactName, order, r.eventAt ?? r.dueAt, lang, r.timeZone)) };
  }

  // ---- changing -------------------------------------------------------------------------------------------------

  create(input: ReminderInput): Reminder {
    const p = prepareReminder(this.input, input);
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
    const p = prepareReminder(this.input, {
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
    this.d.wake();
    return true;
  }

  // ---- firing (firing.ts) ------------------------------------------------------------------------------------

  nextFireAt(): number | undefined {
    return this.firing.nextFireAt();
  }

  runDue(limit = 200): ReturnType<ReminderFiring['runDue']> {
    return this.firing.runDue(limit);
  }

  fire(id: number, now: number, opts: { force?: boolean } = {}): FireOutcome {
    return this.firing.fire(id, now, opts);
  }

  duePersonalisation(limit = 20): number[] {
    return this.firing.duePersonalisation(limit);
  }

  preparePersonalised(ids: number[]): Promise<void> {
    return this.firing.preparePersonalised(ids);
  }

  // ---- helpers --------------------------------------------------------------------------------------------------

  /** The customer's language (see CustomerLanguageService): the owner's choice or detected, else the order's, else the shop's. */
  languageFor(contactId: number | undefined, order: OrderFacts | undefined): string {
    return this.basis.languageFor(contactId, order);
  }

  /** How reminders are written in `lang`: built-in texts with the owner's wording, money in that locale. */
  voice(lang: string): Voice {
    return this.basis.voice(lang);
  }

  private optedOutError(contactId: number): AppError {
    const s = this.optout.status(contactId);
    return new AppError(
      'conflict',
      `This customer asked not to get reminders (they wrote “${s.said ?? 'STOP'}”). If they asked for reminders again, record their consent first.`,
    );
  }

  private changed(contactIds: number[]): void {
    this.d.events.emit('reminders.changed', { contactIds });
    this.d.wake();
  }
}
