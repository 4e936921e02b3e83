// The assistant's speed as the owner feels it: a realistic mixed shop day (customers writing at once, questions,
// orders, small talk, a complaint, reminders) run through the real Lavka core against a fake Ollama that records
// every request; the latency model (../ollama-latency.ts) then charges each request like Ollama's runner would on a
// CPU laptop. Time is virtual (a fake clock): the day takes seconds, not hours.
import { writeFileSync } from 'node:fs';
import type { App } from '../../../main/core/app';
import { createApp } from '../../../main/core/app';
import { FakeClock } from '../../helpers/fake-clock';
import { FakeOllama, callKind, isReply, type CallKind, type ChatBody } from '../../helpers/fake-ollama';
import { flush } from '../../helpers/test-app';
import { DEFER_MS } from '../../../main/core/assistant/ollama-chat';
import { SESSION_GAP_MS } from '../../../main/core/assistant/context';
import { encode, promptTokens, RunnerModel, type Profile } from '../ollama-latency';
import { figure, percentile, type Figure } from '../report';
import { Rng } from '../rng';

interface Recorded {
  at: number;
  kind: CallKind;
  body: ChatBody;
  tokens: number[];
  output: number;
}

type Lang = 'en' | 'ru' | 'uk' | 'vi';

const TEXTS: Record<Lang, Record<'question' | 'order' | 'more' | 'smalltalk' | 'complaint', string[]>> = {
  en: {
    question: [
      'Hi! Are you open on Sunday?',
      'Do you deliver to Kreuzberg? How much is it?',
      'Can I pay by card on delivery?',
      'Do you have anything gluten-free today?',
      'What time do you close today?',
    ],
    order: [
      'Hi, can I get {n} {p} for pickup at 5pm?',
      "I'd like {n} {p} and 1 {q}, delivery to Lenina 5 please",
      'Please reserve {n} {p} for tomorrow morning',
    ],
    more: ['and one more {p} please', 'make it {n}', 'actually add {n} {q} too'],
    smalltalk: ['Thank you!', 'Great, see you then', 'ok 👍', 'Hello!'],
    complaint: ['The cake yesterday was stale, I want my money back!'],
  },
  ru: {
    question: [
      'Здравствуйте! Вы работаете в воскресенье?',
      'Есть доставка? Сколько стоит?',
      'Можно оплатить картой?',
      'До скольки вы сегодня?',
    ],
    order: ['Можно {n} {p} на самовывоз к 17:00?', 'Хочу заказать {n} {p} и 1 {q} с доставкой', 'Отложите, пожалуйста, {n} {p} на завтра'],
    more: ['и ещё один {p}', 'давайте {n}', 'добавьте {n} {q}'],
    smalltalk: ['Спасибо!', 'Отлично, до встречи', 'Добрый день'],
    complaint: ['Торт был несвежий, верните деньги!'],
  },
  uk: {
    question: ['Добрий день! Коли ви відчинені?', 'Чи є доставка?', 'Можна оплатити карткою?'],
    order: ['Можна {n} {p} на завтра зранку?', 'Хочу замовити {n} {p} з доставкою'],
    more: ['і ще {n} {q}', 'давайте {n}'],
    smalltalk: ['Дякую!', 'Добре, до зустрічі'],
    complaint: ['Хліб був черствий, поверніть гроші!'],
  },
  vi: {
    question: ['Chào shop, chủ nhật có mở cửa không?', 'Shop có giao hàng không?', 'Thanh toán bằng thẻ được không?'],
    order: ['Cho mình {n} {p} lấy lúc 5 giờ chiều nhé', 'Mình muốn đặt {n} {p} và 1 {q}, giao tận nhà'],
    more: ['thêm {n} {q} nữa nhé', 'lấy {n} cái thôi'],
    smalltalk: ['Cảm ơn shop!', 'Ok shop ơi'],
    complaint: ['Bánh hôm qua bị hỏng, hoàn tiền cho mình!'],
  },
};

