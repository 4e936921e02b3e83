// Seeds the catalog, orders, reminders and the assistant's knowledge base when the running schema has their tables;
// otherwise reports "n/a" so the bench still runs on a schema without them. Detection is by sqlite_master. Each
// domain is one transaction: a seeder that no longer fits a changed schema rolls back and reports why.
import type { Db } from '../../main/core/db/connection';
import { formatLocal, toLocal } from '../../main/shared/zoned-time';
import type { Rng } from './rng';
import { CORPORA, LANGS, productName, type Lang } from './seed-text';

export type DomainName = 'catalog' | 'orders' | 'reminders' | 'knowledge';
export type DomainSeed = { seeded: number } | { na: string };
export type DomainSeedResult = Record<DomainName, DomainSeed>;

export const NOT_BUILT = 'n/a (not built yet)';
const TIME_ZONE = 'Europe/Berlin';
const DAY = 86_400_000;

export interface DomainScale {
  catalog: number;
  orders: number;
  reminders: number;
}

export interface SeedContext {
  /** Contacts 1..conversations wrote; conversation id = contact id for them. */
  conversations: number;
  contacts: number;
  langOf: (contactId: number) => Lang;
  nameOf: (contactId: number) => string;
  /** The seeded timeline: [start, end]. */
  start: number;
  end: number;
}

