// The assistant: modes per conversation, streamed suggestions into the composer, Auto replies that pass the
// guardrails, the "Needs you" queue with escalations and handoff summaries, and the audit log.
// Reacts to fresh customer messages only: history arriving late (demo seeding, WhatsApp backfill) never triggers it.
import { clipCustomerText } from './limits';
import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock';
import { AppError, notFound } from '../errors';
import type { EventBus } from '../events';
import type { InboundEvent, InboxService } from '../inbox/service';
import type { Message } from '../inbox/types';
import type { KnowledgeService } from '../knowledge/service';
import type { SettingsService } from '../settings/service';
import type { AssistantRepo, NewAudit } from '../db/repos/assistant-repo';
import type { ContactsRepo } from '../db/repos/contacts-repo';
import type { ConversationsRepo } from '../db/repos/conversations-repo';
import type { MessagesRepo } from '../db/repos/messages-repo';
import type { TranslationsRepo } from '../db/repos/translations-repo';
import { CHOICE_JSON_SCHEMA, chooseMessages, parseChoice, translateMessages, type AnswerOption } from './choice';
import { composeReply, type AnswerSource, type CatalogFacts } from './compose';
import { handoffFacts, withModelSummary } from './handoff';
import { customerText as render } from '../../shared/i18n/customer-texts';
import { languageInfo } from '../../shared/languages';
import { lexiconLanguages, looksUncovered } from '../../shared/lexicon';
import { describeWeek } from '../../shared/opening-hours';
import type { ChatModel } from './chat-model';
import {
  ContextProviders,
  buildTurnContext,
  conversationPrompt,
  isOpenAt,
  stablePrefixOf,
  type ContextDeps,
  type TurnContext,
} from './context';
import type { ChatTurn } from './chat-model';
import { MODEL_REPLY_JSON_SCHEMA, checkLoop, checkReply, customerEscalation, parseModelReply } from './guardrails';
import { languageName } from './language';
import { OllamaChatModel, OllamaConnection, failureKind } from './ollama';
import { summaryTask } from './prompts';
import {
  ASSISTANT_SETTINGS_KEY,
  AUTO_DEBOUNCE_MS,
  DEFAULT_ASSISTANT_SETTINGS,
  DEFAULT_HOLDING_MESSAGES,
  FRESH_INBOUND_MS,
  assistantSettingsSchema,
  type AssistantSettings,
  type Mode,
} from './settings';
import { truncateToTokens } from './tokens';
import type { AssistantStatus, AuditEntry, DraftEvent, EscalationReason, Finding, ModeInfo, QueueItem, Source } from './types';

export interface TranslationView {
  /** "K12" or "policy:delivery". */
  key: string;
  /** The entry's question or the policy's name. */
  title: string;
  lang: string;
  text: string;
  approvedAt: number;
  /** false when the owner changed the answer since approving: it is not used until approved again. */
  current: boolean;
}

export interface AssistantDeps {
  clock: Clock;
  events: EventBus;
  env: Record<string, string | undefined>;
  settings: SettingsService;
  inbox: InboxService;
  knowledge: KnowledgeService;
  repos: {
    assistant: AssistantRepo;
    contacts: ContactsRepo;
    conversations: ConversationsRepo;
    messages: MessagesRepo;
    translations: TranslationsRepo;
  };
  /** Replaces the Ollama-backed model (tests of other domains); the connection is still used for status. */
  model?: ChatModel;
}

/** Another domain's chance to handle a fresh customer message in Auto mode before the generic reply (e.g. orders). */
export interface TurnHandler {
  id: string;
  /** Return true when it answered or queued something itself; the assistant then stays quiet for this message. */
  handle(turn: { conversationId: number; contactId: number; message: Message; mode: Mode }): boolean | Promise<boolean>;
}

export const ESCALATION_TEXT: Record<EscalationReason, string> = {
  asks_for_person: 'asks for a person',
  complaint: 'is complaining',
  payment_dispute: 'disputes a payment',
  refund: 'asks for a refund',
  legal: 'mentions legal action',
};

interface Suggestion extends DraftEvent {
  controller: AbortController;
}

export class AssistantService {
  readonly contextProviders = new ContextProviders();
  readonly connection: OllamaConnection;
  readonly model: ChatModel;
  private readonly turnHandlers: TurnHandler[] = [];
  private readonly resolvedListeners = new Set<(item: QueueItem) => void>();
  /** Prices and availability for composed replies; plugged in by the orders domain. */
  private catalogFacts: CatalogFacts | null = null;
  private readonly autoTimers = new Map<number, unknown>();
  private readonly autoRuns = new Map<number, AbortController>();
  private readonly pending = new Set<Promise<unknown>>();
  private readonly suggestions = new Map<number, Suggestion>();
  private readonly unsubscribe: (() => void)[] = [];
  private stopped = false;
  /** Aborts background model calls (handoff summaries) on shutdown, so closing never waits for a slow model. */
  private readonly shutdown = new AbortController();

