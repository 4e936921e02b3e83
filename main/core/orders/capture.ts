// Order capture in chat: reads each new customer message, asks the model only what the customer wants (items,
// quantities, options, pickup/delivery, address, time), prices it from the catalog, and answers with a clarifying
// question or a summary — sent at once in Auto, held for the owner in Suggest. A "yes" is read by deterministic code.
import type { ChatModel, ChatTurn } from '../assistant/chat-model';
import { customerEscalation } from '../assistant/guardrails';
import type { Clock } from '../clock';
import type { CatalogService } from '../catalog/service';
import type { MatchIndex, MatchRow } from '../catalog/match-index';
import type { ContactsRepo } from '../db/repos/contacts-repo';
import type { MessagesRepo } from '../db/repos/messages-repo';
import { AppError } from '../errors';
import type { InboundEvent } from '../inbox/service';
import { buildOrder, catalogFor, type RequestedItem } from './build';
import { untrustedItems } from './cross-check';
import { extractOrder, MAX_CATALOG_NAMES, MAX_NAMED, type Extraction } from './extract';
import { asksForRepeat, classifyReply, isCustomerLanguage, onlyAsksForRepeat, pickLanguage, type CustomerLanguage } from './replies';
import type { OrdersService } from './service';
import type { ChatOrderMode } from './settings';
import { cancelledText, lineTitle, placedText, questionsText, summaryText, whatToChangeText } from './texts';
import type { Order, PendingKind } from './types';

/** Older inbound messages (demo seeding, history backfill after reconnecting) never start an order. */
export const FRESH_INBOUND_MS = 3 * 60_000;
/** How much of the conversation the model and the echo checks look at. */
const HISTORY = 14;
/** In a catalog too big for the prompt, products scoring this against the customer's message are listed first. */
const NAMED_MIN = 0.3;

export type CaptureAction = 'question' | 'summary' | 'placed' | 'cancelled' | 'what_to_change';

export interface CaptureResult {
  /** true: this message was about an order and Lavka answered it (or holds an answer for the owner). */
  handled: boolean;
  action?: CaptureAction;
  orderId?: number;
  text?: string;
  /** true: the text went to the outbox; false: it waits for the owner (Suggest mode). */
  sent?: boolean;
  /** Why nothing happened, for the audit trail and tests. */
  skipped?: 'off' | 'not_text' | 'stale' | 'no_model' | 'model_error' | 'invalid_output' | 'not_an_order' | 'unchanged' | 'untrusted_items';
}

export interface CaptureDeps {
  orders: OrdersService;
  catalog: CatalogService;
  messages: MessagesRepo;
  contacts: ContactsRepo;
  clock: Clock;
  /** The model, or null when none is configured (then only "the usual" and replies to summaries work). */
  model: () => ChatModel | null;
  /** The assistant's mode for this conversation; capture never goes beyond it. Defaults to the orders setting alone. */
  assistantMode?: (conversationId: number) => ChatOrderMode;
  /** The assistant's shared prompt layout (stable prefix + conversation state + task); absent without an assistant. */
  prompt?: (conversationId: number, task: string) => ChatTurn[];
}

const RANK: Record<ChatOrderMode, number> = { off: 0, suggest: 1, auto: 2 };

export class OrderCapture {
  /** One run per inbound message, whoever asks first (this listener or the assistant deciding whether to reply). */
  private readonly runs = new Map<number, Promise<CaptureResult>>();
  /** Messages of one conversation are handled one after another, in order. */
  private readonly chains = new Map<number, Promise<unknown>>();

  constructor(private readonly d: CaptureDeps) {}

  modeFor(conversationId: number): ChatOrderMode {
    const own = this.d.orders.settings().chatOrders;
    const assistant = this.d.assistantMode?.(conversationId) ?? own;
    return RANK[assistant] < RANK[own] ? assistant : own;
  }

  /** Handles a new customer message once; later calls for the same message get the same result. */
  handleInbound(e: InboundEvent): Promise<CaptureResult> {
    const known = this.runs.get(e.message.id);
    if (known) return known;
    const prev = this.chains.get(e.conversationId) ?? Promise.resolve();
    const run = prev.catch(() => undefined).then(() => this.process(e));
    this.runs.set(e.message.id, run);
    this.chains.set(e.conversationId, run);
    void run
      .finally(() => {
        if (this.chains.get(e.conversationId) === run) this.chains.delete(e.conversationId);
        // Keep the memo briefly bounded: the assistant asks right after the message arrives.
        if (this.runs.size > 500) this.runs.delete(this.runs.keys().next().value!);
      })
      .catch(() => undefined);
    return run;
  }

