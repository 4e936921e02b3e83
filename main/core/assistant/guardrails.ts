// Deterministic checks between the model and the customer. The model's output is untrusted text: these rules decide,
// and nothing the model writes (needs_human=false, "facts_used", flattering JSON) can turn a finding off.
// Pure functions: no I/O, no clock, so every rule is unit-tested with adversarial strings.
import { clipCustomerText } from './limits';
import { z } from 'zod';
import { findEscalation, lexiconLanguages, looksUncovered } from '../../shared/lexicon';
import { typedFindings } from './free-text-checks';
import { CYRILLIC_LANGS, detectLanguage, scriptOf } from './language';
import type { EscalationReason, Finding } from './types';
import { MAX_AUTO_REPLY_CHARS } from './settings';
import { checkFacts, type Grounding } from './fact-checks';

// The fact checks live in fact-checks.ts; callers import every rule from here.
export { checkFacts, extractFacts, type Grounding } from './fact-checks';

// ---------------------------------------------------------------------------------------------------------------
// Customer side: when a person must take over, whatever the model thinks.

const NB = '(?<![\\p{L}\\p{N}])'; // start of a word, for any script (\b is ASCII-only in JS)
const NA = '(?![\\p{L}\\p{N}])'; // end of a word
const rx = (body: string) => new RegExp(body, 'iu');

const ESCALATIONS: [EscalationReason, RegExp][] = [
  [
    'legal',
    rx(
      `lawyer|attorney|${NB}sue${NA}|${NB}suing|court|legal action|police|consumer protection|юрист|адвокат|${NB}(суд|суда|суде|судом|судебн\\p{L}*)(?!\\p{L})|полици|роспотребнадзор|прав\\p{L}* потребител|поліці|захист\\p{L}* прав спож|luật sư|${NB}kiện|công an|anwalt|gericht|verklag|polizei|verbraucherschutz`,
    ),
  ],
  [
    'payment_dispute',
    rx(
      `charged (me )?twice|double[- ]?charg|chargeback|overcharg|wrong amount|paid twice|списал\\p{L}* (дважды|два раза|лишн|двічі)|двойн\\p{L}* списан|оплатил\\p{L}* дважды|заплатил\\p{L}* дважды|двічі списал|bị trừ tiền|trừ tiền hai lần|doppelt (abgebucht|bezahlt|berechnet)|zu viel (abgebucht|berechnet)`,
    ),
  ],
  [
    'refund',
    rx(
      `refund|money back|(return|give) (me )?(back )?my money|верн\\p{L}* (мне |нам )?(мои )?деньги|возврат\\p{L}* (денег|средств)|вернуть деньги|поверн\\p{L}* (мені |нам )?(мої )?(гроші|кошти)|повернення (коштів|грошей)|hoàn tiền|trả lại tiền|geld zurück|erstattung|rückerstatt`,
    ),
  ],
  [
    'complaint',
    rx(
      `complain|complaint|terrible|awful|disgusting|unacceptable|${NB}worst|${NB}rude|mou?ldy|food poisoning|spoiled|жалоб|ужасн|отвратительн|безобраз|недовол|возмутительн|испорчен|плесен|отравил|скарг|жахлив|огидн|неприйнятн|зіпсован|пліснява|отруїв|khiếu nại|tệ quá|thất vọng|beschwer|unverschämt|schrecklich|verdorben|schimmel`,
    ),
  ],
  [
    'asks_for_person',
    rx(
      `(talk|speak|chat|write) (to|with) (a |the |an |some )?(real |actual |live )?(human|person|manager|owner|someone|somebody|staff|operator|agent)|${NB}(real|live|actual) (human|person)|human,? please|are you (a )?(bot|robot|human|real)|${NB}operator|${NB}manager|позов\\p{L}*|жив\\p{L}* (человек|оператор|людин)|с человеком|с оператором|${NB}оператор|менеджер|владельц|хозяин|хозяйк|${NB}ты бот|вы бот|з людиною|з оператором|власник|ти бот|ви бот|gặp (người|nhân viên|quản lý|chủ)|nói chuyện với (người|nhân viên|chủ)|mit (einem|einer) (menschen|mitarbeiter\\p{L}*)|menschen sprechen|sind sie ein bot`,
    ),
  ],
];