  constructor(private readonly d: AssistantDeps) {
    this.connection = new OllamaConnection(() => this.settings(), d.env, d.clock, d.events);
    this.model =
      d.model ??
      new OllamaChatModel(
        this.connection,
        () => this.settings().model,
        d.clock,
        (a) => this.record(a),
      );
    this.unsubscribe.push(d.inbox.onInbound((e) => this.onInbound(e)));
    // When the owner answers a conversation themselves, its "Needs you" item is done. Only the owner's own words
    // count: a reminder or an order-status notice sent in their name leaves an open refund escalation open.
    this.unsubscribe.push(
      d.events.subscribe((e) => {
        if (e.type !== 'message.new') return;
        const { conversationId, message } = e.payload as { conversationId: number; message: Message };
        if (message.direction === 'out' && message.origin === 'owner') this.ownerReplied(conversationId);
      }),
    );
  }

  private get ctxDeps(): ContextDeps {
    return { clock: this.d.clock, settings: this.d.settings, knowledge: this.d.knowledge, repos: this.d.repos, assistant: this };
  }

  // ----- settings, status, modes -----------------------------------------------------------------------------

  settings(): AssistantSettings {
    return this.d.settings.section(ASSISTANT_SETTINGS_KEY, assistantSettingsSchema, DEFAULT_ASSISTANT_SETTINGS);
  }

  saveSettings(patch: Partial<AssistantSettings>): AssistantSettings {
    const next = this.d.settings.setSection(ASSISTANT_SETTINGS_KEY, assistantSettingsSchema, { ...this.settings(), ...patch });
    this.connection.invalidate();
    // Paused: an auto-reply already waiting for its moment does not go out either.
    if (next.autoPaused) for (const conversationId of [...this.autoTimers.keys()]) this.cancelAuto(conversationId);
    return next;
  }

  status(force = false): Promise<AssistantStatus> {
    return this.connection.status(force);
  }

  modeInfo(conversationId: number): ModeInfo {
    const override = this.d.repos.assistant.mode(conversationId) ?? null;
    const settings = this.settings();
    const chosen = override ?? settings.defaultMode;
    // Paused by the owner: nothing goes out by itself, but drafts still help (Auto acts as Suggest).
    return {
      conversationId,
      override,
      effective: chosen === 'auto' && settings.autoPaused ? 'suggest' : chosen,
      paused: settings.autoPaused,
    };
  }

  setMode(conversationId: number, mode: Mode | null): ModeInfo {
    if (this.d.repos.conversations.contactId(conversationId) === undefined) throw notFound('Conversation', conversationId);
    this.d.repos.assistant.setMode(conversationId, mode, this.d.clock.now());
    const info = this.modeInfo(conversationId);
    if (info.effective !== 'auto') this.cancelAuto(conversationId);
    if (info.effective === 'off') this.cancelSuggestion(conversationId);
    this.d.events.emit('assistant.mode', info);
    return info;
  }

  setCatalogFacts(facts: CatalogFacts | null): void {
    this.catalogFacts = facts;
  }

  addTurnHandler(h: TurnHandler): () => void {
    this.turnHandlers.push(h);
    return () => {
      const i = this.turnHandlers.indexOf(h);
      if (i >= 0) this.turnHandlers.splice(i, 1);
    };
  }

  /** The context the model would read for this conversation now (for the bench and the "why" view). */
  context(conversationId: number, task: 'suggest' | 'auto' = 'suggest'): TurnContext {
    if (this.d.repos.conversations.contactId(conversationId) === undefined) throw notFound('Conversation', conversationId);
    return buildTurnContext(this.ctxDeps, conversationId, { task });
  }

  /** Whether a model can be asked at all (one is picked, or a stand-in was given): no point building prompts otherwise. */
  hasModel(): boolean {
    return this.d.model !== undefined || !!this.settings().model;
  }

  /** The stable prefix every model call starts with (identical for all customers and call types). */
  stablePrefix(): string {
    return stablePrefixOf(this.ctxDeps).text;
  }

  /**
   * Messages for any model call about a conversation — [stable prefix, the conversation's state, then `task`] — so
   * the call shares Ollama's cache with replies. Other domains (orders, reminders, Auto's choices) use this.
   */
  conversationPrompt(conversationId: number, task: string): ChatTurn[] {
    if (this.d.repos.conversations.contactId(conversationId) === undefined) throw notFound('Conversation', conversationId);
    return conversationPrompt(this.ctxDeps, conversationId, task);
  }

  // ----- suggestions -----------------------------------------------------------------------------------------