  /** Waits until every message handed in so far has been handled (tests, shutdown). */
  async idle(): Promise<void> {
    await Promise.allSettled([...this.chains.values()]);
  }

  private async process(e: InboundEvent): Promise<CaptureResult> {
    const { message, conversationId, contactId } = e;
    const mode = this.modeFor(conversationId);
    if (mode === 'off') return { handled: false, skipped: 'off' };
    if (message.kind !== 'text' || !message.body.trim()) return { handled: false, skipped: 'not_text' };
    if (this.d.clock.now() - message.createdAt > FRESH_INBOUND_MS) return { handled: false, skipped: 'stale' };

    const text = message.body;
    const draft = this.d.orders.repo.draftFor(conversationId);
    const contact = this.d.contacts.get(contactId);
    const lang =
      ownerChosen(contact) ?? pickLanguage(text, [draft?.language, contact?.language, this.d.orders.fallbackLanguage(contactId)]);

    // A reply to a summary the customer has seen: yes / cancel / no are read without a model.
    const reply = classifyReply(text);
    if (draft && draft.stage === 'summary' && draft.quotedAt !== null) {
      if (reply === 'yes') return this.confirm(draft, message.id, lang, mode);
      if (reply === 'no') return this.respond(draft, 'question', 'what_to_change', whatToChangeText(this.d.orders.voice(lang)), mode);
    }
    if (draft && reply === 'cancel') return this.cancel(draft, lang, mode);

    const last = this.d.orders.repo.lastOrderOf(contactId) ?? null;
    // A model call costs seconds on a laptop: only messages that continue an order, ask for "the usual", name
    // something the shop sells, or hold a number ("2 pizzas") are worth one. Small talk stays with the assistant.
    const worthAsking =
      !cannotBeOrder(text) && (!!draft || asksForRepeat(text) || /\d/.test(text) || this.d.catalog.matchIndex().mentions(text));
    if (!worthAsking) return { handled: false, skipped: 'not_an_order' };
    let ex: Extraction;
    if (onlyAsksForRepeat(text)) {
      ex = { intent: 'repeat', items: [], fulfilment: 'unknown', address: null, time: null, language: null };
    } else {
      const model = this.d.model();
      if (!model) return { handled: false, skipped: 'no_model' };
      try {
        const history = this.d.messages.recent(conversationId, HISTORY);
        const out = await extractOrder(
          model,
          {
            shopName: this.d.orders.shop().name,
            // Option values are listed so the model can say "large" for "большой"; Lavka still checks them.
            catalogNames: (this.d.prompt
              ? namedProducts(this.d.catalog.matchIndex(), text)
              : catalogNamesFor(this.d.catalog.matchIndex(), text)
            ).map((p) =>
              p.options.length
                ? `${p.name} (${p.options.map((g) => `${g.name}: ${g.values.map((v) => v.value).join('/')}`).join('; ')})`
                : p.name,
            ),
            currentDraft: draft ? describeDraft(draft) : null,
            lastOrder: last ? describeDraft(last) : null,
            history,
            prompt: this.d.prompt ? (task) => this.d.prompt!(conversationId, task) : undefined,
            defer: mode === 'suggest',
          },
          conversationId,
        );
        if (!out.ok) {
          console.warn(`[orders] model output ignored for conversation ${conversationId}: ${out.detail}`);
          return { handled: false, skipped: 'invalid_output' };
        }
        ex = out.value;
      } catch (err) {
        if (!(err instanceof AppError)) console.error('[orders] order extraction failed', err);
        return { handled: false, skipped: 'model_error' };
      }
    }
    // The model's guess only breaks a tie the letters leave open (a short Cyrillic message: Russian or Ukrainian?).
    const language: CustomerLanguage =
      ownerChosen(contact) ??
      pickLanguage(text, [draft?.language, ex.language, contact?.language, this.d.orders.fallbackLanguage(contactId)]);

    if (ex.intent === 'none') return { handled: false, skipped: 'not_an_order' };
    if (ex.intent === 'cancel') return draft ? this.cancel(draft, language, mode) : { handled: false, skipped: 'not_an_order' };

    // What the customer wants now: the model's complete list, the last order ("the usual"), or the draft as it was.
    let items: RequestedItem[];
    let fulfilment = ex.fulfilment;
    let address = ex.address;
    const known: string[] = [];
    if (ex.intent === 'repeat' && ex.items.length === 0) {
      if (!last) return this.answerIssues(conversationId, draft, [{ kind: 'no_last_order' }], language, mode);
      items = itemsOf(last);
      if (fulfilment === 'unknown') fulfilment = last.fulfilment;
      if (!address && last.fulfilment === 'delivery') address = last.address;
      known.push(last.address);
    } else if (ex.items.length === 0 && draft && draft.lines.length) {
      // An answer to a question ("Lenina 5") often comes back without the items: keep the draft's.
      items = itemsOf(draft);
    } else {
      items = ex.items.map((i) => ({ name: i.name, quantity: i.quantity, options: i.options }));
      // The model's list is a reading of the customer's words, never trusted as such: every item must be something
      // the customer named and every quantity one they wrote (or 1). "Хочу 2 круассана" never becomes 3 cakes.
      const said = this.d.messages
        .recent(conversationId, HISTORY)
        .filter((m) => m.direction === 'in')
        .map((m) => m.body)
        .join('\n');
      const untrusted = untrustedItems(items, said, this.d.catalog.matchIndex());
      if (untrusted) {
        console.warn(`[orders] model's order ignored for conversation ${conversationId}: ${untrusted}`);
        return { handled: false, skipped: 'untrusted_items' };
      }
    }
    if (draft) {
      const decided = !draft.issues.some((i) => i.kind === 'fulfilment' || i.kind === 'no_delivery');
      if (fulfilment === 'unknown' && decided) fulfilment = draft.fulfilment;
      if (!address && draft.address) {
        address = draft.address;
        known.push(draft.address);
      }
    }
    if (last?.address) known.push(last.address);

    const customerText = this.d.messages
      .recent(conversationId, HISTORY)
      .filter((m) => m.direction === 'in')
      .map((m) => m.body)
      .join('\n');
    const built = buildOrder(
      {
        items,
        fulfilment,
        address,
        wantedTime: ex.time ?? (draft?.wantedTime || null),
        customerText: `${customerText}\n${draft?.wantedTime ?? ''}`,
        knownAddresses: known,
      },
      catalogFor(this.d.catalog, items),
      { pickupAddress: this.d.orders.shop().address, settings: this.d.orders.settings() },
    );
    // A side question while an order is open ("do you close at six?") leaves the order as it was: the customer
    // already has this summary or question, so the assistant answers instead of Lavka repeating itself.
    if (draft && draft.pendingText === null && sameContent(draft, built)) return { handled: false, skipped: 'unchanged' };
    const order = this.d.orders.writeDraft(conversationId, built, {
      language,
      source: draft?.source ?? 'chat',
      actor: 'assistant',
      eventKind: draft ? 'revised' : 'drafted',
    });
    if (built.issues.length) {
      return this.respond(
        order,
        'question',
        'question',
        questionsText(built.issues, this.d.orders.shop(), this.d.orders.voice(language)),
        mode,
      );
    }
    return this.respond(order, 'summary', 'summary', summaryText(order, this.d.orders.shop(), this.d.orders.voice(language)), mode);
  }

