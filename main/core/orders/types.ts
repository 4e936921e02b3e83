// Order shapes and the status machine. Plain data, safe to send to the UI. Money is integer minor units.
import type { ChosenOption } from '../catalog/match';
import type { Message } from '../inbox/types';

export const ORDER_STATUSES = ['draft', 'new', 'confirmed', 'paid', 'ready', 'shipped', 'completed', 'cancelled'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];
/** Statuses an owner moves a placed order through (drafts are the chat's business). */
export type PlacedStatus = Exclude<OrderStatus, 'draft'>;
export const PLACED_STATUSES = ORDER_STATUSES.filter((s): s is PlacedStatus => s !== 'draft');
/** Statuses whose change can be announced to the customer; "new" is announced by the order's own confirmation. */
export const NOTIFY_STATUSES = ['confirmed', 'paid', 'ready', 'shipped', 'completed', 'cancelled'] as const;
export type NotifyStatus = (typeof NOTIFY_STATUSES)[number];

/**
 * new → confirmed → paid → ready / shipped → completed, or cancelled. Paying is optional before ready/shipped
 * (many shops take money at pickup); a finished or cancelled order is final.
 */
export const TRANSITIONS: Record<PlacedStatus, readonly PlacedStatus[]> = {
  new: ['confirmed', 'cancelled'],
  confirmed: ['paid', 'ready', 'shipped', 'cancelled'],
  paid: ['ready', 'shipped', 'cancelled'],
  ready: ['completed', 'cancelled'],
  shipped: ['completed', 'cancelled'],
  completed: [],
  cancelled: [],
};

export function canMove(from: OrderStatus, to: OrderStatus): boolean {
  if (from === 'draft' || to === 'draft') return false;
  return TRANSITIONS[from].includes(to);
}

export type Fulfilment = 'pickup' | 'delivery';

export interface OrderLine {
  id: number;
  productId: number | null;
  sku: string;
  name: string;
  /** The customer's word for it when different from the catalog name. */
  label: string;
  unit: string;
  options: ChosenOption[];
  quantity: number;
  unitPriceMinor: number;
  lineTotalMinor: number;
}

/** Why a chat draft cannot be summarised yet; each becomes one clarifying question. */
export type OrderIssue =
  | { kind: 'no_items' }
  | { kind: 'unknown'; text: string; echo: boolean; suggestions: string[] }
  | { kind: 'ambiguous'; text: string; echo: boolean; candidates: string[] }
  | { kind: 'sold_out'; product: string }
  | { kind: 'low_stock'; product: string; left: number; wanted: number }
  | { kind: 'option_missing'; product: string; group: string; values: { value: string; priceDeltaMinor: number }[] }
  | { kind: 'option_unknown'; product: string; text: string; echo: boolean; groups: { group: string; values: string[] }[] }
  | { kind: 'quantity_invalid'; product: string }
  | { kind: 'quantity_too_large'; product: string; quantity: number; max: number }
  | { kind: 'fulfilment'; pickupAddress: string }
  | { kind: 'no_delivery'; pickupAddress: string }
  | { kind: 'address' }
  | { kind: 'no_last_order' }
  | { kind: 'gone'; product: string };

export type PendingKind = 'question' | 'summary' | 'placed' | 'cancelled';

export interface Order {
  id: number;
  /** Shown as #1001; null while the order is a chat draft. */
  number: number | null;
  contactId: number | null;
  conversationId: number | null;
  customerName: string;
  status: OrderStatus;
  source: 'chat' | 'owner';
  fulfilment: Fulfilment;
  address: string;
  wantedTime: string;
  note: string;
  language: string;
  currency: string;
  subtotalMinor: number;
  deliveryMinor: number;
  totalMinor: number;
  stage: 'question' | 'summary' | null;
  issues: OrderIssue[];
  pendingKind: PendingKind | null;
  pendingText: string | null;
  quotedAt: number | null;
  quotedTotalMinor: number | null;
  placedAt: number | null;
  createdAt: number;
  updatedAt: number;
  lines: OrderLine[];
}

export interface OrderEvent {
  id: number;
  at: number;
  actor: 'customer' | 'owner' | 'assistant' | 'system';
  kind: string;
  fromStatus: OrderStatus | null;
  toStatus: OrderStatus | null;
  messageId: number | null;
  note: string;
}

export interface OrderListItem {
  id: number;
  number: number | null;
  customerName: string;
  contactId: number | null;
  conversationId: number | null;
  status: OrderStatus;
  fulfilment: Fulfilment;
  totalMinor: number;
  currency: string;
  itemCount: number;
  /** "2 × Rye bread, 1 × Latte" */
  itemsText: string;
  placedAt: number | null;
  createdAt: number;
  wantedTime: string;
}

export interface OrderFilter {
  statuses?: OrderStatus[];
  /** Inclusive local dates (YYYY-MM-DD) in the business time zone, on the day the order was placed. */
  from?: string;
  to?: string;
  contactId?: number;
  query?: string;
}

export interface DailyTotal {
  date: string;
  orders: number;
  totalMinor: number;
}

export interface OrderDetail extends Order {
  events: OrderEvent[];
  /** Statuses the owner may move this order to now. */
  next: OrderStatus[];
  contactExists: boolean;
}

export interface OwnerDraftInput {
  lines: { productId: number; quantity: number; options: Record<string, string> }[];
  fulfilment: Fulfilment;
  address: string;
  wantedTime: string;
  note: string;
}

export interface StatusChangeResult {
  order: OrderDetail;
  notified: Message | null;
  /** Why the customer was not told, when they should have been (no channel address, …). */
  notifyError: string | null;
}
