// Auto mode's turn: other domains first (orders, opt-out), then either the model's free text checked by the guardrails,
// or — without free text — the model CHOOSES (intent, the owner's answers by id, products) and Lavka COMPOSES the
// reply from its own texts; whatever is not safe to send is held in Needs you.
import type { NewAudit } from '../db/repos/assistant-repo';
import type { Message } from '../inbox/types';
import type { AssistantDeps, BeforeAutoReply } from './deps';
import type { ChatModel } from './chat-model';
import { isOpenAt, type TurnContext } from './context';
import { CHOICE_JSON_SCHEMA, chooseMessages, parseChoice, translateMessages, type AnswerOption } from './choice';
import { composeReply, type AnswerSource, type CatalogFacts } from './compose';
import { MODEL_REPLY_JSON_SCHEMA, checkLoop, checkReply, parseModelReply } from './guardrails';
import { failureKind } from './ollama';
import { knowledgeEntry, type NeedsYou } from './needs-you';
import { auditBase, cleanDraft } from './records';
import { AUTO_DEBOUNCE_MS, FRESH_INBOUND_MS, type AssistantSettings } from './settings';
import { customerText as render } from '../../shared/i18n/customer-texts';
import { languageInfo } from '../../shared/languages';
import { lexiconLanguages, looksUncovered } from '../../shared/lexicon';
import { describeWeek } from '../../shared/opening-hours';
import type { Finding, ModeInfo, QueueItem } from './types';

/** What an Auto turn uses of the assistant service. */
export interface AutoTurnHost {
  readonly d: AssistantDeps;
  readonly model: ChatModel;
  readonly needsYou: NeedsYou;
  /** Auto runs in flight, by conversation (aborted when the owner steps in or a newer message arrives). */
  readonly autoRuns: Map<number, AbortController>;
  readonly shutdown: AbortSignal;
  stopped(): boolean;
  settings(): AssistantSettings;
  modeInfo(conversationId: number): ModeInfo;
  context(conversationId: number, task: 'suggest' | 'auto'): TurnContext;
  catalogFacts(): CatalogFacts | null;
  record(a: NewAudit): void;
}

export class AutoTurns {
  constructor(private readonly h: AutoTurnHost) {}

  private get d(): AssistantDeps {
    return this.h.d;
  }

  private get model(): ChatModel {
    return this.h.model;
  }

  private get needsYou(): NeedsYou {
    return this.h.needsYou;
  }

  private get autoRuns(): Map<number, AbortController> {
    return this.h.autoRuns;
  }

  /** The model could not be asked (Ollama down, no model, an error): the customer's message waits in Needs you. */
  private holdModelFailure(conversationId: number, messageId: number, err: unknown): void {
    const kind = failureKind(err);
    const reason = kind === 'unreachable' || kind === 'no_model' ? 'assistant_unavailable' : 'model_error';
    this.needsYou.hold(conversationId, messageId, { reason, detail: err instanceof Error ? err.message : String(err) }, '', []);
  }

  /**
   * One model call of an Auto turn, registered as the conversation's run (a newer message or the owner aborts it).
   * A failure waits in Needs you; an answer that is stale by the time it comes (a newer message or an owner reply
   * arrived, or Lavka is stopping) is dropped. Undefined: nothing to go on with.
   */
  private async runModel<T>(conversationId: number, messageId: number, call: (signal: AbortSignal) => Promise<T>): Promise<T | undefined> {
    const controller = new AbortController();
    this.autoRuns.set(conversationId, controller);
    let out: T;
    try {
      out = await call(controller.signal);
    } catch (err) {
      if (!controller.signal.aborted) this.holdModelFailure(conversationId, messageId, err);
      return undefined;
    } finally {
      if (this.autoRuns.get(conversationId) === controller) this.autoRuns.delete(conversationId);
    }
    if (controller.signal.aborted || this.stopped) return undefined;
    return this.d.repos.assistant.recentTurns(conversationId, 1).at(-1)?.id === messageId ? out : undefined;
  }

  private get stopped(): boolean {
    return this.h.stopped();
  }

  private get catalogFacts(): CatalogFacts | null {
    return this.h.catalogFacts();
  }

  private settings(): AssistantSettings {
    return this.h.settings();
  }

  private modeInfo(conversationId: number): ModeInfo {
    return this.h.modeInfo(conversationId);
  }