/**
 * The first escalation the customer's words call for, or null. Order matters: legal beats a plain complaint. The
 * phrase lexicons of every customer language (main/shared/locales/<lang>/lexicon.json) are read after the patterns
 * above, so "quiero hablar con una persona" or "saya mau bicara dengan manusia" reach the owner too.
 */
export function customerEscalation(text: string): { reason: EscalationReason; match: string } | null {
  for (const [reason, re] of ESCALATIONS) {
    const m = re.exec(text);
    if (m) return { reason, match: m[0] };
  }
  const hit = findEscalation(text);
  return hit ? { reason: hit.kind, match: hit.phrase } : null;
}

// ---------------------------------------------------------------------------------------------------------------
// Structured output from Auto mode.

export const INTENTS = [
  'question',
  'order',
  'greeting',
  'thanks',
  'complaint',
  'refund',
  'payment_dispute',
  'human',
  'legal',
  'other',
] as const;

export const modelReplySchema = z.object({
  reply: z.string().describe("The message to send to the customer, in the customer's language"),
  intent: z.enum(INTENTS).describe('What the customer wants'),
  needs_human: z.boolean().describe('true if the facts do not answer the question or a person should decide'),
  facts_used: z.array(z.string()).describe('Ids of the facts the reply relies on, e.g. "K3", "hours"'),
});
export type ModelReply = z.infer<typeof modelReplySchema>;

/** The JSON schema given to Ollama as `format`. */
export const MODEL_REPLY_JSON_SCHEMA = z.toJSONSchema(modelReplySchema) as Record<string, unknown>;

const INTENT_ESCALATION: Partial<Record<(typeof INTENTS)[number], EscalationReason>> = {
  complaint: 'complaint',
  refund: 'refund',
  payment_dispute: 'payment_dispute',
  human: 'asks_for_person',
  legal: 'legal',
};

/** Raw output larger than this is not a chat reply (runaway generation, a dumped prompt). */
const MAX_RAW_CHARS = 8_000;

export type ParsedReply =
  { ok: true; value: ModelReply; escalation: EscalationReason | null } | { ok: false; finding: Finding; draft: string };

/** Validates Auto-mode JSON. The model may make things safer (needs_human, a worrying intent) but never less safe. */
export function parseModelReply(raw: string): ParsedReply {
  if (raw.length > MAX_RAW_CHARS)
    return { ok: false, finding: { reason: 'too_long', detail: `The model wrote ${raw.length} characters` }, draft: '' };
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { ok: false, finding: { reason: 'invalid_output', detail: 'The model did not return valid JSON' }, draft: '' };
  }
  const parsed = modelReplySchema.safeParse(json);
  if (!parsed.success) {
    const draft = typeof (json as { reply?: unknown })?.reply === 'string' ? ((json as { reply: string }).reply ?? '') : '';
    const issue = parsed.error.issues[0];
    return {
      ok: false,
      finding: {
        reason: 'invalid_output',
        detail: `The model's answer broke the format (${issue.path.join('.') || 'root'}: ${issue.message})`,
      },
      draft: draft.slice(0, MAX_AUTO_REPLY_CHARS * 2),
    };
  }
  return { ok: true, value: parsed.data, escalation: INTENT_ESCALATION[parsed.data.intent] ?? null };
}

// ---------------------------------------------------------------------------------------------------------------
// Commitments: promises only a policy can back.

const DELIVERY_WORD = rx(`deliver|shipping|courier|доставк|доставл|доставим|курьер|кур'єр|giao hàng|vận chuyển|${NB}ship|liefer|versand`);
const FREE_WORD = rx(
  `${NB}free${NA}(?! of (nuts|gluten|sugar|lactose|dairy|charge for you))|for nothing|бесплатн|даром|безкоштовн|miễn phí|kostenlos|gratis|umsonst`,
);

function sentences(text: string): string[] {
  return text.split(/(?<=[.!?…])\s+|\n+/u).filter((x) => x.trim());
}

