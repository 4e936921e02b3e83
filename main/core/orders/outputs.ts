// What the orders API methods answer: the declared output of each method (JSON-safe by type, checked in tests).
// The renderer sees these through the contract's types; handlers must return values that fit them.
import { z } from 'zod';
import { ordersSettingsSchema } from './settings';
import { NOTIFY_STATUSES, ORDER_STATUSES } from './types';
import { CUSTOMER_LANGUAGES } from './replies';
import { ChosenOptionSchema } from '../catalog/outputs';
import { MessageSchema } from '../inbox/outputs';

export const FulfilmentSchema = z.enum(['delivery', 'pickup']);

export const OrderListItemSchema = z.strictObject({
  id: z.number(),
  number: z.number().nullable(),
  customerName: z.string(),
  contactId: z.number().nullable(),
  conversationId: z.number().nullable(),
  status: z.enum(ORDER_STATUSES),
  fulfilment: FulfilmentSchema,
  totalMinor: z.number(),
  currency: z.string(),
  itemCount: z.number(),
  itemsText: z.string(),
  placedAt: z.number().nullable(),
  createdAt: z.number(),
  wantedTime: z.string(),
});

export const OrderEventSchema = z.strictObject({
  id: z.number(),
  at: z.number(),
  actor: z.enum(['customer', 'owner', 'assistant', 'system']),
  kind: z.string(),
  fromStatus: z.enum(ORDER_STATUSES).nullable(),
  toStatus: z.enum(ORDER_STATUSES).nullable(),
  messageId: z.number().nullable(),
  note: z.string(),
});

export const OrderIssueSchema = z.union([
  z.strictObject({ kind: z.literal('no_items') }),
  z.strictObject({ kind: z.literal('unknown'), text: z.string(), echo: z.boolean(), suggestions: z.array(z.string()) }),
  z.strictObject({ kind: z.literal('ambiguous'), text: z.string(), echo: z.boolean(), candidates: z.array(z.string()) }),
  z.strictObject({ kind: z.literal('sold_out'), product: z.string() }),
  z.strictObject({ kind: z.literal('low_stock'), product: z.string(), left: z.number(), wanted: z.number() }),
  z.strictObject({
    kind: z.literal('option_missing'),
    product: z.string(),
    group: z.string(),
    values: z.array(z.strictObject({ value: z.string(), priceDeltaMinor: z.number() })),
  }),
  z.strictObject({
    kind: z.literal('option_unknown'),
    product: z.string(),
    text: z.string(),
    echo: z.boolean(),
    groups: z.array(z.strictObject({ group: z.string(), values: z.array(z.string()) })),
  }),
  z.strictObject({ kind: z.literal('quantity_invalid'), product: z.string() }),
  z.strictObject({ kind: z.literal('quantity_too_large'), product: z.string(), quantity: z.number(), max: z.number() }),
  z.strictObject({ kind: z.literal('fulfilment'), pickupAddress: z.string() }),
  z.strictObject({ kind: z.literal('no_delivery'), pickupAddress: z.string() }),
  z.strictObject({ kind: z.literal('address') }),
  z.strictObject({ kind: z.literal('no_last_order') }),
  z.strictObject({ kind: z.literal('gone'), product: z.string() }),
]);

export const OrderLineSchema = z.strictObject({
  id: z.number(),
  productId: z.number().nullable(),
  sku: z.string(),
  name: z.string(),
  label: z.string(),
  unit: z.string(),
  options: z.array(ChosenOptionSchema),
  quantity: z.number(),
  unitPriceMinor: z.number(),
  lineTotalMinor: z.number(),
});

export const DailyTotalSchema = z.strictObject({ date: z.string(), orders: z.number(), totalMinor: z.number() });

export const OrderSchema = z.strictObject({
  id: z.number(),
  number: z.number().nullable(),
  contactId: z.number().nullable(),
  conversationId: z.number().nullable(),
  customerName: z.string(),
  status: z.enum(ORDER_STATUSES),
  source: z.enum(['owner', 'chat']),
  fulfilment: FulfilmentSchema,
  address: z.string(),
  wantedTime: z.string(),
  note: z.string(),
  language: z.string(),
  currency: z.string(),
  subtotalMinor: z.number(),
  deliveryMinor: z.number(),
  totalMinor: z.number(),
  stage: z.enum(['question', 'summary']).nullable(),
  issues: z.array(OrderIssueSchema),
  pendingKind: z.enum(['cancelled', 'question', 'summary', 'placed']).nullable(),
  pendingText: z.string().nullable(),
  quotedAt: z.number().nullable(),
  quotedTotalMinor: z.number().nullable(),
  placedAt: z.number().nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
  lines: z.array(OrderLineSchema),
});

export const OrderDetailSchema = OrderSchema.extend({
  events: z.array(OrderEventSchema),
  next: z.array(z.enum(ORDER_STATUSES)),
  contactExists: z.boolean(),
});

export const StatusChangeResultSchema = z.strictObject({
  order: OrderDetailSchema,
  notified: MessageSchema.nullable(),
  notifyError: z.string().nullable(),
});

export const OrdersListOutput = z.strictObject({
  items: z.array(OrderListItemSchema),
  next: z.strictObject({ placedAt: z.number(), id: z.number() }).nullable(),
});

export const OrdersForContactOutput = z.array(OrderListItemSchema);

export const OrdersDailyTotalsOutput = z.strictObject({
  days: z.array(DailyTotalSchema),
  totalMinor: z.number(),
  orders: z.number(),
  currency: z.string(),
});

export const OrdersTodayOutput = z.strictObject({ date: z.string() });

export const OrdersStatusMessageOutput = z.strictObject({ text: z.string().nullable(), notifyByDefault: z.boolean() });

export const OrdersChatStateOutput = z.strictObject({
  draft: OrderSchema.nullable(),
  pending: z.array(OrderSchema),
  latest: OrderListItemSchema.nullable(),
});

export const OrdersPlaceOutput = z.strictObject({ order: OrderSchema, message: MessageSchema.nullable() });

export const OrdersSettingsOutput = ordersSettingsSchema;

/** Every notified status × every customer language (all keys present). */
export const OrdersDefaultTemplatesOutput = z.record(z.enum(NOTIFY_STATUSES), z.record(z.enum(CUSTOMER_LANGUAGES), z.string()));