  private context(conversationId: number, task: 'suggest' | 'auto'): TurnContext {
    return this.h.context(conversationId, task);
  }

  private record(a: NewAudit): void {
    this.h.record(a);
  }

  /** One Auto turn: decide, draft, check, then send or hold. */
  async autoTurn(conversationId: number, beforeReply: BeforeAutoReply): Promise<void> {
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

    if (await beforeReply({ conversationId, contactId, message, mode: 'auto' })) return;

    const open = this.d.repos.assistant.openItem(conversationId);
    // An escalated customer waits for the owner: the bot does not talk over them.
    if (open?.kind === 'escalation') return;

    if (message.kind !== 'text') {
      this.needsYou.hold(
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
      this.needsYou.hold(conversationId, message.id, loop, '', []);
      return;
    }

    if (!settings.autoFreeText) {
      await this.composedTurn(conversationId, message, open);
      return;
    }

    const got = await this.runModel(conversationId, message.id, async (signal) => {
      const ctx = this.context(conversationId, 'auto');
      const r = await this.model.chat({
        purpose: 'auto',
        messages: ctx.messages,
        format: MODEL_REPLY_JSON_SCHEMA,
        conversationId,
        signal,
        maxTokens: 400,
        temperature: 0.2,
      });
      return { ctx, raw: r.content };
    });
    if (!got) return;
    const { ctx, raw } = got;

    const parsed = parseModelReply(raw);
    if (!parsed.ok) {
      this.needsYou.hold(conversationId, message.id, parsed.finding, parsed.draft, ctx.sources);
      return;
    }
    const reply = parsed.value.reply.trim();
    const used = ctx.sources.filter((s) => parsed.value.facts_used.includes(s.id));
    const sources = used.length ? used : ctx.sources;
    if (parsed.escalation) {
      this.needsYou.escalate(
        conversationId,
        message,
        parsed.escalation,
        `The assistant read the message as: ${parsed.value.intent}`,
        'auto',
        reply,
      );
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
      this.needsYou.hold(conversationId, message.id, findings[0], reply, sources, findings.slice(1));
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
    const settings = this.settings();
    const got = await this.runModel(conversationId, message.id, async (signal) => {
      const ctx = this.context(conversationId, 'auto');
      const options = this.answerOptions(ctx);
      const offered: AnswerOption[] = [...options.values()].map((o) => ({ id: o.id, title: o.title }));
      const r = await this.model.chat({
        purpose: 'auto-choose',
        messages: chooseMessages(ctx, offered),
        format: CHOICE_JSON_SCHEMA,
        conversationId,
        signal,
        maxTokens: 500,
        temperature: 0.1,
      });
      return { ctx, options, raw: r.content };
    });
    if (!got) return;
    const { ctx, options, raw } = got;

    const parsed = parseChoice(raw);
    if (!parsed.ok) {
      this.needsYou.hold(conversationId, message.id, { reason: 'invalid_output', detail: parsed.detail }, parsed.draft, ctx.sources);
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
      this.needsYou.escalate(
        conversationId,
        message,
        composed.reason,
        `The assistant read the message as: ${choice.intent}`,
        'auto',
        draft,
      );
      return;
    }
    if (composed.kind === 'hold') {
      // Only what the assistant picked is named: a question nothing covers was based on nothing.
      this.needsYou.hold(conversationId, message.id, { reason: composed.reason, detail: composed.detail }, draft, sources);
      return;
    }
    if (composed.kind === 'translate') {
      const translated = await this.translate(ctx, composed.text, conversationId);
      if (this.stopped) return;
      const language = languageInfo(ctx.language)?.englishName ?? ctx.language;
      this.needsYou.hold(
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
      this.needsYou.hold(conversationId, message.id, findings[0], composed.text, sources, findings.slice(1));
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
        signal: this.h.shutdown,
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
        const e = knowledgeEntry(this.d.knowledge, src.id);
        if (e) out.set(src.id, { id: src.id, title: e.title, kind: 'owner', key: src.id, text: e.body });
      }
    }
    for (const e of this.d.knowledge.retrieve(ctx.grounding.customer, 3, ['policy'])) {
      out.set(`K${e.id}`, { id: `K${e.id}`, title: e.title, kind: 'owner', key: `K${e.id}`, text: e.body });
    }
    return out;
  }
}