/** What the fake model answers, by call kind: sizes like a real 4B model's answers (they are charged as output). */
function answer(body: ChatBody, kind: CallKind): string {
  switch (kind) {
    case 'suggest':
    case 'free-text':
    case 'choose':
      return body.format
        ? JSON.stringify({
            reply: 'Yes, we are open until 18:00 today. See you soon!',
            intent: 'question',
            needs_human: false,
            facts_used: ['hours'],
          })
        : 'Yes, we are open until 18:00 today. See you soon!';
    case 'order': {
      const line =
        (body.messages.at(-1)?.content ?? '')
          .split('\n')
          .filter((l) => l.startsWith('Customer: '))
          .at(-1) ?? '';
      const named = /Catalog names they may mean: ([^;\n]+)/.exec(body.messages.at(-1)?.content ?? '')?.[1];
      if (!/\d/.test(line) || !named)
        return JSON.stringify({ intent: 'none', items: [], fulfilment: 'unknown', address: null, time: null, language: 'en' });
      return JSON.stringify({
        intent: 'order',
        items: [{ name: named.replace(/ \(.*$/, ''), quantity: Number(/\d+/.exec(line)![0]), options: [] }],
        fulfilment: 'pickup',
        address: null,
        time: '5pm',
        language: 'en',
      });
    }
    case 'summary':
      return 'The customer complains that yesterday’s cake was stale and asks for a refund.\nThey bought it in the shop.';
    case 'reminder':
      return 'Hello! Just a friendly reminder: your order is ready for pickup today. See you soon!';
    default:
      return '.';
  }
}

export interface DayResult {
  calls: Recorded[];
  customerMessages: number;
  orderLike: number;
  /** Index into `calls` of each suggestion the owner watched, with the message time it answers. */
  suggestions: { call: number; messageAt: number }[];
}

/**
 * Runs the day once and records every request Ollama would receive, in the order it would receive them. The same
 * recording is then charged under each speed profile (the requests do not depend on how fast the model is).
 */
export async function runShopDay(dataDir: string, seed: string, messages: number): Promise<DayResult> {
  const ollama = new FakeOllama();
  await ollama.start();
  const clock = new FakeClock();
  const calls: Recorded[] = [];
  ollama.script = (body) => {
    const kind = callKind(body);
    const content = answer(body, kind);
    calls.push({ at: clock.now(), kind, body, tokens: promptTokens(body.messages), output: Math.max(1, encode(content).length) });
    return { content, chunks: [content] };
  };
  const app = createApp({ dataDir, env: { OLLAMA_HOST: ollama.url }, clock, startWorkers: false });
  try {
    clock.set(dayStart(app));
    await app.start();
    const s = app.services;
    s.assistant.saveSettings({ model: 'qwen3:4b-instruct', defaultMode: 'suggest' });
    s.orders.updateSettings({ chatOrders: 'suggest' });
    const drafts = new Map<number, string>();
    s.events.subscribe((e) => {
      if (e.type !== 'assistant.draft') return;
      const d = e.payload as { conversationId: number; text: string; done: boolean };
      if (d.done) drafts.set(d.conversationId, d.text);
    });
    // Lavka starts: the warm-up loads the model and reads the stable prefix before the first customer.
    s.assistant.start();
    await settle(app, clock);

    const rng = new Rng(`${seed}/assistant-day`);
    const products = s.catalog.repo
      .active()
      .slice(0, 60)
      .map((p) => p.name.toLowerCase());
    const customers = pickCustomers(app, rng, 24);
    const result: DayResult = { calls, customerMessages: 0, orderLike: 0, suggestions: [] };
    // Sessions start through the day; each is a short burst of 1–4 messages; others' sessions overlap.
    type Ev = { at: number; customer: (typeof customers)[number]; kind: keyof (typeof TEXTS)['en'] };
    const events: Ev[] = [];
    let t = clock.now() + 10 * 60_000;
    while (events.length < messages) {
      t += rng.int(6 * 60_000);
      const c = rng.pick(customers);
      const r = rng.next();
      const first: Ev['kind'] = r < 0.4 ? 'question' : r < 0.75 ? 'order' : r < 0.97 ? 'smalltalk' : 'complaint';
      const burst =
        first === 'order'
          ? [first, ...(rng.chance(0.5) ? ['more' as const] : []), 'smalltalk' as const]
          : first === 'question'
            ? [first, ...(rng.chance(0.4) ? ['order' as const] : [])]
            : [first];
      let at = t;
      for (const kind of burst) {
        events.push({ at, customer: c, kind });
        at += 40_000 + rng.int(120_000);
      }
    }
    events.sort((a, b) => a.at - b.at);
    const reminderTimes = [events[Math.floor(events.length / 4)].at + 1, events[Math.floor((events.length * 3) / 4)].at + 1];

    for (const ev of events.slice(0, messages)) {
      if (reminderTimes.length && ev.at >= reminderTimes[0]) {
        clock.set(reminderTimes.shift()!);
        await reminderRound(app, clock, rng, customers);
      }
      if (ev.at > clock.now()) clock.advance(ev.at - clock.now());
      const text = rng
        .pick(TEXTS[ev.customer.lang][ev.kind])
        .replace('{n}', String(1 + rng.int(4)))
        .replace('{p}', rng.pick(products))
        .replace('{q}', rng.pick(products));
      const receivedAt = clock.now();
      const r = s.inbox.receive({
        channel: ev.customer.channel,
        externalId: `day-${seed}-${result.customerMessages}`,
        from: { externalId: ev.customer.externalId, display: ev.customer.name },
        kind: 'text',
        body: text,
        at: clock.now(),
      });
      result.customerMessages++;
      if (ev.kind === 'order' || ev.kind === 'more') result.orderLike++;
      await flush();
      // The owner has the inbox open: the suggestion bar asks for a draft of the reply right away.
      const before = calls.length;
      s.assistant.suggest(r.conversationId!);
      await settle(app, clock);
      const idx = calls.findIndex((c, i) => i >= before && isReply(c.kind));
      if (idx >= 0) result.suggestions.push({ call: idx, messageAt: receivedAt });
      // …reads it and sends it (edited or not) a little later.
      const draft = drafts.get(r.conversationId!);
      clock.advance(20_000 + rng.int(40_000));
      if (draft) s.inbox.send(r.conversationId!, draft, { author: 'owner' });
      await settle(app, clock);
    }
    return result;
  } finally {
    await app.close();
    await ollama.stop();
  }
}

/**
 * The day starts on the first Tuesday at 08:00 UTC (09:00 in Berlin, the shop opens) at least a night after the
 * shop's newest message. The figure groups before this one write to the same shop at wall-clock time (the ingest
 * figure stores its burst at Date.now(), weeks after the seeded timeline): a day dated before those messages would
 * make them part of each customer's "current visit" (a later message never opens a new visit) and would pick exactly
 * the conversations they landed in, so the day measured something no shop sees. On the seeded shop alone (timeline
 * ends Sat 31 Oct 2026) this is Tue 3 Nov 2026, the date the figure always used.
 */
function dayStart(app: App): number {
  const newest = app.services.db.prepare<[], { t: number | null }>('SELECT max(last_message_at) AS t FROM conversations').get()?.t ?? 0;
  const day = 86_400_000;
  let t = Math.floor((newest + SESSION_GAP_MS) / day) * day + 8 * 3_600_000;
  while (t < newest + SESSION_GAP_MS || new Date(t).getUTCDay() !== 2) t += day;
  return t;
}

/** Lets every model call the last event started finish; deferred ones (order reading in Suggest) after their wait. */
async function settle(app: App, clock: FakeClock): Promise<void> {
  for (let i = 0; i < 4; i++) {
    await flush(5);
    await app.services.assistant.idle();
  }
  clock.advance(DEFER_MS);
  for (let i = 0; i < 4; i++) {
    await flush(5);
    await app.services.assistant.idle();
    await app.services.orderCapture.idle();
  }
}

interface Customer {
  conversationId: number;
  channel: string;
  externalId: string;
  name: string;
  lang: Lang;
}

function pickCustomers(app: App, rng: Rng, n: number): Customer[] {
  const rows = app.services.db
    .prepare<[], { conversation_id: number; channel: string; external_id: string; name: string; language: string | null }>(
      `SELECT v.id AS conversation_id, i.channel, i.external_id, k.name, k.language FROM conversations v
       JOIN contacts k ON k.id = v.contact_id JOIN identities i ON i.contact_id = k.id
       WHERE i.channel IN ('whatsapp', 'telegram') ORDER BY v.last_message_at DESC LIMIT 400`,
    )
    .all();
  const out: Customer[] = [];
  const seen = new Set<number>();
  while (out.length < n && seen.size < rows.length) {
    const r = rows[rng.int(rows.length)];
    if (seen.has(r.conversation_id)) continue;
    seen.add(r.conversation_id);
    const lang = (['en', 'ru', 'uk', 'vi'] as const).includes(r.language as Lang) ? (r.language as Lang) : 'en';
    out.push({ conversationId: r.conversation_id, channel: r.channel, externalId: r.external_id, name: r.name, lang });
  }
  return out;
}

/** The reminder scheduler's wording pass: a few customers get a personal version of the owner's reminder. */
async function reminderRound(app: App, clock: FakeClock, rng: Rng, customers: Customer[]): Promise<void> {
  const p = app.services.reminders.personaliser;
  if (!p) return;
  for (let i = 0; i < 4; i++) {
    const c = rng.pick(customers);
    await p.personalise({
      conversationId: c.conversationId,
      text: 'Your order is ready for pickup today until 18:00.',
      language: c.lang,
      contactName: c.name,
    });
    // The scheduler works through due reminders one by one; customers keep writing meanwhile.
    clock.advance(15_000);
  }
}

/** The calls a draft stops and Lavka restarts after it (PREEMPTIBLE in main/core/assistant/ollama-chat.ts). */
const BACKGROUND = new Set<CallKind>(['order', 'summary', 'reminder']);

/** Charges the recorded day under one speed profile and turns it into figures. */
export function dayFigures(day: DayResult, profile: Profile, withTargets: boolean): Figure[] {
  const runner = new RunnerModel(profile);
  // Played through Lavka's lane: drafts before waiting background work, and a draft stops background work that is
  // still running at its arrival (main/core/assistant/ollama-chat.ts). The recorded day never overlaps (its clock
  // is virtual); on a slow laptop the charged one can.
  const charges = runner.chargeAll(
    day.calls.map((c) => ({
      at: c.at,
      model: c.body.model,
      numCtx: (c.body.options?.num_ctx as number | undefined) ?? null,
      keepAlive: c.body.keep_alive ?? null,
      promptTokens: c.tokens,
      outputTokens: c.output,
      interactive: isReply(c.kind),
      preemptible: BACKGROUND.has(c.kind),
    })),
  );
  // LAVKA_BENCH_DUMP=1 prints every call (kind, tokens, cache, queue) to stderr: where the time of the day went.
  // LAVKA_BENCH_PROMPTS=FILE writes every request (kind, messages, options) as JSON: what each call re-read.
  if (process.env.LAVKA_BENCH_PROMPTS && withTargets) {
    const rows = day.calls.map((c) => ({
      at: c.at,
      kind: c.kind,
      messages: c.body.messages,
      options: c.body.options,
      keepAlive: c.body.keep_alive,
    }));
    writeFileSync(process.env.LAVKA_BENCH_PROMPTS, JSON.stringify(rows));
  }
  if (process.env.LAVKA_BENCH_DUMP && withTargets) {
    for (const [i, c] of charges.entries()) {
      const r = day.calls[i];
      process.stderr.write(
        `${new Date(r.at).toISOString().slice(11, 19)} ${r.kind.padEnd(8)} prompt ${r.tokens.length} uncached ${c.uncached} queued ${Math.round(c.queuedMs)} first ${Math.round(c.firstTokenAt - r.at)} out ${r.output}${c.preempted ? ` stopped ${c.preempted}×` : ''} ${
          r.kind === 'order'
            ? ((r.body.messages.at(-1)?.content ?? '')
                .split('\n')
                .filter((l) => l.startsWith('Customer: '))
                .at(-1) ?? '')
            : ''
        }\n`,
      );
    }
  }
  const modelCalls = charges.filter((_, i) => day.calls[i].kind !== 'warmup');
  const ttft = day.suggestions.map((s) => charges[s.call].firstTokenAt - s.messageAt);
  const reloads = Math.max(0, runner.loads - 1);
  const tag = withTargets ? '' : ` (${profile.name}: ${profile.promptTps}/${profile.genTps} tok/s)`;
  const kinds = day.calls.reduce<Record<string, number>>((m, c) => ((m[c.kind] = (m[c.kind] ?? 0) + 1), m), {});
  const out: Figure[] = [];
  if (withTargets) {
    out.push(
      figure(
        'assistant day: uncached prompt tokens per call, median',
        percentile(
          modelCalls.map((c) => c.uncached),
          50,
        ),
        'tokens',
        { max: 250 },
        `${modelCalls.length} calls (${Object.entries(kinds)
          .map(([k, n]) => `${n} ${k}`)
          .join(', ')}); Qwen3 tokenizer`,
      ),
      figure(
        'assistant day: uncached prompt tokens per call, p95',
        percentile(
          modelCalls.map((c) => c.uncached),
          95,
        ),
        'tokens',
      ),
      figure(
        'assistant day: prompt tokens per call, median',
        percentile(
          day.calls.filter((c) => c.kind !== 'warmup').map((c) => c.tokens.length),
          50,
        ),
        'tokens',
      ),
      figure(
        'assistant day: model reloads per 100 calls',
        (reloads / Math.max(1, day.calls.length)) * 100,
        'reloads',
        { max: 0 },
        `${runner.loads} load(s) in all, the first at start-up`,
      ),
      figure(
        'assistant day: order readings per 100 customer messages',
        (day.calls.filter((c) => c.kind === 'order').length / day.customerMessages) * 100,
        'calls',
        undefined,
        `${day.orderLike} of ${day.customerMessages} messages were about an order`,
      ),
    );
  }
  out.push(
    figure(
      `assistant day: time to first draft token p50${tag}`,
      percentile(ttft, 50),
      'ms',
      withTargets ? { max: 3000 } : undefined,
      `${ttft.length} drafts; ${profile.promptTps} tok/s reading, ${profile.genTps} tok/s writing`,
    ),
    figure(`assistant day: time to first draft token p95${tag}`, percentile(ttft, 95), 'ms', withTargets ? { max: 8000 } : undefined),
  );
  return out;
}
