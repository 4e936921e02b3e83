// Builds what the model reads, in the order Ollama's one cache slot rewards: the stable prefix (the same for every
// call: rules, shop, policies, FAQ, catalog summary), then the conversation's state in a stable order (customer,
// their orders, the transcript — a window that only grows between its steps, so the next call of the same
// conversation re-reads only what is new), then this turn's part (facts found for the latest words, named
// products, the time now) and the TASK line. Also returns the grounding the guardrails check replies against. Synchronous and
// side-effect free.
import { clipCustomerText } from './limits';
import type { Clock } from '../clock';
import type { SettingsService } from '../settings/service';
import type { KnowledgeService } from '../knowledge/service';
import type { ContactsRepo } from '../db/repos/contacts-repo';
import type { ConversationsRepo } from '../db/repos/conversations-repo';
import type { MessagesRepo } from '../db/repos/messages-repo';
import type { Message } from '../inbox/types';
import { WEEKDAYS, type BusinessProfile } from '../settings/schema';
import type { ChatTurn } from './chat-model';
import type { Grounding } from './guardrails';
import { detectLanguage } from './language';
import { isShopOpen, minutesOf, shopOpenAt, wallClock } from '../../shared/opening-hours';
import { buildStablePrefix, formatHours, taskLine, type StablePrefix, type Task } from './prompts';
import { TOKENS_PER_MESSAGE, estimateTokens, truncateToTokens } from './tokens';
import type { Source } from './types';

// ---------------------------------------------------------------------------------------------------------------
// The plug-in point for other domains (catalog items, past orders): a provider returns one block of context.

export interface ContextRequest {
  conversationId: number;
  contactId: number;
  /** The customer's recent words (newest last), for deciding what is relevant. Untrusted text. */
  customerText: string;
  language: string;
  now: number;
}

export interface ContextBlock {
  /** Heading in the prompt, e.g. "CATALOG" or "THIS CUSTOMER'S ORDERS". */
  heading: string;
  text: string;
  /**
   * true when the text comes from Lavka's own database (catalog prices, order totals): numbers and links in it may
   * then appear in auto-sent replies. Never true for text a customer wrote.
   */
  trusted: boolean;
  /** Named on the "based on" line when the block is used. */
  sources: Source[];
}

export interface ContextProvider {
  id: string;
  /**
   * Where the block goes: 'conversation' for what belongs to the customer and changes rarely (their orders), placed
   * before the transcript; 'turn' (default) for what depends on their latest words, placed after it.
   */
  placement?: 'conversation' | 'turn';
  /** Token budget for this provider's block (default 200); longer text is cut. */
  maxTokens?: number;
  /** Must be fast and synchronous (SQLite is); return null when nothing is relevant. Errors are logged and skipped. */
  provide(req: ContextRequest): ContextBlock | null;
}

/** A block of the stable prefix built from shop data alone (never from a customer): e.g. the catalog summary. */
export interface StableBlockProvider {
  id: string;
  maxTokens?: number;
  provide(): { heading: string; text: string } | null;
}

export class ContextProviders {
  private readonly providers = new Map<string, ContextProvider>();
  private readonly stableProviders = new Map<string, StableBlockProvider>();

  /** Registers a block of the stable prefix (one per id); returns a function that removes it. */
  registerStable(p: StableBlockProvider): () => void {
    if (this.stableProviders.has(p.id)) throw new Error(`Stable prefix block "${p.id}" is registered twice`);
    this.stableProviders.set(p.id, p);
    return () => this.stableProviders.delete(p.id);
  }

  stable(): StableBlockProvider[] {
    return [...this.stableProviders.values()];
  }

  /** Registers a provider (one per id); returns a function that removes it. */
  register(p: ContextProvider): () => void {
    if (this.providers.has(p.id)) throw new Error(`Context provider "${p.id}" is registered twice`);
    this.providers.set(p.id, p);
    return () => this.providers.delete(p.id);
  }

  list(): ContextProvider[] {
    return [...this.providers.values()];
  }
}

// ---------------------------------------------------------------------------------------------------------------

export interface ContextDeps {
  clock: Clock;
  settings: SettingsService;
  knowledge: KnowledgeService;
  repos: { contacts: ContactsRepo; conversations: ConversationsRepo; messages: MessagesRepo };
  assistant: { contextProviders: ContextProviders };
}

