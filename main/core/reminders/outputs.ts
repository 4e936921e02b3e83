// What the reminders API methods answer: the declared output of each method (JSON-safe by type, checked in tests).
// The renderer sees these through the contract's types; handlers must return values that fit them.
import { z } from 'zod';
import { remindersSettingsSchema } from './settings';
import { REMINDER_KINDS } from './templates';

export const ReminderSourceSchema = z.enum(['manual', 'rule']);

export const RepeatSchema = z.enum(['none', 'daily', 'weekly', 'monthly', 'every_n_days']);

export const ReminderStatusSchema = z.enum(['sent', 'missed', 'cancelled', 'scheduled']);

export const ReminderSchema = z.strictObject({
  id: z.number(),
  contactId: z.number(),
  contactName: z.string(),
  seriesId: z.number().nullable(),
  kind: z.enum(REMINDER_KINDS),
  source: ReminderSourceSchema,
  ruleKey: z.string().nullable(),
  orderId: z.number().nullable(),
  orderNumber: z.number().nullable(),
  template: z.string(),
  renderedText: z.string().nullable(),
  preview: z.string().nullable(),
  channel: z.string().nullable(),
  dueAt: z.number(),
  fireAt: z.number(),
  eventAt: z.number().nullable(),
  timeZone: z.string(),
  localDue: z.string(),
  repeat: RepeatSchema,
  repeatEvery: z.number(),
  repeatDay: z.number().nullable(),
  status: ReminderStatusSchema,
  statusNote: z
    .enum(['owner', 'late', 'opted_out', 'order_paid', 'order_closed', 'customer_replied', 'reordered', 'no_address'])
    .nullable(),
  messageId: z.number().nullable(),
  messageStatus: z.enum(['queued', 'sending', 'sent', 'failed', 'delivered', 'read', 'received']).nullable(),
  personalise: z.boolean(),
  createdAt: z.number(),
  updatedAt: z.number(),
  doneAt: z.number().nullable(),
});

export const OrderFactsSchema = z.strictObject({
  id: z.number(),
  number: z.number().nullable(),
  contactId: z.number().nullable(),
  status: z.string(),
  totalMinor: z.number(),
  currency: z.string(),
  language: z.string(),
  placedAt: z.number().nullable(),
});

export const ConsumableProductSchema = z.strictObject({
  id: z.number(),
  sku: z.string(),
  name: z.string(),
  consumable: z.boolean(),
  reorderDays: z.number().nullable(),
});

export const RemindersListOutput = z.strictObject({
  items: z.array(ReminderSchema),
  next: z.strictObject({ at: z.number(), id: z.number() }).nullable(),
  counts: z.strictObject({ sent: z.number(), upcoming: z.number(), missed: z.number(), cancelled: z.number() }),
});

export const RemindersContextOutput = z.strictObject({
  contactId: z.number(),
  contactName: z.string(),
  language: z.string(),
  channels: z.array(z.string()),
  optedOut: z.boolean(),
  orders: z.array(OrderFactsSchema),
  timeZone: z.string(),
  now: z.number(),
});

export const RemindersTemplatesOutput = z.strictObject({
  language: z.string(),
  texts: z.strictObject({
    custom: z.string(),
    payment_due: z.string(),
    pickup_ready: z.string(),
    appointment: z.string(),
    reorder: z.string(),
    follow_up: z.string(),
  }),
});

export const RemindersPreviewOutput = z.strictObject({
  text: z.string(),
  dueAt: z.number(),
  fireAt: z.number(),
  optedOut: z.boolean(),
  language: z.string(),
});

export const RemindersSettingsGetOutput = remindersSettingsSchema;

export const RemindersConsumablesListOutput = z.array(ConsumableProductSchema);