export function hasTable(db: Db, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

export function seedOtherDomains(db: Db, rng: Rng, scale: DomainScale, ctx: SeedContext): DomainSeedResult {
  const run = (tables: string[], fn: () => number): DomainSeed => {
    const missing = tables.filter((t) => !hasTable(db, t));
    if (missing.length) return { na: NOT_BUILT };
    try {
      return { seeded: db.transaction(fn)() };
    } catch (err) {
      return { na: `n/a (seeder out of date: ${(err as Error).message})` };
    }
  };
  const catalog = run(['products'], () => seedCatalog(db, rng.fork('catalog'), scale.catalog, ctx));
  const products = 'seeded' in catalog ? catalog.seeded : 0;
  const orders = run(['orders', 'order_lines', 'order_events'], () => seedOrders(db, rng.fork('orders'), scale.orders, products, ctx));
  const reminders = run(['reminders'], () => seedReminders(db, rng.fork('reminders'), scale.reminders, ctx));
  const knowledge = run(['knowledge_entries'], () => seedKnowledge(db, rng.fork('knowledge'), ctx));
  return { catalog, orders, reminders, knowledge };
}

const CATEGORIES = ['Bread', 'Pastry', 'Cakes', 'Drinks', 'Snacks', 'Хлеб', 'Выпечка', 'Bánh ngọt'];

function seedCatalog(db: Db, rng: Rng, n: number, ctx: SeedContext): number {
  const ins = db.prepare(
    `INSERT INTO products(id, sku, name, description, category, price_minor, unit, stock, available, options, synonyms, archived, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const consumable = hasTable(db, 'consumable_products')
    ? db.prepare('INSERT INTO consumable_products(product_id, reorder_days) VALUES (?, ?)')
    : null;
  for (let id = 1; id <= n; id++) {
    const { name, lang } = productName(rng, id - 1);
    // Customers name the same thing in other languages: those names are what synonyms are for.
    const synonyms = LANGS.filter((l) => l !== lang && rng.chance(0.5)).map((l) => rng.pick(CORPORA[l].products));
    const options = rng.chance(0.15)
      ? [
          {
            name: 'size',
            values: [
              { value: 'small', priceDeltaMinor: 0 },
              { value: 'large', priceDeltaMinor: rng.range(50, 300) },
            ],
          },
        ]
      : [];
    const at = ctx.start + rng.int(ctx.end - ctx.start);
    ins.run(
      id,
      `SKU-${String(id).padStart(5, '0')}`,
      name,
      rng.chance(0.6)
        ? `${name}: ${rng
            .pick(CORPORA[lang].customer)
            .replace(/\{\w+\}/g, '')
            .slice(0, 80)}`
        : '',
      rng.pick(CATEGORIES),
      rng.range(50, 5000),
      rng.chance(0.8) ? 'pcs' : 'kg',
      rng.chance(0.5) ? null : rng.range(0, 200),
      rng.chance(0.95) ? 1 : 0,
      JSON.stringify(options),
      JSON.stringify(synonyms),
      rng.chance(0.05) ? 1 : 0,
      at,
      at,
    );
    if (consumable && rng.chance(0.1)) consumable.run(id, rng.chance(0.5) ? null : rng.range(7, 60));
  }
  return n;
}

type OrderStatus = 'draft' | 'new' | 'confirmed' | 'paid' | 'ready' | 'shipped' | 'completed' | 'cancelled';
const STATUS_MIX: [OrderStatus, number][] = [
  ['completed', 0.7],
  ['cancelled', 0.08],
  ['paid', 0.05],
  ['new', 0.05],
  ['confirmed', 0.04],
  ['ready', 0.03],
  ['shipped', 0.02],
  ['draft', 0.03],
];
const FLOW: OrderStatus[] = ['new', 'confirmed', 'paid', 'ready', 'completed'];

function seedOrders(db: Db, rng: Rng, n: number, products: number, ctx: SeedContext): number {
  if (products === 0) throw new Error('no catalog to order from');
  const ins = db.prepare(
    `INSERT INTO orders(id, number, contact_id, conversation_id, customer_name, status, source, fulfilment, address, wanted_time, note, language,
       currency, subtotal_minor, delivery_minor, total_minor, placed_at, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'EUR', ?, ?, ?, ?, ?, ?)`,
  );
  const insLine = db.prepare(
    `INSERT INTO order_lines(order_id, position, product_id, sku, name, unit, quantity, unit_price_minor, line_total_minor)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insEvent = db.prepare(
    'INSERT INTO order_events(order_id, at, actor, kind, from_status, to_status, note) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const product = db.prepare<[number], { sku: string; name: string; unit: string; price_minor: number }>(
    'SELECT sku, name, unit, price_minor FROM products WHERE id = ?',
  );
  const drafts = new Set<number>();
  let number = 0;
  for (let id = 1; id <= n; id++) {
    let x = rng.next();
    let status: OrderStatus = 'completed';
    for (const [s, p] of STATUS_MIX) {
      x -= p;
      if (x < 0) {
        status = s;
        break;
      }
    }
    let contact = 1 + rng.int(ctx.conversations);
    // At most one draft per conversation (a unique index says so).
    if (status === 'draft') {
      if (drafts.has(contact)) status = 'completed';
      else drafts.add(contact);
    }
    // Open orders are recent; finished ones spread over the whole history.
    const open = status !== 'completed' && status !== 'cancelled';
    const at = open ? ctx.end - rng.int(14 * DAY) : ctx.start + rng.int(ctx.end - ctx.start);
    if (status !== 'draft' && rng.chance(0.3)) contact = 1 + rng.int(Math.min(ctx.conversations, 500)); // regulars order often
    const lines = rng.range(1, 4);
    let subtotal = 0;
    const rows: [number, string, string, string, number, number][] = [];
    for (let p = 0; p < lines; p++) {
      const pid = 1 + rng.int(products);
      const pr = product.get(pid)!;
      const qty = rng.range(1, 10);
      subtotal += qty * pr.price_minor;
      rows.push([pid, pr.sku, pr.name, pr.unit, qty, pr.price_minor]);
    }
    const delivery = rng.chance(0.3);
    const deliveryMinor = delivery ? 300 : 0;
    const placed = status === 'draft' ? null : at;
    ins.run(
      id,
      status === 'draft' ? null : ++number,
      contact,
      contact,
      ctx.nameOf(contact),
      status,
      rng.chance(0.8) ? 'chat' : 'owner',
      delivery ? 'delivery' : 'pickup',
      delivery ? `Hauptstraße ${rng.range(1, 200)}, Berlin` : '',
      rng.chance(0.5) ? rng.pick(['today 17:00', 'tomorrow morning', 'Saturday 10:00', 'завтра к 9', 'chiều mai']) : '',
      '',
      ctx.langOf(contact),
      subtotal,
      deliveryMinor,
      subtotal + deliveryMinor,
      placed,
      at,
      at + rng.int(3 * DAY),
    );
    rows.forEach((r, i) => insLine.run(id, i + 1, r[0], r[1], r[2], r[3], r[4], r[5], r[4] * r[5]));
    if (placed !== null) {
      insEvent.run(id, at, 'customer', 'placed', null, 'new', '');
      // Walk the status along the usual flow, one event per step.
      const target = status === 'cancelled' ? 'cancelled' : status === 'shipped' ? 'ready' : status;
      let prev: OrderStatus = 'new';
      let t = at;
      for (const s of FLOW.slice(1)) {
        if (target === 'cancelled' || FLOW.indexOf(s) > FLOW.indexOf(target as OrderStatus)) break;
        t += rng.int(DAY);
        insEvent.run(id, t, 'owner', 'status', prev, s, '');
        prev = s;
      }
      if (status === 'cancelled' || status === 'shipped') insEvent.run(id, t + rng.int(DAY), 'owner', 'status', prev, status, '');
    }
  }
  return n;
}

const REMINDER_KINDS = ['payment_due', 'pickup_ready', 'appointment', 'reorder', 'follow_up', 'custom'] as const;
const TEMPLATES = [
  'Hi {name}, a friendly reminder: order {order} ({total}) is waiting for payment.',
  'Hi {name}, your order {order} is ready for pickup.',
  'Здравствуйте, {name}! Напоминаем о вашем заказе {order}.',
  'Chào {name}, bánh của bạn đã sẵn sàng nhé!',
  'Добрий день, {name}! Ваше замовлення {order} готове.',
  'Hi {name}, time to stock up on bread again?',
];

/**
 * 10,000 reminders at the default scale: ~60% still scheduled (a few already due), the rest sent, missed or
 * cancelled. Times are relative to the seeded timeline's end; rebaseReminders() moves them to the day the bench runs.
 */
function seedReminders(db: Db, rng: Rng, n: number, ctx: SeedContext): number {
  const hasOrders = hasTable(db, 'orders') && (db.prepare('SELECT count(*) AS n FROM orders').get() as { n: number }).n > 0;
  const orderCount = hasOrders ? (db.prepare('SELECT max(id) AS n FROM orders').get() as { n: number }).n : 0;
  const ins = db.prepare(
    `INSERT INTO reminders(id, contact_id, series_id, kind, source, rule_key, order_id, template, rendered_text, due_at, fire_at, time_zone, local_due,
       repeat, repeat_every, repeat_day, status, status_note, created_at, updated_at, done_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?)`,
  );
  for (let id = 1; id <= n; id++) {
    const kind = rng.pick(REMINDER_KINDS);
    const source = kind === 'payment_due' || kind === 'reorder' || kind === 'follow_up' ? 'rule' : 'manual';
    const contact = 1 + rng.int(ctx.conversations);
    const orderId =
      (kind === 'payment_due' || kind === 'pickup_ready' || kind === 'reorder') && orderCount ? 1 + rng.int(orderCount) : null;
    const x = rng.next();
    const status = x < 0.6 ? 'scheduled' : x < 0.9 ? 'sent' : x < 0.95 ? 'missed' : 'cancelled';
    // Scheduled: 1% overdue (the scheduler's next batch), the rest over the coming 90 days. Done: the past year.
    const due =
      status === 'scheduled'
        ? rng.chance(0.01)
          ? ctx.end - rng.int(DAY)
          : ctx.end + 60_000 + rng.int(90 * DAY)
        : ctx.end - rng.int(365 * DAY);
    const repeat = rng.chance(0.9) ? 'none' : rng.chance(0.7) ? 'weekly' : 'monthly';
    const template = rng.pick(TEMPLATES);
    const local = toLocal(due, TIME_ZONE);
    ins.run(
      id,
      contact,
      id,
      kind,
      source,
      source === 'rule' ? `bench:${kind}:${id}` : null,
      orderId,
      template,
      status === 'sent' ? template.replace('{name}', ctx.nameOf(contact)) : null,
      due,
      due,
      TIME_ZONE,
      formatLocal(local),
      repeat,
      repeat === 'monthly' ? local.day : null,
      status,
      status === 'missed' ? 'late' : status === 'cancelled' ? 'owner' : null,
      due - rng.int(30 * DAY),
      due,
      status === 'scheduled' ? null : due + rng.int(60_000),
    );
  }
  return n;
}

/** Moves every reminder by whole days so "due now" in the seed is due now today; keeps local wall-clock times right. */
export function rebaseReminders(db: Db, seededEnd: number, now: number): number {
  if (!hasTable(db, 'reminders')) return 0;
  const days = Math.round((now - seededEnd) / DAY);
  if (days === 0) return 0;
  const shift = days * DAY;
  const rows = db.prepare<[], { id: number; due_at: number; time_zone: string }>('SELECT id, due_at, time_zone FROM reminders').all();
  const upd = db.prepare(
    `UPDATE reminders SET due_at = due_at + @shift, fire_at = fire_at + @shift, event_at = event_at + @shift, created_at = created_at + @shift,
       updated_at = updated_at + @shift, done_at = done_at + @shift, local_due = @local WHERE id = @id`,
  );
  db.transaction(() => {
    for (const r of rows) upd.run({ shift, local: formatLocal(toLocal(r.due_at + shift, r.time_zone)), id: r.id });
  })();
  return rows.length;
}

const KNOWLEDGE: [string, string, string][] = [
  [
    'Do you deliver?',
    'We deliver within 3 km for free, further for €3. Orders before 11:00 arrive the same day.',
    'delivery доставка giao hàng',
  ],
  ['How can I pay?', 'Cash, card, PayPal or bank transfer. Card payments also on delivery.', 'payment оплата thanh toán'],
  ['Can I order a birthday cake?', 'Yes, custom cakes need 3 days notice and a 30% deposit.', 'cake торт bánh kem'],
  ['Do you have gluten-free bread?', 'Gluten-free bread is baked on Tuesdays and Fridays; order a day ahead.', 'gluten глютен'],
  ['Returns', 'Fresh goods cannot be returned, but tell us if something was wrong and we make it right.', 'return возврат đổi trả'],
];

function seedKnowledge(db: Db, rng: Rng, ctx: SeedContext): number {
  const ins = db.prepare(
    'INSERT INTO knowledge_entries(kind, title, body, keywords, enabled, created_at, updated_at) VALUES (?, ?, ?, ?, 1, ?, ?)',
  );
  let n = 0;
  // A shop's FAQ: the basics plus ~100 product questions in the customers' languages.
  for (const [title, body, keywords] of KNOWLEDGE) {
    ins.run(title.startsWith('Returns') ? 'policy' : 'qa', title, body, keywords, ctx.end, ctx.end);
    n++;
  }
  for (let i = 0; i < 100; i++) {
    const lang = rng.pick(LANGS);
    const p = rng.pick(CORPORA[lang].products);
    ins.run('qa', `${p}?`, `${p}: ${rng.pick(CORPORA[lang].owner).replace(/\{\w+\}/g, p)}`, p, ctx.end, ctx.end);
    n++;
  }
  return n;
}
