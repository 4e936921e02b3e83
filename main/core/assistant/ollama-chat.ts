// Model calls through Ollama: one lane that serialises them (the owner's draft before background work — and instead
// of it, when background work is running — deferred background calls), and the ChatModel that streams an answer with fixed options (num_ctx, keep_alive, think) so
// no call ever makes Ollama reload, recording timings in the audit.
import { type ChatResponse, type AbortableAsyncIterator } from 'ollama';
import type { Clock } from '../clock';
import { AppError } from '../errors';
import type { ChatModel, ChatRequest, ChatResult } from './chat-model';
import { describeOllamaError, failureKind, type OllamaConnection } from './ollama';
import { KEEP_ALIVE, NUM_CTX } from './settings';
import type { NewAudit } from '../db/repos/assistant-repo';

/** A streamed answer that goes silent this long (after the first token) is abandoned. */
const IDLE_TIMEOUT_MS = 60_000;
/** First token: reading a long prompt and loading the model on a CPU laptop can take a while. */
const FIRST_TOKEN_TIMEOUT_MS = 180_000;

/** Calls the owner is waiting for: they go before queued background work (order reading, summaries, warm-up). */
const INTERACTIVE = new Set(['suggest', 'auto']);
/**
 * Background work a draft may stop (see LaneJob.preemptible): order reading ('order-extract', orders/extract.ts),
 * handoff summaries and reminder wording. Not the warm-up: it loads and reads exactly what the draft needs first,
 * so stopping it would only redo it; not Auto's own calls: a customer waits for those.
 */
const PREEMPTIBLE = new Set(['order-extract', 'summary', 'reminder']);

/** How long a deferred call waits before it queues for the model (the owner's draft request comes within it). */
export const DEFER_MS = 1_500;

/** How a call stands in the lane. */
export interface LaneJob {
  /** The owner (or Auto's customer) waits for it: it goes before background work. */
  interactive: boolean;
  /**
   * Background work nobody watches appear (order reading, handoff summary, reminder wording): an interactive call
   * stops it and it starts over afterwards — Ollama stops working on a request when its client disconnects, so the
   * draft gets the model at once instead of after a reading that can take 10–20 s on a CPU laptop.
   */
  preemptible: boolean;
}

interface Waiting extends LaneJob {
  start: () => void;
  /** Aborted when an interactive call pre-empts this one while it runs. */
  preempt: AbortController | null;
}

/**
 * Serialises model calls: one answer at a time keeps a CPU laptop responsive and Ollama's single cache slot warm.
 * A waiting interactive call (a draft the owner watches appear) is started before waiting background calls, and
 * pre-empts a running pre-emptible one (which then waits first in line behind it; its caller never notices).
 */
class Lane {
  private current: Waiting | null = null;
  private readonly waiting: Waiting[] = [];
  private readonly deferred = new Map<unknown, () => void>();

  constructor(private readonly clock: Clock) {}

  private closing = false;

  /** Queues `fn` after DEFER_MS (or at once on flush), as background work. */
  defer<T>(fn: (preempted: AbortSignal) => Promise<T>, signal: AbortSignal | undefined, preemptible: boolean): Promise<T> {
    const job = { interactive: false, preemptible };
    if (this.closing) return this.run(fn, signal, job);
    return new Promise<T>((resolve, reject) => {
      const go = () => {
        this.deferred.delete(handle);
        this.run(fn, signal, job).then(resolve, reject);
      };
      const handle: unknown = this.clock.setTimeout(go, DEFER_MS);
      this.deferred.set(handle, go);
    });
  }

  /** Shutdown: deferred calls queue now (they see the abort and end), so nothing waits for a timer. */
  flush(): void {
    this.closing = true;
    this.release();
  }

  /** Deferred calls queue now, behind anything already waiting. */
  release(): void {
    for (const [handle, go] of [...this.deferred]) {
      this.clock.clearTimeout(handle);
      go();
    }
  }

  /** Runs `fn` when the lane is free; `preempted` aborts when an interactive call takes the model from it. */
  run<T>(fn: (preempted: AbortSignal) => Promise<T>, signal: AbortSignal | undefined, job: LaneJob): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const w: Waiting = {
        ...job,
        preempt: null,
        start: () => {
          const preempt = new AbortController();
          w.preempt = preempt;
          this.current = w;
          const go = signal?.aborted ? Promise.reject(new AppError('conflict', 'Cancelled')) : fn(preempt.signal);
          go.then(resolve, (err: unknown) => {
            // Pre-empted (and not cancelled by its caller): first in line again, behind the call that took the model.
            if (preempt.signal.aborted && !signal?.aborted) this.waiting.unshift(w);
            else reject(err instanceof Error ? err : new Error(String(err)));
          }).finally(() => {
            this.current = null;
            this.next();
          });
        },
      };
      this.waiting.push(w);
      if (job.interactive && this.current?.preemptible) this.current.preempt?.abort();
      this.next();
    });
  }

  get idle(): boolean {
    return !this.current && this.waiting.length === 0;
  }

  private next(): void {
    if (this.current || this.waiting.length === 0) return;
    const i = this.waiting.findIndex((w) => w.interactive);
    const [w] = this.waiting.splice(i >= 0 ? i : 0, 1);
    w.start();
  }
}

export class OllamaChatModel implements ChatModel {
  private readonly lane: Lane;