  private answerIssues(
    conversationId: number,
    draft: Order | undefined,
    issues: Parameters<typeof questionsText>[0],
    lang: CustomerLanguage,
    mode: ChatOrderMode,
  ): CaptureResult {
    const built = {
      lines: [],
      issues,
      fulfilment: 'pickup' as const,
      address: '',
      wantedTime: '',
      subtotalMinor: 0,
      deliveryMinor: 0,
      totalMinor: 0,
    };
    const order = this.d.orders.writeDraft(conversationId, built, {
      language: lang,
      source: draft?.source ?? 'chat',
      actor: 'assistant',
      eventKind: draft ? 'revised' : 'drafted',
    });
    return this.respond(order, 'question', 'question', questionsText(issues, this.d.orders.shop(), this.d.orders.voice(lang)), mode);
  }

  /**
   * The customer said yes to a summary they saw. Prices and stock are checked again: if anything changed, they
   * get the updated summary instead; otherwise the order is placed and thanked for.
   */
  private confirm(draft: Order, messageId: number, lang: CustomerLanguage, mode: ChatOrderMode): CaptureResult {
    const items = itemsOf(draft);
    // The draft as the catalog prices it now (stock, prices and options may have changed since it was quoted).
    const rebuild = () =>
      buildOrder(
        {
          items,
          fulfilment: draft.fulfilment,
          address: draft.address,
          wantedTime: draft.wantedTime,
          customerText: '',
          knownAddresses: [],
          byOwner: true,
        },
        catalogFor(this.d.catalog, items),
        { pickupAddress: this.d.orders.shop().address, settings: this.d.orders.settings() },
      );
    const rebuilt = rebuild();
    const same = rebuilt.issues.length === 0 && rebuilt.totalMinor === draft.quotedTotalMinor && sameLines(draft, rebuilt.lines);
    if (!same) return this.revise(draft, rebuilt, lang, mode);
    let placed: Order;
    try {
      placed = this.d.orders.place(draft.id, 'customer', messageId);
    } catch (err) {
      if (err instanceof AppError && err.code === 'conflict') {
        // Stock ran out between the check and the placing (another order): tell the customer what changed.
        const again = rebuild();
        return this.revise(draft, again, lang, mode);
      }
      throw err;
    }
    return this.respond(placed, 'placed', 'placed', placedText(placed, this.d.orders.voice(lang)), mode);
  }

