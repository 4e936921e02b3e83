// The owner's order settings: taking orders in chat, payment instructions, delivery, limits, and which status
// changes are announced to the customer (with optional custom texts per status and language).
import { z } from 'zod';
import { NOTIFY_STATUSES } from './types';

export const ORDERS_SETTINGS_KEY = 'orders';
export const CHAT_ORDER_MODES = ['off', 'suggest', 'auto'] as const;
export type ChatOrderMode = (typeof CHAT_ORDER_MODES)[number];

const notifySchema = z.object(
  Object.fromEntries(NOTIFY_STATUSES.map((s) => [s, z.boolean()])) as Record<(typeof NOTIFY_STATUSES)[number], z.ZodBoolean>,
);
const templateText = z.string().trim().max(1000);

const deliverySchema = z.object({
  offered: z.boolean(),
  feeMinor: z.number().int().min(0).max(100_000_000),
  /** Orders at or above this subtotal deliver free; null: never free. */
  freeFromMinor: z.number().int().min(0).max(1_000_000_000).nullable(),
});
const templatesSchema = z.partialRecord(z.enum(NOTIFY_STATUSES), z.record(z.string().regex(/^[a-z]{2}$/), templateText));

const fields = {
  /**
   * How far Lavka goes with orders in chat. "off": not at all; "suggest": every order message waits for the
   * owner; "auto": follow the assistant's mode, so in Auto conversations summaries (built from the catalog, never
   * from model text) go out alone. The assistant's mode for a conversation can lower this, never raise it.
   */
  chatOrders: z.enum(CHAT_ORDER_MODES),
  /** Shown at the end of every order summary, e.g. "Pay by card or cash at pickup." */
  paymentInstructions: z.string().trim().max(1000),
  delivery: deliverySchema,
  /** A line asking for more than this is questioned, not priced ("1000000 pizzas"). */
  maxQuantity: z.number().int().min(1).max(10_000),
  notify: notifySchema,
  /** Owner's own texts: templates[status][language]. Empty or missing → Lavka's default text. */
  templates: templatesSchema,
};

export const DEFAULT_ORDERS_SETTINGS = {
  chatOrders: 'auto',
  paymentInstructions: '',
  delivery: { offered: false, feeMinor: 0, freeFromMinor: null },
  maxQuantity: 100,
  notify: { confirmed: true, paid: false, ready: true, shipped: true, completed: false, cancelled: true },
  templates: {},
} satisfies z.output<z.ZodObject<typeof fields>>;

/** A stored section: anything missing (written by an older Lavka) takes its default. */
export const ordersSettingsSchema = z.object({
  chatOrders: fields.chatOrders.default(DEFAULT_ORDERS_SETTINGS.chatOrders),
  paymentInstructions: fields.paymentInstructions.default(''),
  delivery: fields.delivery.default(DEFAULT_ORDERS_SETTINGS.delivery),
  maxQuantity: fields.maxQuantity.default(DEFAULT_ORDERS_SETTINGS.maxQuantity),
  notify: fields.notify.default(DEFAULT_ORDERS_SETTINGS.notify),
  templates: templatesSchema.default({}),
});
/** A change from the Settings screen: only the keys given are touched. */
export const ordersSettingsPatchSchema = z.object(fields).partial();
export type OrdersSettings = z.output<typeof ordersSettingsSchema>;
export type OrdersSettingsPatch = z.output<typeof ordersSettingsPatchSchema>;
