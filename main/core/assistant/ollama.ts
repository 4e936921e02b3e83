// Ollama through the official `ollama` npm client: the connection (host, status, installed models, capabilities),
// streamed model download, and plain-words errors. Model calls themselves are in ollama-chat.ts.
import type { ErrorReason } from '../../shared/error-reasons';
import { Ollama, type AbortableAsyncIterator, type ProgressResponse } from 'ollama';
import type { Clock } from '../clock';
import { AppError } from '../errors';
import type { EventBus } from '../events';
import { DEFAULT_OLLAMA_HOST, RECOMMENDED_MODEL } from './settings';
import type { AssistantStatus, InstalledModel, PullState } from './types';

/** Quick calls (version, tags, show) give up after this; a running Ollama answers them in milliseconds. */
const QUICK_TIMEOUT_MS = 3_000;
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
