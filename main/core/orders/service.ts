// Orders: reading and listing them, the status machine (with one customer notification per change), placing a
// draft (number + stock in one transaction), the owner's edits of a chat draft, and messages waiting for approval.
// A little over 400 lines on purpose: drafting, placing and status changes each write the order, its event and the
// customer's message together through the same private helpers; the pure parts live beside it (build, days, texts).
import type { Clock } from '../clock';
import { localDate } from '../../shared/zoned-time';
import type { Db } from '../db/connection';
import { AppError, notFound } from '../errors';
import type { EventBus } from '../events';
import type { CatalogService } from '../catalog/service';
import type { ContactsRepo } from '../db/repos/contacts-repo';
import type { ConversationsRepo } from '../db/repos/conversations-repo';
import type { InboxService } from '../inbox/service';
import type { Message } from '../inbox/types';
import type { SettingsService } from '../settings/service';
import { buildOrder, catalogFor, type BuiltOrder, type RequestedItem } from './build';
import type { OrdersRepo } from './orders-repo';
import { dailyTotals, placedRange, type DailyTotals } from './days';
import { isCustomerLanguage, type CustomerLanguage } from './replies';
import type { CustomerLanguageService } from '../language/service';
import type { Voice } from '../../shared/i18n/voice';
import {
  DEFAULT_ORDERS_SETTINGS,
  ORDERS_SETTINGS_KEY,
  ordersSettingsSchema,
  type OrdersSettings,
  type OrdersSettingsPatch,
} from './settings';
import { defaultStatusTemplate, fillStatusTemplate, placedText, questionsText, summaryText, type ShopInfo } from './texts';
import {
  NOTIFY_STATUSES,
  TRANSITIONS,
  canMove,
  type NotifyStatus,
  type Order,
  type OrderEvent,
  type OrderFilter,
  type OrderDetail,
  type OrderListItem,
  type OwnerDraftInput,
  type OrderStatus,
  type PendingKind,
  type StatusChangeResult,
} from './types';

export type { OrderDetail, OwnerDraftInput, StatusChangeResult };

declare module '../events' {
  interface EventMap {
    'orders.updated': { orderId: number; conversationId: number | null };
  }
}

export class OrdersService {
  constructor(
    private readonly db: Db,
    readonly repo: OrdersRepo,
    private readonly catalog: CatalogService,
    private readonly inbox: InboxService,
    private readonly contacts: ContactsRepo,
    private readonly conversations: ConversationsRepo,
    private readonly settingsService: SettingsService,
    private readonly events: EventBus,
    private readonly clock: Clock,
    private readonly languages: CustomerLanguageService,
  ) {}

  settings(): OrdersSettings {
    return this.settingsService.section(ORDERS_SETTINGS_KEY, ordersSettingsSchema, DEFAULT_ORDERS_SETTINGS);
  }

  updateSettings(patch: OrdersSettingsPatch): OrdersSettings {
    return this.settingsService.setSection(ORDERS_SETTINGS_KEY, ordersSettingsSchema, { ...this.settings(), ...patch });
  }

  shop(): ShopInfo {
    const s = this.settingsService.get();
    return {
      name: s.business.name,
      address: s.business.address,
      currency: s.business.currency,
      paymentInstructions: this.settings().paymentInstructions,
    };
  }

  /** The language an order's messages go out in, when the order itself has none we can write. */
  fallbackLanguage(contactId: number | null): CustomerLanguage {
    return this.languages.languageFor(contactId);
  }

  /** How to write to the customer in `lang`. */
  voice(lang: string): Voice {
    return this.languages.voice(lang);
  }

  /** The language for an order's later messages: the contact's (owner's choice or detected), else the order's own. */
  private orderVoice(order: Order): Voice {
    return this.languages.voiceFor(order.contactId, order.language);
  }

  get(id: number): Order {
    const o = this.repo.get(id);
    if (!o) throw notFound('Order', id);
    return o;
  }

  detail(id: number): OrderDetail {
    const o = this.get(id);
    return {
      ...o,
      events: this.repo.events(id),
      next: o.status === 'draft' ? [] : [...TRANSITIONS[o.status]],
      contactExists: o.contactId !== null && this.contacts.exists(o.contactId),
    };
  }

  list(
    filter: OrderFilter,
    limit: number,
    cursor?: { placedAt: number; id: number },
  ): { items: OrderListItem[]; next: { placedAt: number; id: number } | null } {
    const range = placedRange(filter, this.settingsService.get().business.timeZone);
    const items = this.repo.list({ statuses: filter.statuses, contactId: filter.contactId, query: filter.query, ...range }, limit, cursor);
    const last = items.at(-1);
    return { items, next: items.length === limit && last?.placedAt != null ? { placedAt: last.placedAt, id: last.id } : null };
  }