export interface TurnContext {
  conversationId: number;
  contactId: number;
  /** The language the reply must be in (ISO 639-1). */
  language: string;
  /** [system: stable prefix, user: variable part + task]. */
  messages: ChatTurn[];
  prefix: string;
  variable: string;
  sources: Source[];
  grounding: Grounding;
  /** The newest customer message (what the reply answers), or null when the customer has not written. */
  lastInbound: Message | null;
  tokens: { prefix: number; variable: number; total: number };
  buildMs: number;
}

/**
 * Most messages the transcript shows (3 to 5: the last exchange and the customer's newest words); it starts on a step
 * of TRANSCRIPT_STEP messages so it grows by appending. Every line here is re-read whenever the call before was
 * for another customer (most drafts on a busy day), so the window is short; the order being put together and the
 * customer's orders carry what came before.
 */
const MAX_TRANSCRIPT_MESSAGES = 5;
const TRANSCRIPT_STEP = 3;
/**
 * A pause this long starts a new visit: what was said before it (days ago, often stale — "sold out today") is left out
 * of the transcript. The customer's orders and the order being put together carry what matters across visits, and a
 * short transcript is what the model re-reads when another customer used Ollama's one cache slot in between.
 */
export const SESSION_GAP_MS = 12 * 3_600_000;
/** Every transcript line is cut the same way whatever its age, so a line never changes between turns. */
const MESSAGE_TOKENS = 80;
const KNOWLEDGE_LIMIT = 2;
const KNOWLEDGE_ENTRY_TOKENS = 70;
/** The customer's newest burst counts as their latest words, up to this many messages. */
const MAX_PENDING = 4;

const PROFILE_TOPICS: {
  id: string;
  title: string;
  re: RegExp;
  field: (b: BusinessProfile, p: { delivery: string; payment: string; returns: string }) => string;
}[] = [
  {
    id: 'hours',
    title: 'Opening hours',
    re: /open|close|hour|when|until|today|tomorrow|weekend|sunday|saturday|работ|открыт|закрыт|час|время|до скольки|до котор|суббот|воскрес|выходн|сегодня|завтра|праці|відчин|зачин|годин|субот|неділ|giờ|mở cửa|đóng cửa|chủ nhật|thứ bảy|öffnungszeit|geöffnet|offen|schließ|sonntag|samstag/iu,
    field: (b) => formatHours(b.openingHours),
  },
  {
    id: 'address',
    title: 'Address',
    re: /where|address|location|find you|directions|адрес|где вы|где наход|як знайти|де ви|địa chỉ|ở đâu|adresse|wo (sind|finde)/iu,
    field: (b) => b.address,
  },
  {
    id: 'phone',
    title: 'Phone',
    re: /phone|call|number|телефон|позвон|номер|зателефон|điện thoại|gọi|telefon|anruf/iu,
    field: (b) => b.phone,
  },
  {
    id: 'delivery',
    title: 'Delivery',
    re: /deliver|shipping|courier|bring|достав|курьер|привез|кур'єр|giao|ship|liefer|versand/iu,
    field: (_b, p) => p.delivery,
  },
  {
    id: 'payment',
    title: 'Payment',
    re: /pay|card|cash|paypal|transfer|оплат|карт|наличн|перевод|готівк|thanh toán|chuyển khoản|tiền mặt|zahl|bezahl|karte|bar/iu,
    field: (_b, p) => p.payment,
  },
  {
    id: 'returns',
    title: 'Returns',
    re: /return|exchange|refund|возврат|вернуть|обмен|поверн|обмін|đổi|trả|rückgabe|umtausch|zurück/iu,
    field: (_b, p) => p.returns,
  },
];

/** Formatters per time zone: building one costs more than a whole context lookup in SQLite. */
const formats = new Map<string, { date: Intl.DateTimeFormat; time: Intl.DateTimeFormat; year: Intl.DateTimeFormat }>();

function formatsFor(timeZone: string) {
  let f = formats.get(timeZone);
  if (!f) {
    f = {
      // No year: a chat never needs it, and its four digits are four tokens re-read on every call.
      date: new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', day: 'numeric', month: 'short' }),
      time: new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
      year: new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric' }),
    };
    formats.set(timeZone, f);
  }
  return f;
}

/** Whether the shop is open at `now` by its opening hours, in its time zone (the one shared answer). */
export function isOpenAt(b: BusinessProfile, now: number): boolean {
  return isShopOpen({ hours: b.openingHours, timeZone: b.timeZone }, now);
}

