// Model calls through Ollama: one lane that serialises them (the owner's draft before background work, deferred
// background calls), and the ChatModel that streams an answer with fixed options (num_ctx, keep_alive, think) so
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
 * Serialises model calls: one answer at a time keeps a CPU laptop responsive and Ollama's single cache slot warm.
 * A waiting interactive call (a draft the owner watches appear) is started before waiting background calls.
 */
/** How long a deferred call waits before it queues for the model (the owner's draft request comes within it). */
export const DEFER_MS = 1_500;

class Lane {
  private busy = false;
  private readonly waiting: { interactive: boolean; start: () => void }[] = [];
  private readonly deferred = new Map<unknown, () => void>();

  constructor(private readonly clock: Clock) {}

  private closing = false;

  /** Queues `fn` after DEFER_MS (or at once on flush), as background work. */
  defer<T>(fn: () => Promise<T>, signal: AbortSignal | undefined): Promise<T> {
    if (this.closing) return this.run(fn, signal, false);
    return new Promise<T>((resolve, reject) => {
      const go = () => {
        this.deferred.delete(handle);
        this.run(fn, signal, false).then(resolve, reject);
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

  run<T>(fn: () => Promise<T>, signal: AbortSignal | undefined, interactive: boolean): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const start = () => {
        this.busy = true;
        const go = signal?.aborted ? Promise.reject(new AppError('conflict', 'Cancelled')) : fn();
        go.then(resolve, reject).finally(() => {
          this.busy = false;
          this.next();
        });
      };
      this.waiting.push({ interactive, start });
      if (!this.busy) this.next();
    });
  }

  get idle(): boolean {
    return !this.busy && this.waiting.length === 0;
  }

  private next(): void {
    if (this.busy || this.waiting.length === 0) return;
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
    // No model picked: fail now rather than after a deferral.
    if (req.defer && this.lane.idle && this.model()) return this.lane.defer(() => this.call(req), req.signal);
    return this.lane.run(() => this.call(req), req.signal, INTERACTIVE.has(req.purpose));
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

  private async call(req: ChatRequest): Promise<ChatResult> {
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
    if (req.signal?.aborted) stop.abort();
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
      const e = timedOut
        ? new AppError('assistant_unavailable', 'The model took too long to answer and was stopped.', { kind: 'timeout' })
        : describeOllamaError(err, host, model);
      record({ error: e.message });
      if (failureKind(e) === 'unreachable' || failureKind(e) === 'no_model') this.connection.invalidate();
      throw e;
    } finally {
      if (timer !== null) this.clock.clearTimeout(timer);
      req.signal?.removeEventListener('abort', onAbort);
    }
  }
}