  /** Orders and money per local day (business time zone), cancelled orders excluded, every day in range listed. */
  dailyTotals(from: string, to: string): DailyTotals {
    const { timeZone, currency } = this.settingsService.get().business;
    return dailyTotals(this.repo, from, to, timeZone, currency);
  }

  today(): string {
    return localDate(this.clock.now(), this.settingsService.get().business.timeZone);
  }

  forContact(contactId: number, limit = 20): OrderListItem[] {
    return this.repo.list({ contactId }, limit);
  }

  /** What the conversation header shows: the open draft and any order message waiting for the owner. */
  chatState(conversationId: number): { draft: Order | null; pending: Order[]; latest: OrderListItem | null } {
    const contactId = this.conversations.contactId(conversationId);
    if (contactId === undefined) throw notFound('Conversation', conversationId);
    const latest = this.repo.list({ contactId }, 1)[0] ?? null;
    return { draft: this.repo.draftFor(conversationId) ?? null, pending: this.repo.pendingIn(conversationId), latest };
  }

  // ── Drafts and their messages ────────────────────────────────────────────────────────────────────────────

  /** Writes a draft's new content (creating the draft if needed) in one transaction. */
  writeDraft(
    conversationId: number,
    built: BuiltOrder,
    opts: { language: CustomerLanguage; source: 'chat' | 'owner'; note?: string; actor: OrderEvent['actor']; eventKind: string },
  ): Order {
    const contactId = this.conversations.contactId(conversationId);
    if (contactId === undefined) throw notFound('Conversation', conversationId);
    const now = this.clock.now();
    const id = this.db
      .transaction(() => {
        const existing = this.repo.draftFor(conversationId);
        const id =
          existing?.id ??
          this.repo.createDraft(
            {
              contactId,
              conversationId,
              customerName: this.contacts.get(contactId)?.name ?? '',
              source: opts.source,
              currency: this.shop().currency,
              language: opts.language,
            },
            now,
          );
        this.repo.writeContent(
          id,
          {
            fulfilment: built.fulfilment,
            address: built.address,
            wantedTime: built.wantedTime,
            note: opts.note ?? existing?.note ?? '',
            language: opts.language,
            currency: this.shop().currency,
            subtotalMinor: built.subtotalMinor,
            deliveryMinor: built.deliveryMinor,
            totalMinor: built.totalMinor,
            stage: built.issues.length ? 'question' : 'summary',
            issues: built.issues,
          },
          built.lines,
          now,
        );
        this.repo.setPending(id, null, null, now);
        this.repo.addEvent(id, { actor: opts.actor, kind: opts.eventKind, note: built.issues.map((i) => i.kind).join(', ') }, now);
        return id;
      })
      .immediate();
    this.changed(id, conversationId);
    return this.get(id);
  }

  /** The owner builds or fixes the conversation's draft by hand (exact products and options; no matching). */
  saveOwnerDraft(conversationId: number, input: OwnerDraftInput): Order {
    const contactId = this.conversations.contactId(conversationId);
    if (contactId === undefined) throw notFound('Conversation', conversationId);
    const items: RequestedItem[] = input.lines.map((l) => {
      const p = this.catalog.repo.get(l.productId);
      return { name: p?.name ?? `#${l.productId}`, quantity: l.quantity, options: [], productId: l.productId, chosen: l.options };
    });
    const built = buildOrder(
      {
        items,
        fulfilment: input.fulfilment,
        address: input.address,
        wantedTime: input.wantedTime,
        customerText: '',
        knownAddresses: [],
        byOwner: true,
      },
      catalogFor(this.catalog, items),
      { pickupAddress: this.shop().address, settings: this.settings() },
    );
    const draft = this.repo.draftFor(conversationId);
    const lang = draft && isCustomerLanguage(draft.language) ? draft.language : this.fallbackLanguage(contactId);
    const order = this.writeDraft(conversationId, built, {
      language: lang,
      source: draft?.source ?? 'owner',
      note: input.note.trim().slice(0, 2000),
      actor: 'owner',
      eventKind: 'edited',
    });
    // The owner sees what would go out and sends it with one click.
    const v = this.voice(lang);
    const text = built.issues.length ? questionsText(built.issues, this.shop(), v) : summaryText(order, this.shop(), v);
    this.repo.setPending(order.id, built.issues.length ? 'question' : 'summary', text, this.clock.now());
    this.changed(order.id, conversationId);
    return this.get(order.id);
  }