  /**
   * Starts (or reuses) a suggested reply for the newest customer message. Tokens stream as 'assistant.draft'
   * events; the returned draft is the state right now. regenerate=true always starts a fresh one.
   */
  suggest(conversationId: number, regenerate = false): DraftEvent {
    const ctx = this.context(conversationId, 'suggest');
    if (this.modeInfo(conversationId).effective === 'off') throw new AppError('conflict', 'The assistant is off for this conversation');
    const forMessageId = ctx.lastInbound?.id ?? null;
    const cur = this.suggestions.get(conversationId);
    if (!regenerate && cur && cur.forMessageId === forMessageId && !cur.error) return snapshot(cur);
    cur?.controller.abort();

    const s: Suggestion = {
      conversationId,
      requestId: randomUUID(),
      text: '',
      done: false,
      sources: ctx.sources,
      warnings: [],
      error: null,
      forMessageId,
      controller: new AbortController(),
    };
    this.suggestions.set(conversationId, s);
    const emit = () => {
      if (this.suggestions.get(conversationId) === s) this.d.events.emit('assistant.draft', snapshot(s));
    };
    emit();
    const run = this.model
      .chat({
        purpose: 'suggest',
        messages: ctx.messages,
        conversationId,
        signal: s.controller.signal,
        onToken: (t) => {
          s.text += t;
          emit();
        },
      })
      .then((r) => {
        s.text = cleanDraft(r.content);
        // The owner decides, but sees what Auto would have objected to before sending.
        s.warnings = s.text ? checkReply(s.text, ctx.grounding) : [];
        if (!s.text) s.error = 'The model returned an empty suggestion. Try Regenerate.';
      })
      .catch((err: unknown) => {
        if (s.controller.signal.aborted) return;
        s.error = err instanceof Error ? err.message : String(err);
      })
      .finally(() => {
        if (s.controller.signal.aborted && !s.error) s.error = null;
        s.done = true;
        emit();
      });
    this.track(run);
    return snapshot(s);
  }

  cancelSuggestion(conversationId: number): void {
    const s = this.suggestions.get(conversationId);
    if (!s || s.done) return;
    s.controller.abort();
  }

  // ----- inbound → escalation / auto ---------------------------------------------------------------------------

  private async onInbound(e: InboundEvent): Promise<void> {
    const m = e.message;
    if (this.stopped || m.direction !== 'in') return;
    const now = this.d.clock.now();
    // History (demo seeding, WhatsApp backfill, a phone that was offline for days) is never answered.
    if (Math.abs(now - m.createdAt) > FRESH_INBOUND_MS) return;
    const mode = this.modeInfo(e.conversationId).effective;
    if (mode === 'off') return;
    const esc = m.kind === 'text' ? customerEscalation(clipCustomerText(m.body)) : null;
    if (esc) {
      this.cancelAuto(e.conversationId);
      this.escalate(e.conversationId, m, esc.reason, `The customer wrote “${esc.match}”`, mode);
      return;
    }
    if (mode === 'auto') this.scheduleAuto(e.conversationId);
  }

  private scheduleAuto(conversationId: number): void {
    this.cancelAuto(conversationId);
    const handle = this.d.clock.setTimeout(() => {
      this.autoTimers.delete(conversationId);
      this.track(this.autoTurn(conversationId));
    }, AUTO_DEBOUNCE_MS);
    this.autoTimers.set(conversationId, handle);
  }

  private cancelAuto(conversationId: number): void {
    const t = this.autoTimers.get(conversationId);
    if (t !== undefined) this.d.clock.clearTimeout(t);
    this.autoTimers.delete(conversationId);
    this.autoRuns.get(conversationId)?.abort();
    this.autoRuns.delete(conversationId);
  }

