// Ollama through the official `ollama` npm client: connection status, installed models, streamed model download,
// and the ChatModel implementation (streamed chat with num_ctx/keep_alive/think fixed, timings recorded in the audit).
import type { ErrorReason } from '../../shared/error-reasons';
import { Ollama, type ChatResponse, type AbortableAsyncIterator, type ProgressResponse } from 'ollama';
import type { Clock } from '../clock';
import { AppError } from '../errors';
import type { EventBus } from '../events';
import type { ChatModel, ChatRequest, ChatResult } from './chat-model';
import { DEFAULT_OLLAMA_HOST, KEEP_ALIVE, NUM_CTX, RECOMMENDED_MODEL } from './settings';
import type { AssistantStatus, InstalledModel, PullState } from './types';
import type { NewAudit } from '../db/repos/assistant-repo';

/** Quick calls (version, tags, show) give up after this; a running Ollama answers them in milliseconds. */
const QUICK_TIMEOUT_MS = 3_000;
/** A streamed answer that goes silent this long (after the first token) is abandoned. */
const IDLE_TIMEOUT_MS = 60_000;
/** First token: reading a long prompt and loading the model on a CPU laptop can take a while. */
const FIRST_TOKEN_TIMEOUT_MS = 180_000;
const STATUS_TTL_MS = 4_000;

export function resolveHost(setting: string, env: Record<string, string | undefined>): string {
  const raw = setting.trim() || env.OLLAMA_HOST?.trim() || DEFAULT_OLLAMA_HOST;
  // OLLAMA_HOST is often written without a scheme ("0.0.0.0:11434" or "127.0.0.1"): Ollama itself accepts that.
  const withScheme = /^https?:\/\//.test(raw) ? raw : `http://${raw}`;
  try {
    const u = new URL(withScheme);
    // 0.0.0.0 is a listen address, not one to connect to.
    if (u.hostname === '0.0.0.0') u.hostname = '127.0.0.1';
    if (!u.port && !/^https?:\/\/[^/]+:\d+/.test(withScheme)) u.port = '11434';
    return u.origin;
  } catch {
    return DEFAULT_OLLAMA_HOST;
  }
}

/** Why a model call failed: Ollama unreachable or the model missing (the owner must act), or a failed answer. */
export type FailureKind = 'unreachable' | 'no_model' | 'failed' | 'timeout';

/** Plain-words explanation of a failed call, for the owner; `details.kind` tells callers which case it is. */
export function describeOllamaError(err: unknown, host: string, model: string): AppError {
  if (err instanceof AppError) return err;
  const msg = err instanceof Error ? err.message : String(err);
  const cause =
    err instanceof Error && err.cause instanceof Error ? `${err.cause.message} ${(err.cause as { code?: string }).code ?? ''}` : '';
  const fail = (kind: FailureKind, text: string, reason: ErrorReason) =>
    new AppError('assistant_unavailable', text, { kind }, { reason, params: { host, model } });
  if (/fetch failed/i.test(msg) && /ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ECONNRESET|connect/i.test(cause)) {
    return fail(
      'unreachable',
      `Ollama is not running at ${host}. Install it from ollama.com, start it, then try again.`,
      'ollama_not_running',
    );
  }
  if (/aborted due to timeout|timed? ?out/i.test(`${msg} ${cause}`)) {
    return fail('unreachable', `Ollama at ${host} does not answer. Is it running? Start it, then try again.`, 'ollama_timeout');
  }
  if (/not found|try pulling/i.test(msg)) {
    return fail(
      'no_model',
      `The model “${model}” is not installed in Ollama. Download it in Settings → Assistant.`,
      'ollama_model_missing',
    );
  }
  return fail('failed', `Ollama could not answer: ${msg.slice(0, 200)}`, 'ollama_failed');
}

export function failureKind(err: unknown): FailureKind | null {
  if (!(err instanceof AppError) || err.code !== 'assistant_unavailable') return null;
  const kind = (err.details as { kind?: FailureKind } | undefined)?.kind;
  return kind ?? 'no_model';
}

/** A fetch that gives up on quick calls; streamed calls (chat, pull) are bounded by their own idle timers. */
function fetchWithTimeout(input: string | URL | Request, init?: RequestInit): Promise<Response> {
  const url = String(input instanceof Request ? input.url : input);
  if (/\/api\/(chat|pull|generate)$/.test(url)) return fetch(input, init);
  const timeout = AbortSignal.timeout(QUICK_TIMEOUT_MS);
  return fetch(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout });
}

export class OllamaConnection {
  private clientHost = '';
  private ollama: Ollama | null = null;
  private cached: AssistantStatus | null = null;
  private inflight: Promise<AssistantStatus> | null = null;
  private readonly capabilities = new Map<string, Promise<{ thinking: boolean }>>();
  private pullState: PullState | null = null;
  private pullIterator: AbortableAsyncIterator<ProgressResponse> | null = null;

  constructor(
    private readonly settings: () => { host: string; model: string },
    private readonly env: Record<string, string | undefined>,
    private readonly clock: Clock,
    private readonly events: EventBus,
  ) {}

  host(): string {
    return resolveHost(this.settings().host, this.env);
  }

  client(): Ollama {
    const host = this.host();
    if (!this.ollama || host !== this.clientHost) {
      this.ollama = new Ollama({ host, fetch: fetchWithTimeout });
      this.clientHost = host;
      this.capabilities.clear();
      this.cached = null;
    }
    return this.ollama;
  }