/** The clock as the model is told it, in the shop's time zone (named with the opening hours in the stable prefix). */
export interface ShopClock {
  /**
   * "Today: Mon 2 Mar, open until 18:00." — the same for every customer until the date or the shop's open/closed
   * state changes, so it goes before the customer's part and stays in Ollama's cache when the next call is for
   * someone else.
   */
  day: string;
  /** "Time: 10:34." — the one part that changes every minute: 6 tokens, last before the TASK line. */
  time: string;
  /** "Now: Mon 2 Mar 10:00, open until 18:00." — both in one line (the guardrails' grounding). */
  now: string;
  year: string;
}

export function shopClock(b: BusinessProfile, now: number): ShopClock {
  const f = formatsFor(b.timeZone);
  const date = f.date.format(now).replace(/,/g, '');
  const time = f.time.format(now);
  const state = shopState(b, now);
  return { day: `Today: ${date}, ${state}.`, time: `Time: ${time}.`, now: `Now: ${date} ${time}, ${state}.`, year: f.year.format(now) };
}

/** "Now: Mon 2 Mar 10:00, open until 18:00." (see ShopClock). */
export function nowLine(b: BusinessProfile, now: number): string {
  return shopClock(b, now).now;
}

/** "Today: Mon 2 Mar, open until 18:00." (see ShopClock). */
export function dayLine(b: BusinessProfile, now: number): string {
  return shopClock(b, now).day;
}

/** "open until 18:00", "closed, opens today at 09:00", "closed, opens on Mon at 09:00". */
function shopState(b: BusinessProfile, now: number): string {
  const { weekday, minutes } = wallClock(now, b.timeZone);
  const today = b.openingHours[weekday];
  const openNow = shopOpenAt({ hours: b.openingHours, timeZone: b.timeZone }, now);
  let state: string;
  if (openNow.open) state = `open until ${openNow.closes}`;
  else if (today && minutes < minutesOf(today.open)) state = `closed, opens today at ${today.open}`;
  else {
    const i = WEEKDAYS.indexOf(weekday);
    let next = '';
    for (let k = 1; k <= 7; k++) {
      const day = WEEKDAYS[(i + k) % 7];
      const h = b.openingHours[day];
      if (h) {
        next = `, opens ${k === 1 ? 'tomorrow' : `on ${day[0].toUpperCase()}${day.slice(1)}`} at ${h.open}`;
        break;
      }
    }
    state = `closed${next}`;
  }
  return state;
}

/** The language to answer in: what the customer writes now (when clear), else their saved language, else the shop's. */
export function customerLanguage(recentCustomerText: string, saved: string | null, fallback: string): string {
  const guess = detectLanguage(recentCustomerText);
  if (guess?.confident) return guess.lang;
  if (saved) return saved;
  return guess?.lang ?? fallback;
}

/** The stable prefix of every model call, from the shop's settings, knowledge and stable blocks (catalog summary). */
export function stablePrefixOf(s: ContextDeps): StablePrefix {
  const settings = s.settings.get();
  const blocks: { heading: string; text: string }[] = [];
  for (const p of s.assistant.contextProviders.stable()) {
    try {
      const b = p.provide();
      if (b && b.text.trim()) blocks.push({ heading: b.heading, text: truncateToTokens(b.text.trim(), p.maxTokens ?? 400) });
    } catch (err) {
      console.error(`[assistant] stable block ${p.id} failed`, err);
    }
  }
  return buildStablePrefix({
    business: settings.business,
    policies: s.knowledge.shopPolicies(),
    policyEntries: s.knowledge.policies(),
    faq: s.knowledge
      .list()
      .filter((e) => e.enabled && e.kind === 'qa')
      .sort((a, b) => a.id - b.id),
    blocks,
  });
}

/** What the model is told about one conversation, after the stable prefix and before the turn's own part. */
export interface ConversationState {
  conversationId: number;
  contactId: number;
  text: string;
  language: string;
  /** The customer's latest words (their newest burst), untrusted. */
  recentCustomer: string;
  lastInbound: Message | null;
  /** Facts this state vouches for (owner's notes, the owner's own messages, trusted blocks). */
  trusted: string[];
  policy: string[];
  sources: Source[];
}

/** Which messages the transcript shows: a window whose start moves in steps, so between steps it only grows. */
export function transcriptStart(total: number): number {
  const start = Math.floor(Math.max(0, total - MAX_TRANSCRIPT_MESSAGES + TRANSCRIPT_STEP - 1) / TRANSCRIPT_STEP) * TRANSCRIPT_STEP;
  return Math.min(start, Math.max(0, total - 1));
}

