// orders.* API methods: list, detail, status changes (with the customer message), daily totals, the chat draft
// (owner edits, approve/send, discard, place) and the orders settings.
import { z } from 'zod';
import type { OrdersService } from './service';
import { method, noInput, nothing } from '../api/define';
import {
  OrderDetailSchema,
  OrderSchema,
  OrdersChatStateOutput,
  OrdersDailyTotalsOutput,
  OrdersDefaultTemplatesOutput,
  OrdersForContactOutput,
  OrdersListOutput,
  OrdersPlaceOutput,
  OrdersSettingsOutput,
  OrdersStatusMessageOutput,
  OrdersTodayOutput,
  StatusChangeResultSchema,
} from './outputs';
import { MessageSchema } from '../inbox/outputs';
import { ordersSettingsPatchSchema } from './settings';
import { defaultStatusTemplates, statusMessagePreview } from './status-texts';
import { ORDER_STATUSES } from './types';

const id = z.number().int().positive();
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use YYYY-MM-DD');

/** The services these methods call, and nothing else. */
export interface OrdersApiDeps {
  orders: OrdersService;
}

export function ordersApi(s: OrdersApiDeps) {
  return {
    'orders.list': method(
      z.object({
        statuses: z.array(z.enum(ORDER_STATUSES)).max(8).optional(),
        from: date.optional(),
        to: date.optional(),
        contactId: id.optional(),
        query: z.string().max(200).optional(),
        cursor: z.object({ placedAt: z.number(), id }).optional(),
        limit: z.number().int().min(1).max(500).default(100),
      }),
      OrdersListOutput,
      (i) => s.orders.list({ statuses: i.statuses, from: i.from, to: i.to, contactId: i.contactId, query: i.query }, i.limit, i.cursor),
      'Placed orders, newest first; filter by status, local date range, contact or text (#number, name, item).',
    ),
    'orders.get': method(
      z.object({ orderId: id }),
      OrderDetailSchema,
      (i) => s.orders.detail(i.orderId),
      'One order with lines, history and allowed next statuses.',
    ),
    'orders.forContact': method(
      z.object({ contactId: id, limit: z.number().int().min(1).max(100).default(20) }),
      OrdersForContactOutput,
      (i) => s.orders.forContact(i.contactId, i.limit),
      "A contact's orders.",
    ),
    'orders.dailyTotals': method(
      z.object({ from: date, to: date }),
      OrdersDailyTotalsOutput,
      (i) => s.orders.dailyTotals(i.from, i.to),
      'Orders and money per local day (cancelled orders excluded).',
    ),
    'orders.today': method(noInput, OrdersTodayOutput, () => ({ date: s.orders.today() }), "Today's date in the business time zone."),
    'orders.statusMessage': method(
      z.object({ orderId: id, status: z.enum(ORDER_STATUSES) }),
      OrdersStatusMessageOutput,
      (i) => statusMessagePreview(s.orders, i.orderId, i.status),
      'The message a status change would send to the customer.',
    ),
    'orders.setStatus': method(
      z.object({ orderId: id, status: z.enum(ORDER_STATUSES), notify: z.boolean().optional(), text: z.string().max(2000).optional() }),
      StatusChangeResultSchema,
      (i) => s.orders.setStatus(i.orderId, i.status, { notify: i.notify, text: i.text }),
      'Moves an order to its next status; optionally tells the customer (once) through the outbox.',
    ),
    'orders.chatState': method(
      z.object({ conversationId: id }),
      OrdersChatStateOutput,
      (i) => s.orders.chatState(i.conversationId),
      "The conversation's order draft and messages waiting for approval.",
    ),
    'orders.saveDraft': method(
      z.object({
        conversationId: id,
        lines: z
          .array(
            z.object({
              productId: id,
              quantity: z.number().int().min(1).max(10_000),
              options: z.record(z.string().max(60), z.string().max(60)).default({}),
            }),
          )
          .max(100),
        fulfilment: z.enum(['pickup', 'delivery']),
        address: z.string().max(300).default(''),
        wantedTime: z.string().max(120).default(''),
        note: z.string().max(2000).default(''),
      }),
      OrderSchema,
      (i) => s.orders.saveOwnerDraft(i.conversationId, i),
      "The owner's version of the conversation's order draft; the summary waits to be sent.",
    ),
    'orders.sendPending': method(
      z.object({ orderId: id, text: z.string().max(4000).optional() }),
      MessageSchema,
      (i) => s.orders.sendPending(i.orderId, i.text),
      'Sends the order message that waits for approval (optionally edited).',
    ),
    'orders.dismissPending': method(
      z.object({ orderId: id }),
      OrderSchema,
      (i) => s.orders.dismissPending(i.orderId),
      'Drops the waiting order message.',
    ),
    'orders.discardDraft': method(z.object({ orderId: id }), nothing, (i) => s.orders.discardDraft(i.orderId), 'Deletes a chat draft.'),
    'orders.place': method(
      z.object({ orderId: id, sendConfirmation: z.boolean().default(true) }),
      OrdersPlaceOutput,
      (i) => s.orders.placeByOwner(i.orderId, i.sendConfirmation),
      'Places a draft without waiting for the customer (agreed by phone or in person).',
    ),
    'orders.settings': method(noInput, OrdersSettingsOutput, () => s.orders.settings(), 'Order settings.'),
    'orders.updateSettings': method(
      ordersSettingsPatchSchema,
      OrdersSettingsOutput,
      (i) => s.orders.updateSettings(i),
      'Changes order settings.',
    ),
    'orders.defaultTemplates': method(
      noInput,
      OrdersDefaultTemplatesOutput,
      () => defaultStatusTemplates(s.orders),
      "Lavka's default status texts per language.",
    ),
  };
}
