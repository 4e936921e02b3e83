// What the status dialog shows before a status change: the message the customer would get and whether it is sent by
// default, and Lavka's default status texts per language (for the template editor).
import type { OrdersService } from './service';
import { CUSTOMER_LANGUAGES } from './replies';
import { defaultStatusTemplate } from './texts';
import { NOTIFY_STATUSES, type NotifyStatus, type OrderStatus } from './types';

export function statusMessagePreview(
  orders: OrdersService,
  orderId: number,
  status: OrderStatus,
): { text: string | null; notifyByDefault: boolean } {
  return {
    text: orders.statusMessage(orderId, status),
    notifyByDefault: (NOTIFY_STATUSES as readonly string[]).includes(status) && orders.settings().notify[status as NotifyStatus],
  };
}

export function defaultStatusTemplates(orders: OrdersService): Record<NotifyStatus, Record<(typeof CUSTOMER_LANGUAGES)[number], string>> {
  return Object.fromEntries(
    NOTIFY_STATUSES.map((st) => [st, Object.fromEntries(CUSTOMER_LANGUAGES.map((l) => [l, defaultStatusTemplate(st, orders.voice(l))]))]),
  ) as Record<NotifyStatus, Record<(typeof CUSTOMER_LANGUAGES)[number], string>>;
}
