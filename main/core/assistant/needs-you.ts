// "Needs you": what the assistant holds for the owner (a draft it may not send, an escalation with its handoff summary,
// an unclear opt-out), how the owner resolves it, and the translations of the owner's answers approved on the way.
import type { KnowledgeService } from '../knowledge/service';
import type { NewAudit } from '../db/repos/assistant-repo';
import type { Message } from '../inbox/types';
import type { AssistantDeps } from './deps';
import type { ChatModel } from './chat-model';
import type { ContextProviders, TurnContext } from './context';
import { AppError, notFound } from '../errors';
import { handoffFacts, withModelSummary } from './handoff';
import { languageName } from './language';
import { summaryTask } from './prompts';
import { DEFAULT_HOLDING_MESSAGES, type AssistantSettings, type Mode } from './settings';
import { truncateToTokens } from './tokens';
import { auditBase } from './records';
import type { EscalationReason, Finding, QueueItem, Source } from './types';
import type { ChatTurn } from './chat-model';

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

export const ESCALATION_TEXT: Record<EscalationReason, string> = {
  asks_for_person: 'asks for a person',
  complaint: 'is complaining',
  payment_dispute: 'disputes a payment',
  refund: 'asks for a refund',
  legal: 'mentions legal action',
};

/** What Needs you uses of the assistant service. */
export interface NeedsYouHost {
  readonly d: AssistantDeps;
  readonly model: ChatModel;
  readonly contextProviders: ContextProviders;
  /** Aborts background model calls (handoff summaries) on shutdown. */
  readonly shutdown: AbortSignal;
  settings(): AssistantSettings;
  context(conversationId: number, task: 'suggest' | 'auto'): TurnContext;
  conversationPrompt(conversationId: number, task: string): ChatTurn[];
  record(a: NewAudit): void;
  track(p: Promise<unknown>): void;
  cancelAuto(conversationId: number): void;
}

/** The owner's entry a "K12" source id names, or null. */
export function knowledgeEntry(knowledge: KnowledgeService, sourceId: string): { title: string; body: string } | null {
  const n = Number(sourceId.slice(1));
  if (!sourceId.startsWith('K') || !Number.isInteger(n)) return null;
  try {
    return knowledge.get(n);
  } catch {
    return null;
  }
}

export class NeedsYou {
  constructor(private readonly h: NeedsYouHost) {}

  private get d(): AssistantDeps {
    return this.h.d;
  }

  private get model(): ChatModel {
    return this.h.model;
  }

  private get contextProviders(): ContextProviders {
    return this.h.contextProviders;
  }

  private settings(): AssistantSettings {
    return this.h.settings();
  }

  private context(conversationId: number, task: 'suggest' | 'auto'): TurnContext {
    return this.h.context(conversationId, task);
  }

  private conversationPrompt(conversationId: number, task: string): ChatTurn[] {
    return this.h.conversationPrompt(conversationId, task);
  }

  private record(a: NewAudit): void {
    this.h.record(a);
  }

  private track(p: Promise<unknown>): void {
    this.h.track(p);
  }

  private cancelAuto(conversationId: number): void {
    this.h.cancelAuto(conversationId);
  }

  hold(conversationId: number, triggerMessageId: number, f: Finding, draft: string, sources: Source[], more: Finding[] = []): void {
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

  escalate(conversationId: number, message: Message, reason: EscalationReason, detail: string, mode: Mode, draft = ''): void {
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
        signal: this.h.shutdown,
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

  /** Tells other domains (opt-out) about every Needs-you item the owner handled. */
  private resolved(id: number): void {
    const item = this.d.repos.assistant.get(id);
    if (item) this.d.domain.emit({ type: 'needsYou.resolved', item });
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
    return knowledgeEntry(this.d.knowledge, key)?.body ?? null;
  }

  /** Every approved translation with the answer it belongs to; `current` is false once the owner edited the answer. */
  translations(): TranslationView[] {
    return this.d.repos.translations.list().map((t) => {
      const source = this.ownerAnswerText(t.sourceKey);
      const title = t.sourceKey.startsWith('policy:')
        ? t.sourceKey.slice(7)
        : (knowledgeEntry(this.d.knowledge, t.sourceKey)?.title ?? t.sourceKey);
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

  ownerReplied(conversationId: number): void {
    const open = this.d.repos.assistant.openItem(conversationId);
    this.cancelAuto(conversationId);
    if (!open) return;
    this.d.repos.assistant.resolve(open.id, 'sent', this.d.clock.now());
    this.resolved(open.id);
    this.emitQueue();
  }

  emitQueue(): void {
    this.d.events.emit('assistant.queue', { open: this.d.repos.assistant.countOpen() });
  }
}