  /** One Auto turn: decide, draft, check, then send or hold. */
  private async autoTurn(conversationId: number): Promise<void> {
    if (this.stopped || this.modeInfo(conversationId).effective !== 'auto') return;
    const settings = this.settings();
    const turns = this.d.repos.assistant.recentTurns(conversationId, 40);
    const last = turns.at(-1);
    // Someone (the owner) already answered while we waited.
    if (!last || last.direction !== 'in') return;
    const message = this.d.repos.messages.get(last.id);
    const contactId = this.d.repos.conversations.contactId(conversationId);
    if (!message || contactId === undefined) return;
    if (this.d.clock.now() - message.createdAt > FRESH_INBOUND_MS + AUTO_DEBOUNCE_MS) return;

    for (const h of this.turnHandlers) {
      try {
        if (await h.handle({ conversationId, contactId, message, mode: 'auto' })) return;
      } catch (err) {
        console.error(`[assistant] turn handler ${h.id} failed`, err);
      }
    }

    const open = this.d.repos.assistant.openItem(conversationId);
    // An escalated customer waits for the owner: the bot does not talk over them.
    if (open?.kind === 'escalation') return;

    if (message.kind !== 'text') {
      this.hold(
        conversationId,
        message.id,
        { reason: 'not_text', detail: `The customer sent a ${message.kind}; Lavka cannot read it` },
        '',
        [],
      );
      return;
    }
    const loop = checkLoop(turns, settings.maxAutoInRow);
    if (loop) {
      this.hold(conversationId, message.id, loop, '', []);
      return;
    }

    if (!settings.autoFreeText) {
      await this.composedTurn(conversationId, message, open);
      return;
    }

    const controller = new AbortController();
    this.autoRuns.set(conversationId, controller);
    let ctx: TurnContext;
    let raw: string;
    try {
      ctx = this.context(conversationId, 'auto');
      const r = await this.model.chat({
        purpose: 'auto',
        messages: ctx.messages,
        format: MODEL_REPLY_JSON_SCHEMA,
        conversationId,
        signal: controller.signal,
        maxTokens: 400,
        temperature: 0.2,
      });
      raw = r.content;
    } catch (err) {
      if (controller.signal.aborted) return;
      const msg = err instanceof Error ? err.message : String(err);
      const kind = failureKind(err);
      const unavailable = kind === 'unreachable' || kind === 'no_model';
      this.hold(conversationId, message.id, { reason: unavailable ? 'assistant_unavailable' : 'model_error', detail: msg }, '', []);
      return;
    } finally {
      if (this.autoRuns.get(conversationId) === controller) this.autoRuns.delete(conversationId);
    }
    if (controller.signal.aborted || this.stopped) return;
    // A newer message or an owner reply arrived while the model was writing: this answer is stale.
    if (this.d.repos.assistant.recentTurns(conversationId, 1).at(-1)?.id !== message.id) return;

    const parsed = parseModelReply(raw);
    if (!parsed.ok) {
      this.hold(conversationId, message.id, parsed.finding, parsed.draft, ctx.sources);
      return;
    }
    const reply = parsed.value.reply.trim();
    const used = ctx.sources.filter((s) => parsed.value.facts_used.includes(s.id));
    const sources = used.length ? used : ctx.sources;
    if (parsed.escalation) {
      this.escalate(conversationId, message, parsed.escalation, `The assistant read the message as: ${parsed.value.intent}`, 'auto', reply);
      return;
    }
    const findings: Finding[] = checkReply(reply, ctx.grounding);
    if (!(lexiconLanguages() as string[]).includes(ctx.language) || looksUncovered(ctx.grounding.customer)) {
      findings.unshift({
        reason: 'language_not_covered',
        detail: `The customer writes in a language Lavka has no texts for (${ctx.language}); Auto sends nothing in it`,
      });
    }
    if (parsed.value.needs_human)
      findings.push({ reason: 'model_unsure', detail: 'The assistant was not sure its facts answer the question' });
    const openNow = isOpenAt(this.d.settings.get().business, this.d.clock.now());
    if ((settings.autoHours === 'open' && !openNow) || (settings.autoHours === 'closed' && openNow)) {
      findings.unshift({
        reason: 'outside_hours',
        detail: settings.autoHours === 'open' ? 'Auto only sends while the shop is open' : 'Auto only sends while the shop is closed',
      });
    }
    if (open)
      findings.push({ reason: open.reason as Finding['reason'], detail: 'An earlier reply in this conversation is still waiting for you' });
    if (findings.length) {
      this.hold(conversationId, message.id, findings[0], reply, sources, findings.slice(1));
      return;
    }
    const sent = this.d.inbox.send(conversationId, reply, { author: 'assistant' });
    this.record({
      ...auditBase(this.d.clock.now(), conversationId, 'auto_sent'),
      messageId: sent.id,
      detail: JSON.stringify({ reply, intent: parsed.value.intent, sources: sources.map((s) => s.id) }),
    });
  }

