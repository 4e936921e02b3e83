// Optional: the assistant rewrites a due reminder in a warmer, personal way. The rewrite passes the same guardrails
// as an Auto reply (no invented prices, dates, links or promises, right language, not claiming to be human);
// anything that fails, times out or cannot reach the model falls back to the owner's own text.
import type { Clock } from '../clock';
import type { ChatModel, ChatTurn } from '../assistant/chat-model';
import { reminderTask } from '../assistant/prompts';
import { checkReply, type Grounding } from '../assistant/guardrails';
import { languageName } from '../assistant/language';

export interface PersonaliserDeps {
  model(): ChatModel;
  /** What Lavka vouches for in this conversation (profile, policies, knowledge, the owner's words). */
  grounding(conversationId: number): Grounding;
  /** The assistant's shared layout ([stable prefix, conversation state + task]), so rewording reuses Ollama's cache. */
  prompt?(conversationId: number, task: string): ChatTurn[];
  clock: Clock;
  timeoutMs?: number;
}

export type PersonaliseResult = { ok: true; text: string } | { ok: false; reason: string };

const MAX_CHARS = 600;

export class ReminderPersonaliser {
  constructor(private readonly d: PersonaliserDeps) {}

  async personalise(input: { conversationId: number; text: string; language: string; contactName: string }): Promise<PersonaliseResult> {
    let grounding: Grounding;
    try {
      grounding = this.d.grounding(input.conversationId);
    } catch (err) {
      return { ok: false, reason: err instanceof Error ? err.message : String(err) };
    }
    const controller = new AbortController();
    const timer = this.d.clock.setTimeout(() => controller.abort(), this.d.timeoutMs ?? 60_000);
    let reply: string;
    try {
      const r = await this.d.model().chat({
        purpose: 'reminder',
        conversationId: input.conversationId,
        signal: controller.signal,
        messages: this.d.prompt
          ? this.d.prompt(input.conversationId, reminderTask(input.language, input.contactName, input.text, MAX_CHARS))
          : [
              {
                role: 'system',
                content:
                  'You rewrite a reminder that a small shop sends to a customer so it reads warm and personal. ' +
                  'Keep every fact exactly as written (names, order numbers, prices, dates, times). Add no new facts, offers, discounts, promises or links. ' +
                  `Write in ${languageName(input.language)}. At most ${MAX_CHARS} characters. Reply with the message text only.`,
              },
              { role: 'user', content: `Customer: ${input.contactName}\nReminder:\n${input.text}` },
            ],
      });
      reply = r.content.trim();
    } catch (err) {
      return { ok: false, reason: err instanceof Error ? err.message : String(err) };
    } finally {
      this.d.clock.clearTimeout(timer);
    }
    if (!reply || reply.length > MAX_CHARS) return { ok: false, reason: 'The rewrite was empty or too long' };
    // The owner's own reminder text is vouched for: its facts and promises may be repeated.
    const findings = checkReply(reply, {
      ...grounding,
      trusted: `${grounding.trusted}\n${input.text}`,
      policies: `${grounding.policies}\n${input.text}`,
      language: input.language,
    });
    if (findings.length > 0) return { ok: false, reason: findings.map((f) => f.detail).join('; ') };
    return { ok: true, text: reply };
  }
}