  /**
   * Sends a message to the customer on behalf of an order (the summary, a question, the thank-you), records it,
   * and — for a summary — remembers the quoted total so a later "yes" confirms exactly what the customer saw.
   */
  deliver(orderId: number, kind: PendingKind, text: string, author: 'assistant' | 'owner'): Message {
    const now = this.clock.now();
    // The message, its outbox row and the quote are one transaction: a "yes" always refers to what was queued.
    const queued = this.db
      .transaction(() => {
        const order = this.get(orderId);
        if (order.conversationId === null) throw new AppError('conflict', 'This order has no conversation to write to');
        const q = this.inbox.queueInTransaction(order.conversationId, text, { author });
        if (kind === 'summary') this.repo.markQuoted(orderId, order.totalMinor, now);
        this.repo.setPending(orderId, null, null, now);
        this.repo.addEvent(orderId, { actor: author, kind: `sent_${kind}`, messageId: q.message.id }, now);
        return { ...q, conversationId: order.conversationId };
      })
      .immediate();
    queued.afterCommit();
    this.changed(orderId, queued.conversationId);
    return queued.message;
  }

  /** A message about an order that no longer exists as a row (the customer cancelled a draft). */
  sendPlain(conversationId: number, text: string, author: 'assistant' | 'owner'): Message {
    return this.inbox.send(conversationId, text, { author });
  }

  /** Keeps a message for the owner to approve (Suggest mode). */
  holdForOwner(orderId: number, kind: PendingKind, text: string): void {
    const order = this.get(orderId);
    this.repo.setPending(orderId, kind, text, this.clock.now());
    this.repo.addEvent(orderId, { actor: 'assistant', kind: `held_${kind}` }, this.clock.now());
    this.changed(orderId, order.conversationId);
    if (order.conversationId !== null) {
      this.events.emit('ui.notify', {
        kind: 'info',
        title: kind === 'placed' ? `Order #${order.number} placed — send the confirmation?` : 'An order draft is waiting for you',
        body: `${order.customerName}: ${text.split('\n')[0]}`,
        conversationId: order.conversationId,
      });
    }
  }

  /** The owner approves the waiting message (possibly edited) and it goes out. */
  sendPending(orderId: number, editedText?: string): Message {
    const order = this.get(orderId);
    if (!order.pendingKind || !order.pendingText) throw new AppError('conflict', 'There is no message waiting for this order');
    const text = editedText?.trim() || order.pendingText;
    return this.deliver(orderId, order.pendingKind, text, 'owner');
  }

  dismissPending(orderId: number): Order {
    const order = this.get(orderId);
    this.repo.setPending(orderId, null, null, this.clock.now());
    this.changed(orderId, order.conversationId);
    return this.get(orderId);
  }

  discardDraft(orderId: number): void {
    const order = this.get(orderId);
    if (order.status !== 'draft') throw new AppError('conflict', 'Only a draft can be discarded; cancel a placed order instead');
    this.repo.deleteDraft(orderId);
    this.changed(orderId, order.conversationId);
  }

  /**
   * Places a draft: the next order number, stock taken, status "new" — all or nothing. Throws a conflict naming
   * the product when stock ran out since the summary.
   */
  place(orderId: number, actor: OrderEvent['actor'], messageId: number | null = null): Order {
    const now = this.clock.now();
    this.db
      .transaction(() => {
        const o = this.repo.get(orderId);
        if (!o) throw notFound('Order', orderId);
        if (o.status !== 'draft')
          throw new AppError('conflict', `Order #${o.number} is already placed`, undefined, {
            reason: 'order_already_placed',
            params: { number: o.number ?? '' },
          });
        if (o.issues.length)
          throw new AppError('conflict', 'The draft still has open questions', undefined, { reason: 'draft_has_questions' });
        if (!o.lines.length) throw new AppError('conflict', 'The draft has no items', undefined, { reason: 'draft_empty' });
        for (const l of o.lines) {
          if (l.productId !== null && !this.catalog.repo.takeStock(l.productId, l.quantity, now)) {
            throw new AppError(
              'conflict',
              `Not enough "${l.name}" in stock any more`,
              { productId: l.productId },
              { reason: 'not_enough_stock', params: { product: l.name } },
            );
          }
        }
        this.repo.place(orderId, now);
        this.repo.addEvent(orderId, { actor, kind: 'placed', fromStatus: 'draft', toStatus: 'new', messageId }, now);
      })
      .immediate();
    const order = this.get(orderId);
    this.changed(orderId, order.conversationId);
    this.events.emit('catalog.updated', {});
    this.events.emit('ui.notify', {
      kind: 'order',
      orderId,
      title: `New order #${order.number}`,
      body: `${order.customerName} · ${order.lines.map((l) => `${l.quantity} × ${l.name}`).join(', ')}`,
      conversationId: order.conversationId ?? undefined,
    });
    return order;
  }

