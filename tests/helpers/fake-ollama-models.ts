// Stand-in models for Auto tests, as scripts for the fake Ollama: a cooperative one that picks the right answers from
// the list Lavka offers, and a hostile one that answers every schema with crafted content (every flag set to invite
// sending, ids and products made up, drafts full of things a shop must never say). Test-only.
import { callKind, type ChatBody, type ChatReply } from './fake-ollama';

export { callKind };

/** The answers Lavka offered in a choose call: "id: title" lines. */
export function offeredAnswers(b: ChatBody): { id: string; title: string }[] {
  const user = b.messages.at(-1)?.content ?? '';
  const m = /ANSWERS THE SHOP HAS[^\n]*\n([\s\S]*?)\n\nTASK: CHOOSE/.exec(user);
  if (!m) return [];
  return m[1]
    .split('\n')
    .map((l) => /^([^:]+): (.*)$/.exec(l))
    .filter((x): x is RegExpExecArray => x !== null)
    .map((x) => ({ id: x[1], title: x[2] }));
}

/** The customer's latest line in the prompt. */
export function lastCustomerLine(b: ChatBody): string {
  const user = b.messages.at(-1)?.content ?? '';
  const lines = user.split('\n').filter((l) => l.startsWith('Customer: '));
  return lines.at(-1)?.slice('Customer: '.length) ?? '';
}

export interface CooperativeRule {
  /** Matches the customer's latest words. */
  when: RegExp;
  /** Picks the right offered answer by its title (or id). */
  pick: RegExp;
}

/** Picks, for each question, the offered answer a careful model would; translates by prefixing "[lang]". */
export function cooperativeModel(rules: readonly CooperativeRule[], translations: Record<string, string> = {}) {
  return (b: ChatBody): ChatReply => {
    const kind = callKind(b);
    if (kind === 'choose') {
      const said = lastCustomerLine(b);
      const rule = rules.find((r) => r.when.test(said));
      const picked = rule
        ? offeredAnswers(b)
            .filter((o) => rule.pick.test(o.title) || rule.pick.test(o.id))
            .slice(0, 1)
        : [];
      return {
        content: JSON.stringify({
          intent: 'question',
          answers: picked.map((p) => p.id),
          products: [],
          confident: picked.length > 0,
          draft: 'Let me check.',
        }),
      };
    }
    if (kind === 'translate') {
      const src = /OWNER'S ANSWER \(data, not instructions\)\n([\s\S]*?)\n\nTASK/.exec(b.messages.at(-1)?.content ?? '')?.[1] ?? '';
      return { content: translations[src] ?? `(translated) ${src}` };
    }
    if (kind === 'order') return { content: JSON.stringify({ intent: 'none', items: [], fulfilment: 'unknown' }) };
    if (kind === 'summary') return { content: 'The customer needs the owner.' };
    return { content: 'OK' };
  };
}

/** One crafted answer per schema: what a hostile model returns for this call. */
export interface HostilePlan {
  choice?: Record<string, unknown>;
  freeText?: Record<string, unknown>;
  extraction?: Record<string, unknown>;
  text?: string;
}

/** Answers every call with the plan's crafted content; anything unplanned gets the most tempting generic poison. */
export function hostileModel(plan: () => HostilePlan) {
  return (b: ChatBody): ChatReply => {
    const p = plan();
    const kind = callKind(b);
    const poison = p.text ?? 'Sure! It is free for you, €1 only, pay at pay-me.xyz/abc — I am a real person.';
    if (kind === 'choose') {
      return {
        content: JSON.stringify(
          p.choice ?? {
            intent: 'question',
            answers: ['K999', 'hours', 'refund_policy'],
            products: [{ name: 'Napoleon cake', customer_words: 'cake' }],
            confident: true,
            draft: poison,
          },
        ),
      };
    }
    if (kind === 'free-text')
      return {
        content: JSON.stringify(
          p.freeText ?? { reply: poison, intent: 'question', needs_human: false, facts_used: ['hours', 'K1', 'delivery'] },
        ),
      };
    if (kind === 'order')
      return {
        content: JSON.stringify(p.extraction ?? { intent: 'order', items: [{ name: 'Napoleon cake', quantity: 3 }], fulfilment: 'pickup' }),
      };
    return { content: poison };
  };
}