/** "Free" near a delivery word is a delivery promise; anywhere else it gives something away. Checked per sentence. */
function freeIn(text: string, delivery: boolean): string | null {
  for (const sentence of sentences(text)) {
    if (DELIVERY_WORD.test(sentence) !== delivery) continue;
    const m = FREE_WORD.exec(sentence);
    if (m) return m[0];
  }
  return null;
}

const fromRx = (re: RegExp) => (text: string) => re.exec(text)?.[0] ?? null;

const COMMITMENTS: { label: string; reason: Finding['reason']; find: (text: string) => string | null }[] = [
  {
    label: 'a refund',
    reason: 'unsupported_commitment',
    find: fromRx(
      rx(
        `refund|money back|reimburs|верн\\p{L}* (вам |тебе )?(ваши |все )?(деньги|средства|оплату)|возврат\\p{L}* (денег|средств|оплаты)|возмест|поверн\\p{L}* (вам |тобі )?(гроші|кошти)|повернення (коштів|грошей)|hoàn tiền|trả lại tiền|erstatt|geld zurück`,
      ),
    ),
  },
  {
    label: 'compensation',
    reason: 'unsupported_commitment',
    find: fromRx(
      rx(
        `compensat|voucher|coupon|gift card|store credit|компенсац|купон|сертификат|ваучер|компенсаці|bồi thường|phiếu quà|entschädig|gutschein`,
      ),
    ),
  },
  { label: 'free delivery', reason: 'unsupported_commitment', find: (t) => freeIn(t, true) },
  {
    label: 'a discount',
    reason: 'unverified_discount',
    find: fromRx(rx(`discount|% off|${NB}sale price|скидк|знижк|giảm giá|rabatt|nachlass`)),
  },
  { label: 'something for free', reason: 'unsupported_commitment', find: (t) => freeIn(t, false) },
  {
    label: 'a guarantee',
    reason: 'unsupported_commitment',
    find: fromRx(rx(`guarantee|we promise|гарантир|гарантуєм|обещаем|обіцяєм|đảm bảo|garantier|versprechen`)),
  },
];

export function checkCommitments(reply: string, g: Grounding): Finding[] {
  const findings: Finding[] = [];
  for (const c of COMMITMENTS) {
    const hit = c.find(reply);
    if (hit === null || c.find(g.policies) !== null) continue;
    findings.push({ reason: c.reason, detail: `The reply promises ${c.label} (“${hit}”), which your policies do not offer` });
  }
  return findings;
}

// ---------------------------------------------------------------------------------------------------------------
// Identity and language.

const CLAIMS_HUMAN = rx(
  `${NB}(i am|i'm|im) (a |an )?(real |actual |living )?(human|person|not a (bot|robot|machine|program|ai))|${NB}not an? (bot|robot|ai|machine)(?!\\p{L})|${NB}real (human|person) here|я (живой |настоящий |реальный )?(человек|не бот|не робот)|я (жива |справжня |справжній )?людина|я не бот|tôi là người( thật)?|mình là người thật|ich bin (ein )?(echter )?(mensch|kein bot|kein roboter)`,
);

export function checkIdentity(reply: string): Finding[] {
  const m = CLAIMS_HUMAN.exec(reply);
  return m ? [{ reason: 'claims_human', detail: `The reply claims to be a person (“${m[0]}”)` }] : [];
}

export function checkLanguage(reply: string, expected: string | null): Finding[] {
  if (!expected) return [];
  const script = scriptOf(reply);
  const wantCyrillic = CYRILLIC_LANGS.has(expected);
  if (script === 'latin' && wantCyrillic)
    return [{ reason: 'wrong_language', detail: `The reply is not in the customer's language (${expected})` }];
  if (script === 'cyrillic' && !wantCyrillic)
    return [{ reason: 'wrong_language', detail: `The reply is not in the customer's language (${expected})` }];
  const guess = detectLanguage(reply);
  if (guess?.confident && guess.lang !== expected) {
    return [{ reason: 'wrong_language', detail: `The reply looks like ${guess.lang}, the customer writes ${expected}` }];
  }
  return [];
}