  private revise(draft: Order, rebuilt: ReturnType<typeof buildOrder>, lang: CustomerLanguage, mode: ChatOrderMode): CaptureResult {
    if (draft.conversationId === null) return { handled: false };
    const order = this.d.orders.writeDraft(draft.conversationId, rebuilt, {
      language: lang,
      source: draft.source,
      actor: 'system',
      eventKind: 'repriced',
    });
    if (rebuilt.issues.length)
      return this.respond(
        order,
        'question',
        'question',
        questionsText(rebuilt.issues, this.d.orders.shop(), this.d.orders.voice(lang)),
        mode,
      );
    return this.respond(order, 'summary', 'summary', summaryText(order, this.d.orders.shop(), this.d.orders.voice(lang), true), mode);
  }

  private cancel(draft: Order, lang: CustomerLanguage, mode: ChatOrderMode): CaptureResult {
    const text = cancelledText(this.d.orders.voice(lang));
    if (mode === 'auto' && draft.conversationId !== null) {
      this.d.orders.discardDraft(draft.id);
      // The draft is gone; the acknowledgement is an ordinary assistant message.
      this.d.orders.sendPlain(draft.conversationId, text, 'assistant');
      return { handled: true, action: 'cancelled', orderId: draft.id, text, sent: true };
    }
    // Suggest: the draft goes away; the owner answers the customer in their own words.
    this.d.orders.discardDraft(draft.id);
    return { handled: true, action: 'cancelled', orderId: draft.id, text, sent: false };
  }

  private respond(order: Order, kind: PendingKind, action: CaptureAction, text: string, mode: ChatOrderMode): CaptureResult {
    if (mode === 'auto') {
      this.d.orders.deliver(order.id, kind, text, 'assistant');
      return { handled: true, action, orderId: order.id, text, sent: true };
    }
    this.d.orders.holdForOwner(order.id, kind, text);
    return { handled: true, action, orderId: order.id, text, sent: false };
  }
}

/**
 * Catalog entries for the model's prompt: the whole catalog while it fits, otherwise what this message names first
 * (best match first), then the rest in catalog order — so in a big shop the model sees the items asked about.
 * Items of the order being discussed reach the model through the draft's description.
 */
/** Thanks, greetings and goodbyes on their own, in the customers' languages (words, not a whole sentence match). */
const COURTESY =
  /^(?:thanks?|thank|you|thx|ty|many|much|so|very|great|good|ok|okay|fine|cool|perfect|super|hello|hi|hey|bye|see|then|soon|later|morning|evening|afternoon|спасибо|спс|благодарю|большое|отлично|хорошо|ок|окей|до|встречи|свидания|привет|здравствуйте|добрый|день|вечер|утро|дякую|добре|зустрічі|вітаю|доброго|cảm|ơn|shop|ok|chào|bạn|danke|schön|hallo|tschüss|gut|super|merci|gracias|obrigado|obrigada)$/iu;

