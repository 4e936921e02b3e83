// Demo data for the bakery: its catalog and a few orders from the demo customers (a regular's past order for
// "the usual", an order placed today, one ready for pickup), written with past timestamps.
import type { Services } from '../services';
import { seedDemoCatalog } from '../catalog/demo';
import { buildOrder, type RequestedItem } from './build';
import type { Fulfilment, OrderStatus } from './types';

interface DemoOrder {
  channel: string;
  address: string;
  items: { sku: string; quantity: number; label?: string; options?: Record<string, string> }[];
  status: OrderStatus;
  /** Status path after "new", in order. */
  path: OrderStatus[];
  minutesAgo: number;
  wantedTime?: string;
  fulfilment?: Fulfilment;
  language: string;
}

const DAY = 24 * 60;

const DEMO_ORDERS: DemoOrder[] = [
  {
    channel: 'whatsapp',
    address: '+4915112345678',
    items: [{ sku: 'PA-CRO', quantity: 30 }],
    status: 'completed',
    path: ['confirmed', 'ready', 'completed'],
    minutesAgo: 8 * DAY,
    wantedTime: 'Saturday 7:30',
    language: 'en',
  },
  {
    channel: 'telegram',
    address: '100200301',
    items: [{ sku: 'BR-RYE', quantity: 2, label: 'ржаной хлеб' }],
    status: 'completed',
    path: ['confirmed', 'paid', 'ready', 'completed'],
    minutesAgo: 7 * DAY + 60,
    language: 'ru',
  },
  {
    channel: 'telegram',
    address: '100200302',
    items: [{ sku: 'CK-NAP', quantity: 1, label: 'наполеон' }],
    status: 'ready',
    path: ['confirmed', 'paid', 'ready'],
    minutesAgo: DAY + 120,
    wantedTime: 'субота',
    language: 'uk',
  },
  {
    channel: 'whatsapp',
    address: '+4915112345678',
    items: [
      { sku: 'PA-CRO', quantity: 30 },
      { sku: 'PA-CHOC', quantity: 10 },
    ],
    status: 'confirmed',
    path: ['confirmed'],
    minutesAgo: 25 * 60,
    wantedTime: 'Saturday 7:30',
    language: 'en',
  },
  {
    channel: 'telegram',
    address: '100200301',
    items: [
      { sku: 'BR-RYE', quantity: 2, label: 'ржаной хлеб' },
      { sku: 'CF-CAP', quantity: 1, label: 'капучино', options: { size: 'large' } },
    ],
    status: 'new',
    path: [],
    minutesAgo: 11,
    wantedTime: 'после работы',
    language: 'ru',
  },
];

/** Runs inside the demo seed's transaction, after the demo customers exist. */
export function seedDemoOrders(s: Services): void {
  seedDemoCatalog(s.catalog);
  const now = s.clock.now();
  const repo = s.orders.repo;
  const catalog = s.catalog.repo.all();
  const currency = s.settings.get().business.currency;
  for (const d of DEMO_ORDERS) {
    const identity = s.repos.contacts.findIdentity(d.channel, d.address);
    if (!identity) continue;
    const conversationId = s.inbox.conversationOfContact(identity.contactId);
    if (conversationId === undefined) continue;
    const items: RequestedItem[] = d.items.map((i) => {
      const p = catalog.find((x) => x.sku === i.sku)!;
      return { name: i.label ?? p.name, quantity: i.quantity, options: [], productId: p.id, chosen: i.options ?? {} };
    });
    const built = buildOrder(
      {
        items,
        fulfilment: d.fulfilment ?? 'pickup',
        address: '',
        wantedTime: d.wantedTime ?? '',
        customerText: '',
        knownAddresses: [],
        byOwner: true,
      },
      catalog,
      { pickupAddress: s.settings.get().business.address, settings: { ...s.orders.settings(), maxQuantity: 1000 } },
    );
    let at = now - d.minutesAgo * 60_000;
    const id = repo.createDraft(
      {
        contactId: identity.contactId,
        conversationId,
        customerName: s.repos.contacts.get(identity.contactId)?.name ?? '',
        source: 'chat',
        currency,
        language: d.language,
      },
      at,
    );
    repo.writeContent(
      id,
      {
        fulfilment: built.fulfilment,
        address: built.address,
        wantedTime: built.wantedTime,
        note: '',
        language: d.language,
        currency,
        subtotalMinor: built.subtotalMinor,
        deliveryMinor: built.deliveryMinor,
        totalMinor: built.totalMinor,
        stage: null,
        issues: [],
      },
      built.lines,
      at,
    );
    repo.place(id, at);
    repo.addEvent(id, { actor: 'customer', kind: 'placed', fromStatus: 'draft', toStatus: 'new' }, at);
    let from: OrderStatus = 'new';
    for (const to of d.path) {
      at += 45 * 60_000;
      repo.setStatus(id, from, to, at);
      repo.addEvent(id, { actor: 'owner', kind: 'status', fromStatus: from, toStatus: to }, at);
      from = to;
    }
  }
}
