// What the owner fills in for a reminder, checked and turned into the stored fields: who (a contact, a conversation
// or an order), when (wall-clock in the shop's zone, moved out of quiet hours), the text and its placeholders.
import type { ContactsRepo } from '../db/repos/contacts-repo';
import type { ReminderOrdersRepo } from '../db/repos/reminder-orders-repo';
import { AppError, notFound } from '../errors';
import type { InboxService } from '../inbox/service';
import { formatLocal, fromLocal, parseLocal, type Repeat } from '../../shared/zoned-time';
import type { ReminderBasis } from './basis';
import { checkTemplate, defaultTemplate, type Placeholder, type ReminderKind } from './templates';

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

export interface InputDeps {
  contacts: ContactsRepo;
  orders: ReminderOrdersRepo;
  inbox: Pick<InboxService, 'get'>;
  basis: ReminderBasis;
}

/** The contact a reminder is for: named directly, through their conversation, or through their order. */
export function resolveContact(d: InputDeps, input: { contactId?: number; conversationId?: number; orderId?: number | null }): number {
  if (input.contactId !== undefined) {
    if (!d.contacts.exists(input.contactId)) throw notFound('Contact', input.contactId);
    return input.contactId;
  }
  if (input.conversationId !== undefined) return d.inbox.get(input.conversationId).contactId;
  if (input.orderId) {
    const o = d.orders.get(input.orderId);
    if (!o) throw notFound('Order', input.orderId);
    if (o.contactId === null) throw new AppError('conflict', 'This order has no customer contact to remind.');
    return o.contactId;
  }
  throw new AppError('invalid_input', 'Say who to remind: a contact, a conversation or an order.');
}

/** The owner's input as the fields a reminder is stored with; a clear error for anything that does not fit. */
export function prepareReminder(d: InputDeps, input: ReminderInput) {
  const contactId = resolveContact(d, input);
  const orderId: number | null = input.orderId ?? null;
  if (orderId !== null) {
    const o = d.orders.get(orderId);
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
  const contact = d.contacts.get(contactId)!;
  if (input.channel && !contact.identities.some((i) => i.channel === input.channel)) {
    throw new AppError('channel_unavailable', `This customer has no ${input.channel} address.`, undefined, {
      reason: 'customer_unreachable',
    });
  }
  const order = orderId ? d.orders.get(orderId) : undefined;
  const template = input.text?.trim()
    ? input.text.trim()
    : defaultTemplate(input.kind, d.basis.voice(d.basis.languageFor(contactId, order)), orderId !== null);
  const available: Placeholder[] = orderId !== null ? ['name', 'order', 'total', 'date', 'business'] : ['name', 'date', 'business'];
  checkTemplate(template, available);
  const tz = d.basis.timeZone();
  const dueAt = fromLocal(local, tz);
  return {
    contactId,
    orderId,
    kind: input.kind,
    template,
    channel: input.channel ?? null,
    dueAt,
    fireAt: d.basis.allowedAt(dueAt),
    eventAt: eventLocal ? fromLocal(eventLocal, tz) : null,
    timeZone: tz,
    localDue: formatLocal(local),
    repeat,
    repeatEvery: repeat === 'none' ? 1 : every,
    repeatDay: repeat === 'monthly' ? local.day : null,
    personalise: input.personalise ?? false,
  };
}