/**
 * A message that cannot be an order: a complaint or a demand for a person or a refund (the assistant escalates those),
 * or nothing but thanks and greetings. No model call is spent on reading an order from it.
 */
export function cannotBeOrder(text: string): boolean {
  if (customerEscalation(text)) return true;
  const words = text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  return words.length > 0 && words.length <= 8 && words.every((w) => COURTESY.test(w));
}

/** The products the customer's words name, best first (the stable prefix already summarises the catalog). */
function namedProducts(index: MatchIndex, customerText: string): readonly MatchRow[] {
  return index
    .search(customerText, NAMED_MIN)
    .slice(0, MAX_NAMED)
    .map((x) => index.row(x.id)!);
}

function catalogNamesFor(index: MatchIndex, customerText: string): readonly MatchRow[] {
  const rows = index.rows();
  if (rows.length <= MAX_CATALOG_NAMES) return rows;
  const named = index
    .search(customerText, NAMED_MIN)
    .slice(0, MAX_CATALOG_NAMES)
    .map((x) => index.row(x.id)!);
  const taken = new Set(named);
  const out = [...named];
  for (const r of rows) {
    if (out.length >= MAX_CATALOG_NAMES) break;
    if (!taken.has(r)) out.push(r);
  }
  return out;
}

/** The order as exact products and option choices, for re-pricing or repeating it (no name matching needed). */
function itemsOf(order: Order): RequestedItem[] {
  return order.lines.map((l) =>
    l.productId === null
      ? { name: l.name, quantity: l.quantity, options: [], productId: -1 }
      : {
          name: l.label || l.name,
          quantity: l.quantity,
          options: [],
          productId: l.productId,
          chosen: Object.fromEntries(l.options.map((o) => [o.group, o.value])),
        },
  );
}

function sameContent(draft: Order, built: ReturnType<typeof buildOrder>): boolean {
  return (
    draft.fulfilment === built.fulfilment &&
    draft.address === built.address &&
    draft.wantedTime === built.wantedTime &&
    JSON.stringify(draft.issues) === JSON.stringify(built.issues) &&
    draft.lines.length === built.lines.length &&
    draft.lines.every((l, i) => {
      const b = built.lines[i];
      return (
        l.productId === b.productId &&
        l.quantity === b.quantity &&
        l.unitPriceMinor === b.unitPriceMinor &&
        JSON.stringify(l.options) === JSON.stringify(b.options)
      );
    })
  );
}

function sameLines(draft: Order, lines: { productId: number | null; quantity: number; unitPriceMinor: number }[]): boolean {
  return (
    draft.lines.length === lines.length &&
    draft.lines.every(
      (l, i) => l.productId === lines[i].productId && l.quantity === lines[i].quantity && l.unitPriceMinor === lines[i].unitPriceMinor,
    )
  );
}

/** "2 × Rye bread (large); delivery to Lenina 5; when: tomorrow 9:00; still open: address" — model context only. */
function describeDraft(o: Order): string {
  const parts = [
    o.lines
      .map((l) => `${l.quantity} × ${lineTitle(l)}${l.options.length ? ` (${l.options.map((x) => x.value).join(', ')})` : ''}`)
      .join(', ') || 'no items yet',
  ];
  parts.push(o.fulfilment === 'delivery' ? `delivery${o.address ? ` to ${o.address}` : ''}` : 'pickup');
  if (o.wantedTime) parts.push(`when: ${o.wantedTime}`);
  if (o.issues.length)
    parts.push(
      `still open: ${o.issues.map((i) => ('text' in i ? `${i.kind} "${i.text}"` : 'product' in i ? `${i.kind} ${i.product}` : i.kind)).join(', ')}`,
    );
  return parts.join('; ');
}

/** A language the owner set on the contact card wins over what any one message looks like. */
function ownerChosen(contact: { language: string | null; languageByOwner: boolean } | undefined): CustomerLanguage | null {
  return contact?.languageByOwner && isCustomerLanguage(contact.language) ? contact.language : null;
}