  constructor(
    private readonly connection: OllamaConnection,
    private readonly model: () => string,
    private readonly clock: Clock,
    private readonly audit: (a: NewAudit) => void,
  ) {
    this.lane = new Lane(clock);
  }

  chat(req: ChatRequest): Promise<ChatResult> {
    const interactive = INTERACTIVE.has(req.purpose);
    // A call that streams its words somewhere cannot start over unseen.
    const preemptible = PREEMPTIBLE.has(req.purpose) && !req.onToken;
    const fn = (preempted: AbortSignal) => this.call(req, preempted);
    // No model picked: fail now rather than after a deferral.
    if (req.defer && this.lane.idle && this.model()) return this.lane.defer(fn, req.signal, preemptible);
    return this.lane.run(fn, req.signal, { interactive, preemptible });
  }

  /** Lets deferred calls go now (shutdown). */
  flush(): void {
    this.lane.flush();
  }

  /** Lets deferred calls go now, without closing (someone waits for all model work to finish). */
  release(): void {
    this.lane.release();
  }

  /** Nothing running or waiting: a warm-up may go now without delaying anyone. */
  get idle(): boolean {
    return this.lane.idle;
  }

  private async call(req: ChatRequest, preempted: AbortSignal): Promise<ChatResult> {
    const model = this.model();
    const host = this.connection.host();
    const started = this.clock.now();
    const t0 = performance.now();
    const record = (r: Partial<ChatResult> & { error?: string }) =>
      this.audit({
        at: started,
        conversationId: req.conversationId ?? null,
        event: r.error ? 'error' : 'model_call',
        purpose: req.purpose,
        model: model || null,
        promptTokens: r.promptTokens ?? null,
        outputTokens: r.outputTokens ?? null,
        latencyMs: Math.round(performance.now() - t0),
        promptEvalMs: r.promptEvalMs ?? null,
        evalMs: r.evalMs ?? null,
        loadMs: r.loadMs ?? null,
        reason: r.error ? 'model_error' : null,
        messageId: null,
        detail: r.error ?? '',
      });
    if (!model)
      throw new AppError('assistant_unavailable', 'No model is picked. Choose or download one in Settings → Assistant.', {
        kind: 'no_model',
      });

    const stop = new AbortController();
    const client = this.connection.clientFor(stop.signal);
    let stream: AbortableAsyncIterator<ChatResponse> | null = null;
    let timer: unknown = null;
    let timedOut = false;
    const arm = (ms: number) => {
      if (timer !== null) this.clock.clearTimeout(timer);
      timer = this.clock.setTimeout(() => {
        timedOut = true;
        stop.abort();
      }, ms);
    };
    const onAbort = () => stop.abort();
    req.signal?.addEventListener('abort', onAbort);
    preempted.addEventListener('abort', onAbort);
    if (req.signal?.aborted || preempted.aborted) stop.abort();
    try {
      const think = (await this.connection.supportsThinking(model)) ? { think: false as const } : {};
      arm(FIRST_TOKEN_TIMEOUT_MS);
      stream = await client.chat({
        model,
        messages: req.messages,
        stream: true,
        keep_alive: KEEP_ALIVE,
        ...think,
        ...(req.format ? { format: req.format } : {}),
        ...(req.tools ? { tools: req.tools } : {}),
        options: { num_ctx: NUM_CTX, temperature: req.temperature ?? 0.3, num_predict: req.maxTokens ?? 320 },
      });
      let content = '';
      let last: ChatResponse | null = null;
      const toolCalls: ChatResult['toolCalls'] = [];
      for await (const part of stream) {
        arm(IDLE_TIMEOUT_MS);
        const piece = part.message?.content ?? '';
        if (piece) {
          content += piece;
          req.onToken?.(piece);
        }
        for (const tc of part.message?.tool_calls ?? []) toolCalls.push({ name: tc.function.name, arguments: tc.function.arguments ?? {} });
        if (part.done) last = part;
      }
      const ms = (ns: number | undefined) => (ns ? Math.round(ns / 1e6) : undefined);
      const result: ChatResult = {
        content,
        model,
        promptTokens: last?.prompt_eval_count ?? 0,
        outputTokens: last?.eval_count ?? 0,
        durationMs: Math.round(performance.now() - t0),
        promptEvalMs: ms(last?.prompt_eval_duration),
        evalMs: ms(last?.eval_duration),
        loadMs: ms(last?.load_duration),
        ...(toolCalls.length ? { toolCalls } : {}),
      };
      record(result);
      return result;
    } catch (err) {
      if (req.signal?.aborted) {
        record({ error: 'cancelled' });
        throw new AppError('conflict', 'Cancelled');
      }
      // Stopped for the owner's draft: the lane runs it again after the draft. Nothing failed, so nothing is recorded.
      if (preempted.aborted) throw new AppError('conflict', 'Pre-empted by a draft');
      const e = timedOut
        ? new AppError('assistant_unavailable', 'The model took too long to answer and was stopped.', { kind: 'timeout' })
        : describeOllamaError(err, host, model);
      record({ error: e.message });
      if (failureKind(e) === 'unreachable' || failureKind(e) === 'no_model') this.connection.invalidate();
      throw e;
    } finally {
      if (timer !== null) this.clock.clearTimeout(timer);
      req.signal?.removeEventListener('abort', onAbort);
      preempted.removeEventListener('abort', onAbort);
    }
  }
}