  /**
   * Auto without free text: the model chooses (intent, the owner's answers by id, the products the customer named),
   * Lavka composes the reply from its own texts and the owner's answers, and sends it — or holds it with the model's
   * draft, or asks the owner to approve the first translation of an answer into the customer's language.
   */
  private async composedTurn(conversationId: number, message: Message, open: QueueItem | undefined): Promise<void> {
    const controller = new AbortController();
    this.autoRuns.set(conversationId, controller);
    const settings = this.settings();
    let ctx: TurnContext;
    let options: Map<string, AnswerSource>;
    let raw: string;
    try {
      ctx = this.context(conversationId, 'auto');
      options = this.answerOptions(ctx);
      const offered: AnswerOption[] = [...options.values()].map((o) => ({ id: o.id, title: o.title }));
      const r = await this.model.chat({
        purpose: 'auto-choose',
        messages: chooseMessages(ctx, offered),
        format: CHOICE_JSON_SCHEMA,
        conversationId,
        signal: controller.signal,
        maxTokens: 500,
        temperature: 0.1,
      });
      raw = r.content;
    } catch (err) {
      if (controller.signal.aborted) return;
      const kind = failureKind(err);
      const unavailable = kind === 'unreachable' || kind === 'no_model';
      this.hold(
        conversationId,
        message.id,
        { reason: unavailable ? 'assistant_unavailable' : 'model_error', detail: err instanceof Error ? err.message : String(err) },
        '',
        [],
      );
      return;
    } finally {
      if (this.autoRuns.get(conversationId) === controller) this.autoRuns.delete(conversationId);
    }
    if (controller.signal.aborted || this.stopped) return;
    if (this.d.repos.assistant.recentTurns(conversationId, 1).at(-1)?.id !== message.id) return;

    const parsed = parseChoice(raw);
    if (!parsed.ok) {
      this.hold(conversationId, message.id, { reason: 'invalid_output', detail: parsed.detail }, parsed.draft, ctx.sources);
      return;
    }
    const choice = parsed.value;
    const draft = choice.draft.trim();
    const app = this.d.settings.get();
    const composed = composeReply({
      choice,
      customerText: ctx.grounding.customer,
      language: ctx.language,
      shopLanguage: app.preferences.replyLanguage,
      options,
      translation: (key, lang, sourceText) => {
        const t = this.d.repos.translations.get(key, lang);
        return t && t.sourceText === sourceText ? t.text : null;
      },
      catalog: this.catalogFacts,
    });
    const sources = ctx.sources.filter((src) => choice.answers.includes(src.id));
    if (composed.kind === 'escalate') {
      this.escalate(conversationId, message, composed.reason, `The assistant read the message as: ${choice.intent}`, 'auto', draft);
      return;
    }
    if (composed.kind === 'hold') {
      // Only what the assistant picked is named: a question nothing covers was based on nothing.
      this.hold(conversationId, message.id, { reason: composed.reason, detail: composed.detail }, draft, sources);
      return;
    }
    if (composed.kind === 'translate') {
      const translated = await this.translate(ctx, composed.text, conversationId);
      if (this.stopped) return;
      const language = languageInfo(ctx.language)?.englishName ?? ctx.language;
      this.hold(
        conversationId,
        message.id,
        {
          reason: 'needs_translation',
          detail: `First use of your answer “${composed.title}” in ${language}. Check the translation and send it: Lavka keeps it with the answer and uses it automatically next time.`,
        },
        translated,
        [{ kind: 'translation', id: `${composed.key}@${ctx.language}`, title: composed.title }],
      );
      return;
    }
    const findings: Finding[] = [];
    const openNow = isOpenAt(app.business, this.d.clock.now());
    if ((settings.autoHours === 'open' && !openNow) || (settings.autoHours === 'closed' && openNow)) {
      findings.push({
        reason: 'outside_hours',
        detail: settings.autoHours === 'open' ? 'Auto only sends while the shop is open' : 'Auto only sends while the shop is closed',
      });
    }
    if (open)
      findings.push({ reason: open.reason as Finding['reason'], detail: 'An earlier reply in this conversation is still waiting for you' });
    if (findings.length) {
      this.hold(conversationId, message.id, findings[0], composed.text, sources, findings.slice(1));
      return;
    }
    const sent = this.d.inbox.send(conversationId, composed.text, { author: 'assistant' });
    this.record({
      ...auditBase(this.d.clock.now(), conversationId, 'auto_sent'),
      messageId: sent.id,
      detail: JSON.stringify({ reply: composed.text, intent: choice.intent, composedFrom: composed.used }),
    });
  }

  /** The model's translation of an owner's answer, as a draft for the owner; the original when the model fails. */
  private async translate(ctx: TurnContext, text: string, conversationId: number): Promise<string> {
    try {
      const r = await this.model.chat({
        purpose: 'translate',
        messages: translateMessages(ctx, text, ctx.language),
        conversationId,
        signal: this.shutdown.signal,
        maxTokens: 400,
        temperature: 0.1,
      });
      return cleanDraft(r.content).slice(0, 2000) || text;
    } catch {
      return text;
    }
  }

  /**
   * The answers the model may pick for this turn: the topics the message is about (hours, address, phone — rendered
   * by Lavka in the customer's language; delivery, payment, returns — the owner's policies) and the owner's entries
   * that retrieval ranks at the top for it. Nothing else can end up in a composed reply.
   */
  private answerOptions(ctx: TurnContext): Map<string, AnswerSource> {
    const b = this.d.settings.get().business;
    const policies = this.d.knowledge.shopPolicies();
    const lang = ctx.language;
    const locale = languageInfo(lang)?.locale ?? 'en';
    const out = new Map<string, AnswerSource>();
    for (const src of ctx.sources) {
      if (src.kind === 'profile') {
        if (src.id === 'hours')
          out.set('hours', {
            id: 'hours',
            title: src.title,
            kind: 'lavka',
            text: render(lang, 'auto:hours', { hours: describeWeek(b.openingHours, locale, render(lang, 'auto:closed')) }),
          });
        else if (src.id === 'address' && b.address.trim())
          out.set('address', {
            id: 'address',
            title: src.title,
            kind: 'lavka',
            text: render(lang, 'auto:address', { address: b.address.trim() }),
          });
        else if (src.id === 'phone' && b.phone.trim())
          out.set('phone', { id: 'phone', title: src.title, kind: 'lavka', text: render(lang, 'auto:phone', { phone: b.phone.trim() }) });
        else if ((src.id === 'delivery' || src.id === 'payment' || src.id === 'returns') && policies[src.id].trim()) {
          out.set(src.id, { id: src.id, title: src.title, kind: 'owner', key: `policy:${src.id}`, text: policies[src.id].trim() });
        }
      } else if (src.kind === 'knowledge') {
        const e = this.knowledgeEntry(src.id);
        if (e) out.set(src.id, { id: src.id, title: e.title, kind: 'owner', key: src.id, text: e.body });
      }
    }
    for (const e of this.d.knowledge.retrieve(ctx.grounding.customer, 3, ['policy'])) {
      out.set(`K${e.id}`, { id: `K${e.id}`, title: e.title, kind: 'owner', key: `K${e.id}`, text: e.body });
    }
    return out;
  }