  /** The owner places the draft without waiting for the customer's yes (agreed by phone, in person…). */
  placeByOwner(orderId: number, sendConfirmation: boolean): { order: Order; message: Message | null } {
    const order = this.place(orderId, 'owner');
    let message: Message | null = null;
    if (sendConfirmation && order.conversationId !== null) {
      message = this.deliver(order.id, 'placed', placedText(order, this.orderVoice(order)), 'owner');
    } else {
      this.repo.setPending(order.id, null, null, this.clock.now());
    }
    return { order: this.get(order.id), message };
  }

  // ── Status machine ───────────────────────────────────────────────────────────────────────────────────────

  /** The text a status change would send, so the owner sees it before deciding. null when not notifiable. */
  statusMessage(orderId: number, to: OrderStatus): string | null {
    if (!(NOTIFY_STATUSES as readonly string[]).includes(to)) return null;
    const order = this.get(orderId);
    const v = this.orderVoice(order);
    const custom = this.settings().templates[to as NotifyStatus]?.[v.lang]?.trim();
    return fillStatusTemplate(custom || defaultStatusTemplate(to as NotifyStatus, v), order, this.shop(), v);
  }

  /**
   * Moves an order to the next status. `notify` overrides the owner's per-status setting. The change is applied
   * once (a repeated request is refused), and the customer gets at most one message for it, through the outbox.
   */
  setStatus(orderId: number, to: OrderStatus, opts: { notify?: boolean; text?: string } = {}): StatusChangeResult {
    const now = this.clock.now();
    const wantedBySettings = (NOTIFY_STATUSES as readonly string[]).includes(to) && this.settings().notify[to as NotifyStatus];
    const wanted = opts.notify ?? wantedBySettings;
    // Status, stock, history and the customer's message commit together: the change happens once, and so does
    // its message. A message that cannot be queued (no channel address) does not block the change.
    const result = this.db
      .transaction(() => {
        const o = this.repo.get(orderId);
        if (!o) throw notFound('Order', orderId);
        if (o.status === to) throw new AppError('conflict', `Order #${o.number} is already ${to}`);
        if (!canMove(o.status, to)) throw new AppError('conflict', `Order #${o.number ?? ''} cannot go from ${o.status} to ${to}`);
        if (!this.repo.setStatus(orderId, o.status, to, now))
          throw new AppError('conflict', 'The order changed meanwhile; reload and try again');
        // Goods come back to stock unless they already left the shop.
        if (to === 'cancelled' && o.status !== 'shipped') {
          for (const l of o.lines) if (l.productId !== null) this.catalog.repo.returnStock(l.productId, l.quantity, now);
        }
        const eventId = this.repo.addEvent(orderId, { actor: 'owner', kind: 'status', fromStatus: o.status, toStatus: to }, now);
        if (!wanted) return { queued: null, notifyError: null, conversationId: o.conversationId };
        const text = opts.text?.trim() || this.statusMessage(orderId, to);
        if (!text) return { queued: null, notifyError: 'There is no message for this status', conversationId: o.conversationId };
        if (o.conversationId === null)
          return { queued: null, notifyError: 'This order has no conversation any more', conversationId: null };
        try {
          const queued = this.inbox.queueInTransaction(o.conversationId, text, { author: 'owner', origin: 'order_status' });
          this.repo.setEventMessage(eventId, queued.message.id, 'customer notified');
          return { queued, notifyError: null, conversationId: o.conversationId };
        } catch (err) {
          if (!(err instanceof AppError)) throw err;
          // The owner sees why the customer was not told and can write themselves.
          this.repo.setEventMessage(eventId, null, `not notified: ${err.message}`);
          return { queued: null, notifyError: err.message, conversationId: o.conversationId };
        }
      })
      .immediate();
    result.queued?.afterCommit();
    if (to === 'cancelled') this.events.emit('catalog.updated', {});
    this.changed(orderId, result.conversationId);
    return { order: this.detail(orderId), notified: result.queued?.message ?? null, notifyError: result.notifyError };
  }

  private changed(orderId: number, conversationId: number | null): void {
    this.events.emit('orders.updated', { orderId, conversationId });
  }
}