  /**
   * A client whose every request ends when `signal` aborts — also while Ollama is still loading the model or reading
   * the prompt, before the first streamed byte (the client's own abort only reaches an already started stream).
   */
  clientFor(signal: AbortSignal): Ollama {
    return new Ollama({
      host: this.host(),
      fetch: (input, init) => fetchWithTimeout(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, signal]) : signal }),
    });
  }

  /** Forget the cached status (host or model changed). */
  invalidate(): void {
    this.cached = null;
  }

  /**
   * Whether Ollama answers, its version and installed models. Cached for a few seconds and shared between
   * concurrent callers, so a UI that asks often never floods Ollama (or the log) with requests.
   */
  async status(force = false): Promise<AssistantStatus> {
    const now = this.clock.now();
    if (!force && this.cached && this.cached.host === this.host() && now - this.cached.checkedAt < STATUS_TTL_MS) return this.cached;
    if (this.inflight) return this.inflight;
    this.inflight = this.check().finally(() => (this.inflight = null));
    return this.inflight;
  }

  private async check(): Promise<AssistantStatus> {
    const host = this.host();
    const model = this.settings().model;
    const base = { host, model, checkedAt: this.clock.now(), recommended: { ...RECOMMENDED_MODEL } };
    let status: AssistantStatus;
    try {
      const client = this.client();
      const [{ version }, list] = await Promise.all([client.version(), client.list()]);
      const models: InstalledModel[] = list.models
        .map((m) => ({ name: m.name, sizeBytes: m.size, parameterSize: m.details?.parameter_size ?? '', family: m.details?.family ?? '' }))
        .sort((a, b) => a.name.localeCompare(b.name));
      const installed = !!model && models.some((m) => sameModel(m.name, model));
      status = {
        ...base,
        state: installed ? 'ready' : 'no_model',
        version,
        models,
        problem: installed
          ? null
          : models.length === 0
            ? `Ollama is running but has no models yet. Download the recommended model (${RECOMMENDED_MODEL.name}) in Settings → Assistant.`
            : model
              ? `The model “${model}” is not installed. Pick one of the installed models or download it.`
              : 'Pick a model in Settings → Assistant.',
      };
    } catch {
      status = {
        ...base,
        state: 'not_running',
        version: null,
        models: [],
        problem: `Ollama is not running at ${host}. Install it from ollama.com (Windows, macOS, Linux), start the Ollama app or run “ollama serve”, then check again.`,
      };
    }
    const prev = this.cached;
    this.cached = status;
    if (
      !prev ||
      prev.state !== status.state ||
      prev.host !== status.host ||
      prev.models.length !== status.models.length ||
      prev.model !== status.model
    ) {
      this.events.emit('assistant.status', status);
    }
    return status;
  }

  /** Whether the model supports Ollama's `think` switch (sending think:false to others fails on some versions). */
  async supportsThinking(model: string): Promise<boolean> {
    let p = this.capabilities.get(model);
    if (!p) {
      p = this.client()
        .show({ model })
        .then((r) => ({ thinking: (r.capabilities ?? []).includes('thinking') }))
        .catch(() => {
          // Not cached: a failed lookup (Ollama still starting) is retried on the next call.
          this.capabilities.delete(model);
          return { thinking: false };
        });
      this.capabilities.set(model, p);
    }
    return (await p).thinking;
  }

  pull(): PullState | null {
    return this.pullState;
  }

  /** Starts downloading a model; progress arrives as 'assistant.pull' events. One download at a time. */
  startPull(model: string): PullState {
    if (this.pullState?.running)
      throw new AppError('conflict', `Already downloading ${this.pullState.model}`, undefined, {
        reason: 'ollama_busy',
        params: { model: this.pullState.model },
      });
    const state: PullState = { model, running: true, status: 'starting', completed: 0, total: 0, error: null, done: false };
    this.pullState = state;
    this.events.emit('assistant.pull', { ...state });
    void this.runPull(state);
    return { ...state };
  }

  cancelPull(): void {
    if (!this.pullState?.running) return;
    this.pullIterator?.abort();
    this.pullState = { ...this.pullState, running: false, status: 'cancelled', error: null };
    this.events.emit('assistant.pull', { ...this.pullState });
  }

  private async runPull(state: PullState): Promise<void> {
    let lastEmit = 0;
    const emit = (force = false) => {
      const now = this.clock.now();
      if (!force && now - lastEmit < 200) return;
      lastEmit = now;
      if (this.pullState === state) this.events.emit('assistant.pull', { ...state });
    };
    try {
      const it = await this.client().pull({ model: state.model, stream: true });
      this.pullIterator = it;
      if (!state.running) {
        it.abort();
        return;
      }
      for await (const p of it) {
        if (!state.running) return;
        state.status = p.status;
        // Layers download one after another; show the layer being fetched (the big one dominates).
        if (p.total) {
          state.total = p.total;
          state.completed = p.completed ?? 0;
        }
        emit(p.status !== 'downloading' && !p.status.startsWith('pulling ') ? true : false);
      }
      state.done = true;
      state.running = false;
      state.status = 'success';
      this.invalidate();
      emit(true);
      void this.status(true);
    } catch (err) {
      if (this.pullState !== state || state.status === 'cancelled') return;
      state.running = false;
      const e = describeOllamaError(err, this.host(), state.model);
      state.error = failureKind(e) === 'unreachable' ? e.message : `Download failed: ${err instanceof Error ? err.message : String(err)}`;
      emit(true);
    } finally {
      this.pullIterator = null;
    }
  }
}

export function sameModel(a: string, b: string): boolean {
  const full = (x: string) => (x.includes(':') ? x : `${x}:latest`);
  return full(a) === full(b);
}

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
