// reminders.* API methods. Times are wall-clock strings in the business time zone ('YYYY-MM-DDTHH:MM').
import { z } from 'zod';
import type { RemindersService } from './service';
import { method, noInput } from '../api/define';
import {
  ReminderSchema,
  RemindersConsumablesListOutput,
  RemindersContextOutput,
  RemindersListOutput,
  RemindersPreviewOutput,
  RemindersSettingsGetOutput,
  RemindersTemplatesOutput,
} from './outputs';
import { AppError } from '../errors';
import { REMINDER_KINDS } from './templates';
import { remindersSettingsSchema } from './settings';

const id = z.number().int().positive();
const localTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'Use a date and time like 2026-03-05T10:00');
const repeat = z.enum(['none', 'daily', 'weekly', 'monthly', 'every_n_days']);
const kind = z.enum(REMINDER_KINDS);
const text = z.string().max(2000);

const target = {
  contactId: id.optional(),
  conversationId: id.optional(),
  orderId: id.nullable().optional(),
};
const fields = {
  kind,
  text: text.optional(),
  at: localTime,
  eventAt: localTime.nullable().optional(),
  repeat: repeat.optional(),
  every: z.number().int().min(1).max(366).optional(),
  channel: z.string().max(40).nullable().optional(),
  personalise: z.boolean().optional(),
};

/** The services these methods call, and nothing else. */
export interface RemindersApiDeps {
  reminders: RemindersService;
}

export function remindersApi(s: RemindersApiDeps) {
  return {
    'reminders.list': method(
      z.object({
        tab: z.enum(['upcoming', 'sent', 'missed', 'cancelled']),
        contactId: id.optional(),
        cursor: z.object({ at: z.number(), id }).optional(),
        limit: z.number().int().min(1).max(200).default(50),
      }),
      RemindersListOutput,
      (i) => s.reminders.list(i.tab, { contactId: i.contactId, limit: i.limit, cursor: i.cursor }),
      'Reminders of one tab (upcoming soonest first; sent/missed/cancelled newest first), with counts per tab.',
    ),
    'reminders.get': method(z.object({ id }), ReminderSchema, (i) => s.reminders.get(i.id), 'One reminder.'),
    'reminders.context': method(
      z.object({ contactId: id.optional(), conversationId: id.optional() }),
      RemindersContextOutput,
      (i) => s.reminders.context(i),
      "Who a new reminder is for: contact, language, channels, opt-out state, recent orders, the shop's time zone.",
    ),
    'reminders.templates': method(
      z.object({ contactId: id.optional(), orderId: id.nullable().optional() }),
      RemindersTemplatesOutput,
      (i) => s.reminders.templates(i.contactId, i.orderId),
      "Built-in texts for each kind in the customer's language.",
    ),
    'reminders.preview': method(
      z.object({ ...target, ...fields }),
      RemindersPreviewOutput,
      (i) => s.reminders.preview(i),
      'The text as the customer would get it now, and when it would go out (after quiet hours).',
    ),
    'reminders.create': method(
      z.object({ ...target, ...fields }),
      ReminderSchema,
      (i) => s.reminders.create(i),
      'Schedules a reminder for a contact, a conversation or an order; one-off or repeating.',
    ),
    'reminders.update': method(
      z.object({
        id,
        kind: kind.optional(),
        text: text.optional(),
        at: localTime.optional(),
        eventAt: localTime.nullable().optional(),
        repeat: repeat.optional(),
        every: z.number().int().min(1).max(366).optional(),
        channel: z.string().max(40).nullable().optional(),
        personalise: z.boolean().optional(),
      }),
      ReminderSchema,
      ({ id: rid, ...patch }) => s.reminders.update(rid, patch),
      'Edits an upcoming reminder.',
    ),
    'reminders.cancel': method(
      z.object({ id }),
      ReminderSchema,
      (i) => s.reminders.cancel(i.id),
      'Cancels an upcoming reminder (and the rest of its series).',
    ),
    'reminders.sendNow': method(
      z.object({ id }),
      ReminderSchema,
      (i) => s.reminders.sendNow(i.id),
      'Sends an upcoming or missed reminder now, regardless of quiet hours (never to a customer who opted out).',
    ),
    'reminders.settings.get': method(
      noInput,
      RemindersSettingsGetOutput,
      () => s.reminders.getSettings(),
      'Quiet hours, catch-up policy and automatic rules.',
    ),
    'reminders.settings.update': method(
      remindersSettingsSchema,
      RemindersSettingsGetOutput,
      (i) => s.reminders.updateSettings(i),
      'Saves quiet hours, the catch-up policy and the automatic rules.',
    ),
    'reminders.consumables.list': method(
      noInput,
      RemindersConsumablesListOutput,
      () => s.reminders.consumables(),
      'Products, and which are consumable (reorder reminders).',
    ),
    'reminders.consumables.set': method(
      z.object({ productId: id, consumable: z.boolean(), reorderDays: z.number().int().min(1).max(730).nullable().optional() }),
      RemindersConsumablesListOutput,
      (i) => {
        if (!s.reminders.setConsumable(i.productId, i.consumable, i.reorderDays ?? null)) {
          throw new AppError('not_found', `Product ${i.productId} was not found`);
        }
        return s.reminders.consumables();
      },
      'Marks a product consumable (with its own reorder delay) or not.',
    ),
  };
}
