// The assistant: modes per conversation, streamed suggestions into the composer, Auto replies that pass the
// guardrails, the "Needs you" queue with escalations and handoff summaries, and the audit log.
// Reacts to fresh customer messages only: history arriving late (demo seeding, WhatsApp backfill) never triggers it.
import { clipCustomerText } from './limits';
import { randomUUID } from 'node:crypto';
import { AppError, notFound } from '../errors';
import type { InboundEvent } from '../inbox/service';
import type { NewAudit } from '../db/repos/assistant-repo';
import type { CatalogFacts } from './compose';
import type { ChatModel } from './chat-model';
import { ContextProviders, buildTurnContext, conversationPrompt, stablePrefixOf, type ContextDeps, type TurnContext } from './context';
import type { ChatTurn } from './chat-model';
import { checkReply, customerEscalation } from './guardrails';
import { OllamaConnection } from './ollama';
import { OllamaChatModel } from './ollama-chat';
import { AutoTurns } from './auto-turn';
import type { AssistantDeps, BeforeAutoReply } from './deps';
import { NeedsYou, type TranslationView } from './needs-you';
import { cleanDraft } from './records';
import {
  ASSISTANT_SETTINGS_KEY,
  AUTO_DEBOUNCE_MS,
  DEFAULT_ASSISTANT_SETTINGS,
  FRESH_INBOUND_MS,
  assistantSettingsSchema,
  type AssistantSettings,
  type Mode,
} from './settings';
import type { AssistantStatus, AuditEntry, DraftEvent, ModeInfo, QueueItem } from './types';

export type { AssistantDeps, BeforeAutoReply } from './deps';
export { ESCALATION_TEXT, type TranslationView } from './needs-you';
export { cleanDraft } from './records';

interface Suggestion extends DraftEvent {
  controller: AbortController;
}

export class AssistantService {
  readonly contextProviders = new ContextProviders();
  readonly connection: OllamaConnection;
  readonly model: ChatModel;
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
  private readonly needsYou: NeedsYou;
  private readonly auto: AutoTurns;

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
    this.needsYou = new NeedsYou({
      d,
      model: this.model,
      contextProviders: this.contextProviders,
      shutdown: this.shutdown.signal,
      settings: () => this.settings(),
      context: (id, task) => this.context(id, task),
      conversationPrompt: (id, task) => this.conversationPrompt(id, task),
      record: (a) => this.record(a),
      track: (p) => this.track(p),
      cancelAuto: (id) => this.cancelAuto(id),
    });
    this.auto = new AutoTurns({
      d,
      model: this.model,
      needsYou: this.needsYou,
      autoRuns: this.autoRuns,
      shutdown: this.shutdown.signal,
      stopped: () => this.stopped,
      settings: () => this.settings(),
      modeInfo: (id) => this.modeInfo(id),
      context: (id, task) => this.context(id, task),
      catalogFacts: () => this.catalogFacts,
      record: (a) => this.record(a),
    });
    // When the owner answers a conversation themselves, its "Needs you" item is done. Only the owner's own words
    // count: a reminder or an order-status notice sent in their name leaves an open refund escalation open.
    this.unsubscribe.push(
      d.domain.on('message.stored', ({ conversationId, message }) => {
        if (message.direction === 'out' && message.origin === 'owner') this.needsYou.ownerReplied(conversationId);
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

  /** The mode a fresh customer message is handled in; null when it is not handled (history, Off, stopped). */
  private arrivalMode(e: InboundEvent): Mode | null {
    const m = e.message;
    if (this.stopped || m.direction !== 'in') return null;
    // History (demo seeding, WhatsApp backfill, a phone that was offline for days) is never answered.
    if (Math.abs(this.d.clock.now() - m.createdAt) > FRESH_INBOUND_MS) return null;
    const mode = this.modeInfo(e.conversationId).effective;
    return mode === 'off' ? null : mode;
  }

  /** Inbound stage 'escalation': the customer asks for a person → Needs you. True when escalated (Auto stays quiet). */
  escalateOnArrival(e: InboundEvent): boolean {
    const mode = this.arrivalMode(e);
    const m = e.message;
    const esc = mode && m.kind === 'text' ? customerEscalation(clipCustomerText(m.body)) : null;
    if (!mode || !esc) return false;
    this.cancelAuto(e.conversationId);
    this.needsYou.escalate(e.conversationId, m, esc.reason, `The customer wrote “${esc.match}”`, mode);
    return true;
  }

  /** Inbound stage 'assistant': in Auto, schedules the turn. True when one was scheduled. */
  answerOnArrival(e: InboundEvent, beforeReply: BeforeAutoReply): boolean {
    if (this.arrivalMode(e) !== 'auto') return false;
    this.scheduleAuto(e.conversationId, beforeReply);
    return true;
  }

  private scheduleAuto(conversationId: number, beforeReply: BeforeAutoReply): void {
    this.cancelAuto(conversationId);
    const handle = this.d.clock.setTimeout(() => {
      this.autoTimers.delete(conversationId);
      this.track(this.auto.autoTurn(conversationId, beforeReply));
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

  // ----- Needs you (needs-you.ts) -----------------------------------------------------------------------------

  /**
   * A message that may be an opt-out ("stop sending me so much") waits for the owner in Needs you. Sending a reply
   * or dismissing it keeps the customer's reminders; recording the opt-out stops them.
   */
  flagOptOutQuestion(conversationId: number, messageId: number, said: string): void {
    this.needsYou.flagOptOutQuestion(conversationId, messageId, said);
  }

  queue(limit = 100): QueueItem[] {
    return this.needsYou.queue(limit);
  }

  /** The owner sends the (edited) draft, or dismisses the item. */
  resolve(id: number, action: 'send' | 'dismiss', text?: string): QueueItem {
    return this.needsYou.resolve(id, action, text);
  }

  /** The owner's answer a translation key names, as it reads now; null when it no longer exists. */
  ownerAnswerText(key: string): string | null {
    return this.needsYou.ownerAnswerText(key);
  }

  /** Every approved translation with the answer it belongs to; `current` is false once the owner edited the answer. */
  translations(): TranslationView[] {
    return this.needsYou.translations();
  }

  deleteTranslation(key: string, lang: string): void {
    this.needsYou.deleteTranslation(key, lang);
  }

  saveTranslation(key: string, lang: string, text: string, sourceText?: string | null): void {
    this.needsYou.saveTranslation(key, lang, text, sourceText === undefined ? undefined : sourceText);
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
        const state = e.payload.state;
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