export function buildConversationState(s: ContextDeps, conversationId: number): ConversationState {
  const settings = s.settings.get();
  const contactId = s.repos.conversations.contactId(conversationId);
  if (contactId === undefined) throw new Error(`Conversation ${conversationId} does not exist`);
  const contact = s.repos.contacts.get(contactId);
  const total = s.repos.messages.countIn(conversationId);
  const shown = Math.max(1, total - transcriptStart(total));
  // A few older messages too: a burst of the customer's that straddles the window's start is shown whole (its
  // messages never change, so neither does where the window then starts).
  const fetched = s.repos.messages.recent(conversationId, shown + MAX_PENDING - 1);
  let from = Math.max(0, fetched.length - shown);
  while (from > 0 && fetched[from].direction === 'in' && fetched[from - 1].direction === 'in') from--;
  const window = fetched.slice(from).map((m) => ({ ...m, body: clipCustomerText(m.body) }));
  const history = currentVisit(window.filter((m) => m.channel !== 'system'));
  const lastInbound = [...history].reverse().find((m) => m.direction === 'in') ?? null;
  // The customer's latest words: everything since our last reply (they often write in two or three bursts).
  const lastOutIdx = history.map((m) => m.direction).lastIndexOf('out');
  const pending = history
    .slice(lastOutIdx + 1)
    .filter((m) => m.direction === 'in')
    .slice(-MAX_PENDING);
  const recentCustomer = (pending.length ? pending : history.filter((m) => m.direction === 'in').slice(-2)).map((m) => m.body).join('\n');
  // A language the owner chose on the contact card wins over what the latest messages look like.
  const language =
    contact?.languageByOwner && contact.language
      ? contact.language
      : customerLanguage(recentCustomer, contact?.language ?? null, settings.preferences.replyLanguage);

  const trusted: string[] = [];
  const policy: string[] = [];
  const sources: Source[] = [];
  const parts: string[] = [];
  // One line, only the card fields that are filled in: this is where a call for another customer parts from the
  // cache, so every token from here on is re-read. The language is named once, in the TASK line: this line stays the
  // same when the customer switches language.
  const who = [
    truncateToTokens(contact?.name ?? 'unknown', 20),
    contact?.notes ? `owner's notes: ${truncateToTokens(contact.notes, 60)}` : '',
    contact?.tags.length ? `tags: ${contact.tags.join(', ')}` : '',
  ]
    .filter(Boolean)
    .join('; ');
  parts.push(`CUSTOMER: ${who}`);
  if (contact?.notes) trusted.push(contact.notes);

  const req: ContextRequest = { conversationId, contactId, customerText: recentCustomer, language, now: s.clock.now() };
  for (const b of providerBlocks(s, req, 'conversation')) {
    parts.push(b.text);
    sources.push(...b.sources);
    if (b.trusted) {
      trusted.push(b.body);
      policy.push(b.body);
    }
  }

  const transcript = history.map((m) => {
    const who = m.direction === 'in' ? 'Customer' : 'Shop';
    const body = m.kind === 'text' ? m.body : `[${m.kind}]${m.body ? ` ${m.body}` : ''}`;
    // The owner's own words are facts Lavka may repeat; the assistant's earlier words are not (no self-grounding).
    if (m.direction === 'out' && m.origin === 'owner') trusted.push(m.body);
    return `${who}: ${truncateToTokens(body.replace(/\s+/g, ' ').trim(), MESSAGE_TOKENS)}`;
  });
  // What CHAT holds (oldest first, customer text is data) is said once in the stable prefix, not re-read per call.
  parts.push(`CHAT\n${transcript.join('\n')}`);
  return { conversationId, contactId, text: parts.join('\n\n'), language, recentCustomer, lastInbound, trusted, policy, sources };
}

/** The messages after the last pause of SESSION_GAP_MS (a message's gap to the one before never changes: stable). */
export function currentVisit<T extends { createdAt: number }>(messages: T[]): T[] {
  let start = 0;
  for (let i = 1; i < messages.length; i++) if (messages[i].createdAt - messages[i - 1].createdAt > SESSION_GAP_MS) start = i;
  return start ? messages.slice(start) : messages;
}

