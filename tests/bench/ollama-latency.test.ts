// The bench's latency model of Ollama: prefix reuse in one slot, reload rules, and the real tokenizer's view of a
// shared prefix. (Times here are virtual; nothing sleeps.)
import { describe, expect, it } from 'vitest';
import { RunnerModel, keepAliveMs, promptTokens, type Profile, type RunnerCall } from './ollama-latency';

const P: Profile = { name: 'test', promptTps: 50, genTps: 10, loadMs: 20_000 };
const call = (at: number, tokens: number[], over: Partial<RunnerCall> = {}): RunnerCall => ({
  at,
  model: 'qwen3:4b-instruct',
  numCtx: 4096,
  keepAlive: '12h',
  promptTokens: tokens,
  outputTokens: 11,
  ...over,
});
const seq = (from: number, n: number) => Array.from({ length: n }, (_, i) => from + i);

describe('the Ollama latency model', () => {
  it('loads the model once, then re-reads only what follows the longest common prefix with the previous request', () => {
    const r = new RunnerModel(P);
    const first = r.charge(call(0, seq(0, 1000)));
    expect(first).toMatchObject({ reload: true, cached: 0, uncached: 1000 });
    // load 20 s + 1000 tokens at 50/s + first token at 10/s.
    expect(first.firstTokenAt).toBe(20_000 + 20_000 + 100);
    expect(first.end).toBe(first.firstTokenAt + 1000);

    const second = r.charge(call(60_000, [...seq(0, 900), ...seq(5000, 100)]));
    expect(second).toMatchObject({ reload: false, cached: 900, uncached: 100, queuedMs: 0 });
    expect(second.firstTokenAt - second.start).toBe(2000 + 100);
  });

  it('keeps one slot: an interleaved request evicts the other conversation, sharing only the common start', () => {
    const r = new RunnerModel(P);
    const prefix = seq(0, 500);
    r.charge(call(0, [...prefix, ...seq(1000, 200)]));
    const other = r.charge(call(100_000, [...prefix, ...seq(2000, 150)]));
    expect(other.uncached).toBe(150);
    const back = r.charge(call(200_000, [...prefix, ...seq(1000, 200), ...seq(3000, 20)]));
    expect(back.cached).toBe(500);
    expect(back.uncached).toBe(220);
  });

  it('always evaluates the last token, even for a prompt that is cached whole', () => {
    const r = new RunnerModel(P);
    r.charge(call(0, seq(0, 100)));
    expect(r.charge(call(50_000, seq(0, 100))).uncached).toBe(1);
  });

  it('reloads when num_ctx, the model or keep_alive changes, or the model expired', () => {
    const r = new RunnerModel(P);
    r.charge(call(0, seq(0, 10)));
    expect(r.charge(call(60_000, seq(0, 10))).reload).toBe(false);
    expect(r.charge(call(120_000, seq(0, 10), { numCtx: 8192 })).reload).toBe(true);
    expect(r.charge(call(180_000, seq(0, 10), { numCtx: 8192, keepAlive: '30m' })).reload).toBe(true);
    expect(r.charge(call(240_000, seq(0, 10), { numCtx: 8192, keepAlive: '30m', model: 'qwen2.5:1.5b' })).reload).toBe(true);
    // 30 minutes after the last call ended, the model is gone.
    expect(r.charge(call(240_000 + 31 * 60_000, seq(0, 10), { numCtx: 8192, keepAlive: '30m', model: 'qwen2.5:1.5b' })).reload).toBe(true);
    expect(r.loads).toBe(5);
  });

  it('queues calls: one runner, one answer at a time', () => {
    const r = new RunnerModel(P);
    const a = r.charge(call(0, seq(0, 50)));
    const b = r.charge(call(1000, seq(0, 60)));
    expect(b.start).toBe(a.end);
    expect(b.queuedMs).toBe(a.end - 1000);
  });

  it('plays Lavka’s lane: a draft arriving while an order reading runs stops it and starts at once', () => {
    const r = new RunnerModel(P);
    const prefix = seq(0, 500);
    const [warm, reading, draft] = r.chargeAll([
      call(0, prefix),
      // An order reading for Anna: 300 of her tokens to read (6 s), then 11 tokens written.
      call(100_000, [...prefix, ...seq(1000, 300)], { preemptible: true }),
      // Boris's draft, 2 s into the reading.
      call(102_000, [...prefix, ...seq(2000, 100)], { interactive: true }),
    ]);
    expect(warm.preempted).toBe(0);
    expect(draft).toMatchObject({ start: 102_000, queuedMs: 0, cached: 500, uncached: 100 });
    // The reading starts over after the draft; Anna's part is gone from the one slot, so it is read again whole.
    expect(reading).toMatchObject({ preempted: 1, start: draft.end, cached: 500, uncached: 300 });
  });

  it('keeps what a stopped call had read when the draft is for the same customer', () => {
    const r = new RunnerModel(P);
    const anna = [...seq(0, 500), ...seq(1000, 300)];
    const [, , draft] = r.chargeAll([
      call(0, seq(0, 500)),
      call(100_000, [...anna, ...seq(9000, 40)], { preemptible: true }),
      // 2 s in: 100 of Anna's 300 tokens are read (and the 40 task tokens are not).
      call(102_000, [...anna, ...seq(7000, 10)], { interactive: true }),
    ]);
    expect(draft.cached).toBe(600);
  });

  it('never stops the warm-up or a call that is not background work: the draft waits for them', () => {
    const r = new RunnerModel(P);
    const [warm, draft] = r.chargeAll([call(0, seq(0, 1000)), call(30_000, seq(0, 1010), { interactive: true })]);
    expect(warm.preempted).toBe(0);
    expect(draft.start).toBe(warm.end);
  });

  it('starts a waiting draft before background work that waits longer', () => {
    const r = new RunnerModel(P);
    const [first, summary, draft] = r.chargeAll([
      call(0, seq(0, 1000)),
      call(1_000, seq(0, 1100)),
      call(2_000, seq(0, 1050), { interactive: true }),
    ]);
    expect(draft.start).toBe(first.end);
    expect(summary.start).toBe(draft.end);
  });

  it('charges a day with no drafts and no background work exactly like one call after another', () => {
    const calls = [call(0, seq(0, 300)), call(1_000, seq(0, 320)), call(90_000, seq(0, 310))];
    const one = new RunnerModel(P);
    expect(new RunnerModel(P).chargeAll(calls)).toEqual(calls.map((c) => one.charge(c)));
  });

  it('reads keep_alive the way Ollama does', () => {
    expect(keepAliveMs('30m')).toBe(1_800_000);
    expect(keepAliveMs('12h')).toBe(43_200_000);
    expect(keepAliveMs(60)).toBe(60_000);
    expect(keepAliveMs(-1)).toBe(Infinity);
    expect(keepAliveMs(null)).toBe(300_000);
  });

  it('counts tokens with the real Qwen tokenizer: the same system prompt gives the same leading tokens', () => {
    const sys = { role: 'system', content: 'You work for the shop described below. Хлеб, bánh mì, Brot.' };
    const a = promptTokens([sys, { role: 'user', content: 'CUSTOMER\nName: Anna\n\nTASK (reply): as TEXT.' }]);
    const b = promptTokens([sys, { role: 'user', content: 'CUSTOMER\nName: Boris\n\nTASK (order): as JSON.' }]);
    const sysTokens = promptTokens([sys]).length - 3; // without the opened assistant turn
    let same = 0;
    while (a[same] === b[same]) same++;
    expect(same).toBeGreaterThanOrEqual(sysTokens);
    expect(a[0]).toBe(151644); // <|im_start|> is one special token, as in the runner
  });
});