  private knowledgeEntry(sourceId: string): { title: string; body: string } | null {
    const n = Number(sourceId.slice(1));
    if (!sourceId.startsWith('K') || !Number.isInteger(n)) return null;
    try {
      return this.d.knowledge.get(n);
    } catch {
      return null;
    }
  }

  // ----- Needs you ---------------------------------------------------------------------------------------------

  private hold(conversationId: number, triggerMessageId: number, f: Finding, draft: string, sources: Source[], more: Finding[] = []): void {
    const detail = [f.detail, ...more.map((x) => x.detail)].join('\n');
    this.d.repos.assistant.upsertOpen(
      { conversationId, triggerMessageId, kind: 'hold', reason: f.reason, detail, draft, summary: '', sources },
      this.d.clock.now(),
    );
    this.record({
      ...auditBase(this.d.clock.now(), conversationId, 'held'),
      reason: f.reason,
      messageId: triggerMessageId,
      detail: JSON.stringify({ detail, draft }),
    });
    this.emitQueue();
  }

  private escalate(conversationId: number, message: Message, reason: EscalationReason, detail: string, mode: Mode, draft = ''): void {
    const now = this.d.clock.now();
    const contactId = this.d.repos.conversations.contactId(conversationId)!;
    const contact = this.d.repos.contacts.get(contactId);
    const name = contact?.name ?? 'A customer';
    const before = this.d.repos.assistant.openItem(conversationId);
    const summary = this.handoffFacts(conversationId, contactId, `${name} ${ESCALATION_TEXT[reason]}.`);
    const { item } = this.d.repos.assistant.upsertOpen(
      { conversationId, triggerMessageId: message.id, kind: 'escalation', reason, detail, draft, summary, sources: [] },
      now,
    );
    this.record({ ...auditBase(now, conversationId, 'escalated'), reason, messageId: message.id, detail });
    const isNew = before?.kind !== 'escalation';
    if (isNew) {
      this.d.events.emit('ui.notify', {
        kind: 'escalation',
        title: `${name} needs you`,
        body: `${name} ${ESCALATION_TEXT[reason]}: “${truncateToTokens(message.body, 40)}”`,
        conversationId,
      });
      if (mode === 'auto') this.sendHoldingMessage(conversationId, message);
      this.track(this.summarize(item.id, conversationId, summary));
    }
    this.emitQueue();
  }

  private sendHoldingMessage(conversationId: number, message: Message): void {
    const ctx = this.context(conversationId, 'auto');
    const messages = { ...DEFAULT_HOLDING_MESSAGES, ...this.settings().holdingMessages };
    const fallback = this.d.settings.get().preferences.replyLanguage;
    const text = messages[ctx.language] ?? messages[fallback] ?? messages.en;
    try {
      const sent = this.d.inbox.send(conversationId, text, { author: 'assistant' });
      this.record({
        ...auditBase(this.d.clock.now(), conversationId, 'auto_sent'),
        reason: 'holding_message',
        messageId: sent.id,
        detail: JSON.stringify({ reply: text, for: message.id }),
      });
    } catch (err) {
      this.record({
        ...auditBase(this.d.clock.now(), conversationId, 'error'),
        reason: 'holding_message',
        detail: err instanceof Error ? err.message : String(err),
      });
    }
  }

  /** A 2–3 line handoff summary written by the model; the deterministic one stays if the model is unavailable. */
  /** Facts from the database for the handoff: the customer, their orders, the last three messages verbatim. */
  private handoffFacts(conversationId: number, contactId: number, headline: string): string {
    const ordersProvider = this.contextProviders.list().find((p) => p.id === 'orders');
    let orders: string | null = null;
    try {
      orders =
        ordersProvider?.provide({ conversationId, contactId, customerText: '', language: 'en', now: this.d.clock.now() })?.text ?? null;
    } catch {
      orders = null;
    }
    const last = this.d.repos.messages
      .recent(conversationId, 12)
      .filter((m) => m.channel !== 'system')
      .slice(-3);
    return handoffFacts({ headline, orders, last });
  }