function providerBlocks(s: ContextDeps, req: ContextRequest, placement: 'conversation' | 'turn') {
  const out: { text: string; body: string; trusted: boolean; sources: Source[] }[] = [];
  for (const p of s.assistant.contextProviders.list()) {
    if ((p.placement ?? 'turn') !== placement) continue;
    let block: ContextBlock | null = null;
    try {
      block = p.provide(req);
    } catch (err) {
      console.error(`[assistant] context provider ${p.id} failed`, err);
    }
    if (!block || !block.text.trim()) continue;
    const body = truncateToTokens(block.text.trim(), p.maxTokens ?? 200);
    out.push({ text: `${block.heading}\n${body}`, body, trusted: block.trusted, sources: block.sources });
  }
  return out;
}

/**
 * The messages of any model call about a conversation: [stable prefix, conversation state + this turn's part + `task`].
 * Order reading, summaries and reminders use this, so they differ from a reply only in the TASK line: the call after a
 * reply finds everything but that line in Ollama's cache, and leaves the conversation there for the next turn.
 */
export function conversationPrompt(s: ContextDeps, conversationId: number, task: string): ChatTurn[] {
  return buildTurnContext(s, conversationId, { taskText: task }).messages;
}

/**
 * The context for one reply turn. `task` only changes the closing TASK line: the prefix is the same for every call
 * and conversation, and the state the same for every call of this conversation, so Ollama reads them once.
 */
export function buildTurnContext(s: ContextDeps, conversationId: number, opts: { task?: Task; taskText?: string } = {}): TurnContext {
  const started = performance.now();
  const now = s.clock.now();
  const b = s.settings.get().business;
  const shopPolicies = s.knowledge.shopPolicies();
  const stable = stablePrefixOf(s);
  const prefix = stable.text;
  const state = buildConversationState(s, conversationId);
  const { recentCustomer, lastInbound, language } = state;

  const sources: Source[] = [...state.sources];
  const trustedParts: string[] = [stable.facts, ...state.trusted];
  const policyParts: string[] = [stable.facts, ...state.policy];
  const turn: string[] = [];

  for (const t of PROFILE_TOPICS) {
    if (t.re.test(recentCustomer) && t.field(b, shopPolicies).trim()) sources.push({ kind: 'profile', id: t.id, title: t.title });
  }

  const entries = s.knowledge.retrieve(recentCustomer || (lastInbound?.body ?? ''), KNOWLEDGE_LIMIT);
  const extra = entries.filter((e) => !stable.faqIds.has(e.id));
  if (extra.length) {
    // One line per entry, "[K7] question — answer": re-read by every call for this customer, so no Q:/A: labels.
    const lines = extra.map((e) => `[K${e.id}] ${truncateToTokens(e.title, 40)} — ${truncateToTokens(e.body, KNOWLEDGE_ENTRY_TOKENS)}`);
    turn.push(`FACTS\n${lines.join('\n')}`);
  }
  for (const e of entries) {
    sources.push({ kind: 'knowledge', id: `K${e.id}`, title: e.title });
    trustedParts.push(`${e.title}\n${e.body}`);
    policyParts.push(e.body);
  }

  const req: ContextRequest = { conversationId, contactId: state.contactId, customerText: recentCustomer, language, now };
  for (const block of providerBlocks(s, req, 'turn')) {
    turn.push(block.text);
    sources.push(...block.sources);
    if (block.trusted) {
      trustedParts.push(block.body);
      policyParts.push(block.body);
    }
  }

  // The minutes change every minute: they come last, after everything a call a minute later still finds in the cache.
  const clock = shopClock(b, now);
  turn.push(clock.time);
  // Grounding keeps the year: a reply that names the date in full is still backed by it.
  trustedParts.push(`${clock.now} Year: ${clock.year}.`);

  // The day line is the same for every customer (see ShopClock): before the customer, it stays cached between them.
  const variable = `${clock.day}\n\n${state.text}\n\n${turn.join('\n\n')}`;
  const user = `${variable}\n\n${opts.taskText ?? taskLine(opts.task ?? 'suggest', language)}`;
  const prefixTokens = estimateTokens(prefix) + TOKENS_PER_MESSAGE;
  const variableTokens = estimateTokens(user) + TOKENS_PER_MESSAGE;
  return {
    conversationId,
    contactId: state.contactId,
    language,
    messages: [
      { role: 'system', content: prefix },
      { role: 'user', content: user },
    ],
    prefix,
    variable,
    sources,
    grounding: {
      trusted: trustedParts.join('\n'),
      policies: policyParts.join('\n'),
      customer: recentCustomer,
      language,
    },
    lastInbound,
    tokens: { prefix: prefixTokens, variable: variableTokens, total: prefixTokens + variableTokens },
    buildMs: performance.now() - started,
  };
}
