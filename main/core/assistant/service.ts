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
import type { ChatModel } from './chat-model';
import { ContextProviders, buildTurnContext, conversationPrompt, isOpenAt, stablePrefixOf, type ContextDeps, type TurnContext } from './context';
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

export interface AssistantDeps {
  clock: Clock;
  events: EventBus;
  env: Record<string, string | undefined>;
  settings: SettingsService;
  inbox: InboxService;
  knowledge: KnowledgeService;
  repos: { assistant: AssistantRepo; contacts: ContactsRepo; conversations: ConversationsRepo; messages: MessagesRepo };
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
    this.model = d.model ?? new OllamaChatModel(this.connection, () => this.settings().model, d.clock, (a) => this.record(a));
    this.unsubscribe.push(d.inbox.onInbound((e) => this.onInbound(e)));
    // When the owner answers a conversation themselves, its "Needs you" item is done.
    this.unsubscribe.push(
      d.events.subscribe((e) => {
        if (e.type !== 'message.new') return;
        const { conversationId, message } = e.payload as { conversationId: number; message: Message };
        if (message.direction === 'out' && message.author === 'owner') this.ownerReplied(conversationId);
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
    return next;
  }

  status(force = false): Promise<AssistantStatus> {
    return this.connection.status(force);
  }

  modeInfo(conversationId: number): ModeInfo {
    const override = this.d.repos.assistant.mode(conversationId) ?? null;
    return { conversationId, override, effective: override ?? this.settings().defaultMode };
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
      this.hold(conversationId, message.id, { reason: 'not_text', detail: `The customer sent a ${message.kind}; Lavka cannot read it` }, '', []);
      return;
    }
    const loop = checkLoop(turns, settings.maxAutoInRow);
    if (loop) {
      this.hold(conversationId, message.id, loop, '', []);
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
    if (parsed.value.needs_human) findings.push({ reason: 'model_unsure', detail: 'The assistant was not sure its facts answer the question' });
    const openNow = isOpenAt(this.d.settings.get().business, this.d.clock.now());
    if ((settings.autoHours === 'open' && !openNow) || (settings.autoHours === 'closed' && openNow)) {
      findings.unshift({
        reason: 'outside_hours',
        detail: settings.autoHours === 'open' ? 'Auto only sends while the shop is open' : 'Auto only sends while the shop is closed',
      });
    }
    if (open) findings.push({ reason: open.reason as Finding['reason'], detail: 'An earlier reply in this conversation is still waiting for you' });
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

  // ----- Needs you ---------------------------------------------------------------------------------------------

  private hold(conversationId: number, triggerMessageId: number, f: Finding, draft: string, sources: Source[], more: Finding[] = []): void {
    const detail = [f.detail, ...more.map((x) => x.detail)].join('\n');
    this.d.repos.assistant.upsertOpen({ conversationId, triggerMessageId, kind: 'hold', reason: f.reason, detail, draft, summary: '', sources }, this.d.clock.now());
    this.record({ ...auditBase(this.d.clock.now(), conversationId, 'held'), reason: f.reason, messageId: triggerMessageId, detail: JSON.stringify({ detail, draft }) });
    this.emitQueue();
  }

  private escalate(conversationId: number, message: Message, reason: EscalationReason, detail: string, mode: Mode, draft = ''): void {
    const now = this.d.clock.now();
    const contactId = this.d.repos.conversations.contactId(conversationId)!;
    const contact = this.d.repos.contacts.get(contactId);
    const name = contact?.name ?? 'A customer';
    const before = this.d.repos.assistant.openItem(conversationId);
    const summary = `${name} ${ESCALATION_TEXT[reason]}. Last message: “${truncateToTokens(message.body.replace(/\s+/g, ' '), 60)}”`;
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
      this.track(this.summarize(item.id, conversationId));
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
      this.record({ ...auditBase(this.d.clock.now(), conversationId, 'auto_sent'), reason: 'holding_message', messageId: sent.id, detail: JSON.stringify({ reply: text, for: message.id }) });
    } catch (err) {
      this.record({ ...auditBase(this.d.clock.now(), conversationId, 'error'), reason: 'holding_message', detail: err instanceof Error ? err.message : String(err) });
    }
  }

  /** A 2–3 line handoff summary written by the model; the deterministic one stays if the model is unavailable. */
  private async summarize(itemId: number, conversationId: number): Promise<void> {
    const ui = this.d.settings.get().preferences.uiLanguage;
    try {
      const r = await this.model.chat({
        purpose: 'summary',
        conversationId,
        signal: this.shutdown.signal,
        maxTokens: 140,
        temperature: 0.2,
        messages: this.conversationPrompt(conversationId, summaryTask(languageName(ui))),
      });
      const text = r.content
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean)
        .slice(0, 3)
        .join('\n')
        .slice(0, 500);
      if (text && this.d.repos.assistant.get(itemId)?.state === 'open') {
        this.d.repos.assistant.setSummary(itemId, text, this.d.clock.now());
        this.emitQueue();
      }
    } catch {
      // The deterministic summary is already there; the failed call is in the audit log.
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
      this.d.inbox.send(item.conversationId, body, { author: 'owner' });
    } else {
      this.d.repos.assistant.resolve(id, 'dismissed', this.d.clock.now());
    }
    this.emitQueue();
    return this.d.repos.assistant.get(id)!;
  }

  private ownerReplied(conversationId: number): void {
    const open = this.d.repos.assistant.openItem(conversationId);
    this.cancelAuto(conversationId);
    if (!open) return;
    this.d.repos.assistant.resolve(open.id, 'sent', this.d.clock.now());
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
    while (this.pending.size) await Promise.all([...this.pending]);
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