  /** A 2–3 line summary by the model, added after the facts and marked as the model's; facts alone if it fails. */
  private async summarize(itemId: number, conversationId: number, facts: string): Promise<void> {
    const ui = this.d.settings.get().preferences.uiLanguage;
    try {
      const r = await this.model.chat({
        purpose: 'summary',
        conversationId,
        signal: this.shutdown.signal,
        // Nobody watches it appear: the draft the owner asks for right after the same message is written first.
        defer: true,
        maxTokens: 140,
        temperature: 0.2,
        messages: this.conversationPrompt(conversationId, summaryTask(languageName(ui.split('-')[0]))), // pt-BR → Portuguese
      });
      const text = r.content
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean)
        .slice(0, 3)
        .join('\n')
        .slice(0, 500);
      if (text && this.d.repos.assistant.get(itemId)?.state === 'open') {
        this.d.repos.assistant.setSummary(itemId, withModelSummary(facts, text), this.d.clock.now());
        this.emitQueue();
      }
    } catch {
      // The deterministic summary is already there; the failed call is in the audit log.
    }
  }

  /**
   * A message that may be an opt-out ("stop sending me so much") waits for the owner in Needs you. Sending a reply
   * or dismissing it keeps the customer's reminders; recording the opt-out stops them.
   */
  flagOptOutQuestion(conversationId: number, messageId: number, said: string): void {
    this.cancelAuto(conversationId);
    this.hold(
      conversationId,
      messageId,
      {
        reason: 'optout_unclear',
        detail: `The customer wrote “${said}”. It may mean “no more messages”: no reminder goes out until you decide. Answering them or dismissing this keeps their reminders.`,
      },
      '',
      [],
    );
  }

  /** Called with every Needs-you item the owner handles (sent, dismissed, or answered in the conversation). */
  onResolved(fn: (item: QueueItem) => void): () => void {
    this.resolvedListeners.add(fn);
    return () => this.resolvedListeners.delete(fn);
  }

  private resolved(id: number): void {
    const item = this.d.repos.assistant.get(id);
    if (!item) return;
    for (const fn of this.resolvedListeners) {
      try {
        fn(item);
      } catch (err) {
        console.error('[assistant] resolve listener failed', err);
      }
    }
  }

  queue(limit = 100): QueueItem[] {
    return this.d.repos.assistant.listOpen(limit);
  }

  /** The owner sends the (edited) draft, or dismisses the item. */
  resolve(id: number, action: 'send' | 'dismiss', text?: string): QueueItem {
    const item = this.d.repos.assistant.get(id);
    if (!item) throw notFound('Needs-you item', id);
    if (item.state !== 'open') throw new AppError('conflict', 'This item was already handled');
    if (action === 'send') {
      const body = (text ?? item.draft).trim();
      if (!body) throw new AppError('invalid_input', 'Write a reply before sending');
      // Resolve first: the owner's message below would otherwise resolve it as a side effect.
      this.d.repos.assistant.resolve(id, 'sent', this.d.clock.now());
      this.approveTranslation(item, body);
      this.d.inbox.send(item.conversationId, body, { author: 'owner' });
    } else {
      this.d.repos.assistant.resolve(id, 'dismissed', this.d.clock.now());
    }
    this.resolved(id);
    this.emitQueue();
    return this.d.repos.assistant.get(id)!;
  }

  /** Sending a translation item approves it: Lavka keeps it with the owner's answer and uses it from now on. */
  private approveTranslation(item: QueueItem, text: string): void {
    for (const src of item.sources) {
      if (src.kind !== 'translation') continue;
      const at = src.id.lastIndexOf('@');
      const key = src.id.slice(0, at);
      const lang = src.id.slice(at + 1);
      const source = this.ownerAnswerText(key);
      if (source !== null) this.saveTranslation(key, lang, text, source);
    }
  }

  /** The owner's answer a translation key names, as it reads now; null when it no longer exists. */
  ownerAnswerText(key: string): string | null {
    if (key.startsWith('policy:')) {
      const p = this.d.knowledge.shopPolicies()[key.slice(7) as 'delivery' | 'payment' | 'returns'];
      return p?.trim() || null;
    }
    return this.knowledgeEntry(key)?.body ?? null;
  }

  /** Every approved translation with the answer it belongs to; `current` is false once the owner edited the answer. */
  translations(): TranslationView[] {
    return this.d.repos.translations.list().map((t) => {
      const source = this.ownerAnswerText(t.sourceKey);
      const title = t.sourceKey.startsWith('policy:') ? t.sourceKey.slice(7) : (this.knowledgeEntry(t.sourceKey)?.title ?? t.sourceKey);
      return {
        key: t.sourceKey,
        title,
        lang: t.lang,
        text: t.text,
        approvedAt: t.approvedAt,
        current: source !== null && source === t.sourceText,
      };
    });
  }

  deleteTranslation(key: string, lang: string): void {
    if (!this.d.repos.translations.delete(key, lang)) throw notFound('Translation', `${key}/${lang}`);
    this.d.events.emit('knowledge.updated', {});
  }

  saveTranslation(key: string, lang: string, text: string, sourceText = this.ownerAnswerText(key)): void {
    if (sourceText === null) throw notFound('Answer', key);
    const body = text.trim();
    if (!body) throw new AppError('invalid_input', 'Write the translation before saving');
    this.d.repos.translations.save({ sourceKey: key, lang, sourceText, text: body, approvedAt: this.d.clock.now() });
    this.d.events.emit('knowledge.updated', {});
  }

  private ownerReplied(conversationId: number): void {
    const open = this.d.repos.assistant.openItem(conversationId);
    this.cancelAuto(conversationId);
    if (!open) return;
    this.d.repos.assistant.resolve(open.id, 'sent', this.d.clock.now());
    this.resolved(open.id);
    this.emitQueue();
  }

  private emitQueue(): void {
    this.d.events.emit('assistant.queue', { open: this.d.repos.assistant.countOpen() });
  }

  // ----- audit -------------------------------------------------------------------------------------------------

  record(a: NewAudit): void {
    try {
      this.d.repos.assistant.audit(a);
    } catch (err) {
      // The audit must never take a reply down with it (e.g. the conversation was deleted meanwhile).
      console.error('[assistant] audit write failed', err);
    }
  }

  audit(conversationId: number | null, limit = 200): AuditEntry[] {
    return this.d.repos.assistant.auditList(conversationId, limit);
  }

  // ----- warm-up ----------------------------------------------------------------------------------------------

  /**
   * Loads the model and reads the stable prefix into Ollama's cache in the background, so the first customer of the
   * day (or after Ollama restarted) does not wait for either. Skipped while any other call runs or waits.
   */
  async warmUp(): Promise<void> {
    if (this.stopped || !this.settings().model) return;
    if (this.model instanceof OllamaChatModel && !this.model.idle) return;
    try {
      await this.model.chat({
        purpose: 'warmup',
        messages: [
          { role: 'system', content: this.stablePrefix() },
          { role: 'user', content: '' },
        ],
        maxTokens: 1,
        temperature: 0,
        signal: this.shutdown.signal,
      });
    } catch {
      // Not running or no model: the status line says so; the audit log has the failed call.
    }
  }

  /** Warms the model up now (if Ollama answers) and whenever Ollama becomes ready again. */
  start(): void {
    if (!this.settings().model) return;
    let last: AssistantStatus['state'] | null = null;
    this.unsubscribe.push(
      this.d.events.subscribe((e) => {
        if (e.type !== 'assistant.status') return;
        const state = (e.payload as AssistantStatus).state;
        if (state === 'ready' && last !== 'ready') this.track(this.warmUp());
        last = state;
      }),
    );
    this.track(this.status(true));
  }

  // ----- lifecycle ---------------------------------------------------------------------------------------------

  private track(p: Promise<unknown>): void {
    const q = p.catch((err) => console.error('[assistant] background work failed', err)).finally(() => this.pending.delete(q));
    this.pending.add(q);
  }

  /** Resolves when no suggestion, auto turn or summary is running (tests, shutdown). Timers are not waited for. */
  async idle(): Promise<void> {
    for (;;) {
      // A deferred call (a handoff summary, order reading) would otherwise wait for a timer nobody advances.
      if (this.model instanceof OllamaChatModel) this.model.release();
      if (!this.pending.size) return;
      await Promise.all([...this.pending]);
    }
  }

  /** Deferred background calls (order reading) queue now instead of after their short wait. */
  flushDeferred(): void {
    if (this.model instanceof OllamaChatModel) this.model.flush();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.shutdown.abort();
    this.flushDeferred();
    for (const u of this.unsubscribe) u();
    for (const id of [...this.autoTimers.keys(), ...this.autoRuns.keys()]) this.cancelAuto(id);
    for (const s of this.suggestions.values()) s.controller.abort();
    this.connection.cancelPull();
    await this.idle();
  }
}

function snapshot(s: Suggestion): DraftEvent {
  return {
    conversationId: s.conversationId,
    requestId: s.requestId,
    text: s.text,
    done: s.done,
    sources: s.sources,
    warnings: s.warnings,
    error: s.error,
    forMessageId: s.forMessageId,
  };
}

/** Models sometimes wrap the message in quotes or label it; the owner should get just the text. */
export function cleanDraft(text: string): string {
  let t = text.trim();
  t = t.replace(/^(shop|reply|answer|ответ|магазин)\s*:\s*/i, '');
  if (/^["“«].*["”»]$/su.test(t)) t = t.slice(1, -1).trim();
  return t;
}

function auditBase(at: number, conversationId: number, event: NewAudit['event']): NewAudit {
  return {
    at,
    conversationId,
    event,
    purpose: null,
    model: null,
    promptTokens: null,
    outputTokens: null,
    latencyMs: null,
    promptEvalMs: null,
    evalMs: null,
    loadMs: null,
    reason: null,
    messageId: null,
    detail: '',
  };
}
