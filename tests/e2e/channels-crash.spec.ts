// Crash safety of the outbox on a real channel: the real `serve` sends N replies to the fake Telegram Bot API and is
// killed with SIGKILL at random moments; after each restart it carries on. Counted at the fake server, every reply
// arrives, and a reply arrives twice only inside the documented window: Telegram took the message, and Lavka was
// killed before it could record the answer (the Bot API has no idempotency key, so that window cannot be closed).
import { test, expect } from '@playwright/test';
import { startServe, type ServeProcess } from '../helpers/serve-process';
import { FakeTelegram } from '../helpers/fake-telegram';

const N = 30;
const KILLS = 3;
const RUNS = 3;
const CUSTOMER = { id: 7001, first_name: 'Crash', last_name: 'Test', username: 'crash_test' };

async function until<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await check().catch(() => undefined);
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

function rand(min: number, max: number): number {
  return min + Math.random() * (max - min);
}

interface RunResult {
  kills: number[];
  duplicates: string[];
  arrivals: number;
}

async function crashRun(run: number, how: 'kill' | 'stop' = 'kill'): Promise<RunResult> {
  const tg = await FakeTelegram.start();
  // Each sendMessage takes 10–40 ms at the "server": long enough for kills to land mid-send.
  tg.sendLatencyMs = () => rand(5, 20);
  const env = { LAVKA_TELEGRAM_BOT_TOKEN: tg.token, LAVKA_TELEGRAM_API_ROOT: tg.apiRoot };
  let s: ServeProcess = await startServe({ env });
  const dataDir = s.dataDir;
  try {
    tg.customerWrites(CUSTOMER, 'hello, is the crash test shop open?');
    const conversationId = await until('the customer message in the inbox', async () => {
      const r = await s.api<{ items: { id: number }[] }>('inbox.list', {});
      return r.value?.items[0]?.id;
    });
    // Queue everything first (each send is committed before it is acknowledged), then pull the plug while it drains.
    const texts = Array.from({ length: N }, (_, i) => `run ${run} reply #${i + 1}`);
    for (const text of texts) expect((await s.api('messages.send', { conversationId, text })).ok).toBe(true);

    const kills: number[] = [];
    for (let k = 0; k < KILLS; k++) {
      // Kill somewhere in the middle of the sending, not before it starts or after it ends.
      const before = tg.sent.length;
      await until('some progress', async () => tg.sent.length > before || undefined, 10_000);
      if (new Set(tg.sent.map((m) => m.text)).size >= N) break;
      await new Promise((r) => setTimeout(r, rand(0, 120)));
      if (how === 'kill') await s.kill();
      else expect(await s.stop()).toBe(0);
      kills.push(Date.now());
      s = await startServe({ dataDir, env });
    }
    await until(
      'every reply sent',
      async () => {
        const st = await s.api<{ queued: number; sending: number; sent: number }>('outbox.stats');
        return st.value && st.value.queued === 0 && st.value.sending === 0 && st.value.sent === N ? true : undefined;
      },
      30_000,
    );

    const count = new Map<string, number>();
    for (const m of tg.sent) count.set(m.text, (count.get(m.text) ?? 0) + 1);
    // Nothing lost, nothing foreign.
    expect(texts.filter((t) => !count.has(t))).toEqual([]);
    expect([...count.keys()].filter((t) => !texts.includes(t))).toEqual([]);
    const duplicates = [...count].filter(([, n]) => n > 1).map(([t]) => t);
    // A repeat is only possible for the one reply in flight at a kill: the server had its first copy's request
    // before that kill, no later reply reached the server before the kill, and it never went out more than twice.
    for (const text of duplicates) {
      expect(count.get(text)).toBe(2);
      const first = tg.sent.find((m) => m.text === text)!;
      const kill = kills.find((k) => k >= first.receivedAt);
      expect(kill, `${text} was repeated without a kill after it`).toBeDefined();
      const later = tg.sent.filter((m) => m.receivedAt > first.receivedAt && m.receivedAt <= kill!);
      expect(later, `${text} was repeated although later replies reached the server before the kill`).toEqual([]);
    }
    expect(duplicates.length).toBeLessThanOrEqual(kills.length);
    // An orderly stop (Ctrl-C, quitting the app) lets the send in flight finish and be recorded: no repeats at all.
    if (how === 'stop') expect(duplicates).toEqual([]);
    // Lavka's own record agrees: every reply is "sent", in the order it was written.
    const msgs = await s.api<{ body: string; status: string; direction: string }[]>('messages.list', { conversationId, limit: 200 });
    const out = msgs.value!.filter((m) => m.direction === 'out').reverse();
    expect(out.map((m) => m.body)).toEqual(texts);
    expect(new Set(out.map((m) => m.status))).toEqual(new Set(['sent']));
    // The inbound message was stored once across all restarts (Telegram redelivers unconfirmed updates).
    expect(msgs.value!.filter((m) => m.direction === 'in')).toHaveLength(1);
    return { kills, duplicates, arrivals: tg.sent.length };
  } finally {
    await s.stop();
    await tg.close();
  }
}

test.describe('outbox crash safety against the fake Telegram (SIGKILL while sending)', () => {
  test.setTimeout(90_000);
  test(`${RUNS} runs × ${KILLS} kills × ${N} replies: each arrives once, outside the documented window`, async () => {
    const started = Date.now();
    const results: RunResult[] = [];
    for (let run = 1; run <= RUNS; run++) results.push(await crashRun(run));
    const dupes = results.reduce((n, r) => n + r.duplicates.length, 0);
    const kills = results.reduce((n, r) => n + r.kills.length, 0);
    console.log(
      `[crash] ${RUNS} runs, ${kills} SIGKILLs, ${RUNS * N} replies, ${results.reduce((n, r) => n + r.arrivals, 0)} arrivals, ` +
        `${dupes} duplicate(s) inside the window, ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  });

  test('Ctrl-C while sending, twice: every reply arrives exactly once', async () => {
    const r = await crashRun(RUNS + 1, 'stop');
    expect(r.arrivals).toBe(N);
  });
});