/** Every check on a reply the assistant wants to send. Empty = safe to send. Order: most serious first. */
export function checkReply(reply: string, g: Grounding): Finding[] {
  const text = reply.trim();
  if (!text) return [{ reason: 'empty_reply', detail: 'The model returned an empty reply' }];
  if (text.length > MAX_AUTO_REPLY_CHARS)
    return [{ reason: 'too_long', detail: `The reply has ${text.length} characters (limit ${MAX_AUTO_REPLY_CHARS})` }];
  const uncovered = looksUncovered(text) || (g.language !== null && !(lexiconLanguages() as string[]).includes(g.language));
  const language: Finding[] = uncovered
    ? [{ reason: 'language_not_covered', detail: 'The reply is in a language Lavka has no texts for' }]
    : [];
  const all = [
    ...checkIdentity(text),
    ...checkCommitments(text, g),
    ...typedFindings(text, g),
    ...checkFacts(text, g),
    ...language,
    ...checkLanguage(text, g.language),
  ];
  // The older pattern checks and the typed ones often see the same thing: one finding per reason is enough.
  return all.filter((f, i) => all.findIndex((x) => x.reason === f.reason) === i);
}

// ---------------------------------------------------------------------------------------------------------------
// Loops: another bot on the other side, or the assistant talking to itself.

export interface Turn {
  direction: 'in' | 'out';
  author: string;
  body: string;
  createdAt: number;
}

const AUTO_RESPONDER = rx(
  `auto[- ]?reply|automatic reply|automated (message|response)|out of (the )?office|this is an automated|do not reply|автоответ|автоматическ\\p{L}* (ответ|сообщени)|автовідповід|автоматичн\\p{L}* (відповідь|повідомлен)|trả lời tự động|abwesenheitsnotiz|automatische antwort`,
);

const norm = (s: string) =>
  s
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, ' ')
    .trim();

/**
 * A loop finding for the newest customer message, given the conversation's recent turns (oldest first): too many
 * auto-replies since the customer last said something new, or signs of another bot on the other side.
 */
export function checkLoop(turns: Turn[], maxAutoInRow: number): Finding | null {
  const lastIn = [...turns].reverse().find((t) => t.direction === 'in');
  if (!lastIn) return null;
  if (AUTO_RESPONDER.test(clipCustomerText(lastIn.body)))
    return { reason: 'loop', detail: 'The customer’s message looks like an automatic reply from another bot' };

  // Only what happened since the owner last wrote counts: the owner's reply resets everything.
  let lastOwner = -1;
  turns.forEach((t, i) => {
    if (t.direction === 'out' && t.author === 'owner') lastOwner = i;
  });
  const since = turns.slice(lastOwner + 1);
  const seen = new Set<string>();
  let run = 0;
  let lastAuto: Turn | null = null;
  let quick = 0;
  for (let i = 0; i < since.length; i++) {
    const t = since[i];
    if (t.direction === 'out') {
      if (t.author === 'assistant') {
        run++;
        lastAuto = t;
      }
      continue;
    }
    const b = norm(clipCustomerText(t.body));
    const echo = lastAuto !== null && b.length > 20 && (norm(lastAuto.body).includes(b) || b.includes(norm(lastAuto.body)));
    if (echo && t === lastIn) return { reason: 'loop', detail: 'The customer echoed the assistant’s reply back: probably another bot' };
    // Answers arriving within two seconds of ours, again and again, are not typed by a person.
    if (i > 0 && since[i - 1].author === 'assistant' && t.createdAt - since[i - 1].createdAt < 2_000) quick++;
    const isNew = b.length > 0 && !seen.has(b) && !echo;
    seen.add(b);
    if (isNew) run = 0;
  }
  if (quick >= 2) return { reason: 'loop', detail: 'Answers arrive faster than a person types: probably another bot' };
  if (run >= maxAutoInRow) {
    return {
      reason: 'loop',
      detail: `Lavka already answered ${run} times without the customer adding anything new; take over for a moment`,
    };
  }
  return null;
}
