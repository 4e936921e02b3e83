// The only module that talks to the core: window.lavka in Electron, HTTP + WebSocket in a browser.
// Everything is typed by the core's declared contract: each method's input and output types come from its zod schemas
// (main/core/<domain>/api.ts and outputs.ts); only types are imported, no core code is bundled into the renderer.
import type { Api, ApiInput, ApiOutput, MethodName } from '../../main/core/api/contract';
import type { ApiError, Envelope } from '../../main/core/api/envelope';
import type { AppEvent, EventName, EventMap } from '../../main/core/events';
import type { CoreStatus, DesktopBridge } from '../../preload/bridge';

export type { Api, ApiInput, ApiOutput, MethodName, AppEvent, EventMap, CoreStatus };

export class ApiCallError extends Error {
  constructor(
    readonly code: ApiError['code'],
    message: string,
    readonly details?: unknown,
    readonly reason?: ApiError['reason'],
    readonly params?: ApiError['params'],
  ) {
    super(message);
  }
}

/** The token the server put into this page (headless mode); API calls carry it in a header, never only as a cookie. */
function pageToken(): string {
  return document.querySelector<HTMLMetaElement>('meta[name="lavka-token"]')?.content ?? '';
}

async function rawCall(name: string, input: unknown): Promise<Envelope<unknown>> {
  if (window.lavka) return (await window.lavka.call(name, input)) as Envelope<unknown>;
  let res: Response;
  try {
    res = await fetch(`/api/${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-lavka-token': pageToken() },
      credentials: 'same-origin',
      body: JSON.stringify(input ?? {}),
    });
  } catch {
    return { ok: false, error: { code: 'internal', message: 'Lavka is not reachable. Is it still running?', reason: 'lavka_unreachable' } };
  }
  if (res.status === 401 || res.status === 403) {
    return {
      ok: false,
      error: { code: 'unauthorized', message: 'Open Lavka from the link it printed (with ?token=…).', reason: 'open_with_token' },
    };
  }
  try {
    return (await res.json()) as Envelope<unknown>;
  } catch {
    return { ok: false, error: { code: 'internal', message: `Lavka answered ${res.status} without details.` } };
  }
}

// Answers asked for before the rest of the UI's code has run (renderer/src/first-calls.ts), by method and input. The
// first call with the same method and input takes its answer; one nobody took within a few seconds is dropped, so a
// later call never gets an old answer.
const early = new Map<string, Promise<Envelope<unknown>>>();
const EARLY_KEEP_MS = 5_000;
const earlyKey = (name: string, input: unknown) => `${name} ${JSON.stringify(input ?? {})}`;

/** Sends a call now and keeps its answer for the first `call()` with the same method and input (browser only). */
export function callEarly<K extends MethodName>(name: K, ...args: undefined extends ApiInput<K> ? [ApiInput<K>?] : [ApiInput<K>]): void {
  if (window.lavka) return; // the desktop window waits for its core process first
  const key = earlyKey(name, args[0]);
  early.set(key, rawCall(name, args[0] ?? {}));
  setTimeout(() => early.delete(key), EARLY_KEEP_MS);
}

/** Calls a core method; resolves with its value or throws ApiCallError with a stable code and a human message. */
export async function call<K extends MethodName>(
  name: K,
  ...args: undefined extends ApiInput<K> ? [ApiInput<K>?] : [ApiInput<K>]
): Promise<ApiOutput<K>> {
  let pending: Promise<Envelope<unknown>> | undefined;
  if (early.size > 0) {
    const key = earlyKey(name, args[0]);
    pending = early.get(key);
    early.delete(key);
  }
  const env = await (pending ?? rawCall(name, args[0] ?? {}));
  if (!env.ok) throw new ApiCallError(env.error.code, env.error.message, env.error.details, env.error.reason, env.error.params);
  return env.value as ApiOutput<K>;
}

type Handler = (e: AppEvent) => void;
const handlers = new Set<Handler>();
let connected = false;
const connectionListeners = new Set<(up: boolean) => void>();

function dispatchEvent(e: AppEvent): void {
  for (const h of handlers) h(e);
}

// Lavka runs on this computer: after a restart it is back within seconds, so a closed tab-to-Lavka socket is retried
// soon and often (at most every 5 s); each outage starts again from the shortest pause.
const RETRY_FIRST_MS = 500;
const RETRY_MAX_MS = 5_000;

function connectSocket(retryMs = RETRY_FIRST_MS): void {
  const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const ws = new WebSocket(`${proto}//${location.host}/events`);
  let next = retryMs;
  ws.onopen = () => {
    next = RETRY_FIRST_MS;
    setConnected(true);
  };
  ws.onmessage = (m) => dispatchEvent(JSON.parse(String(m.data)) as AppEvent);
  ws.onclose = () => {
    setConnected(false);
    setTimeout(() => connectSocket(Math.min(next * 2, RETRY_MAX_MS)), next);
  };
}

function setConnected(up: boolean): void {
  if (connected === up) return;
  connected = up;
  for (const l of connectionListeners) l(up);
}

let started = false;
function ensureStarted(): void {
  if (started) return;
  started = true;
  if (window.lavka) {
    // Desktop: events come over the MessagePort to the core process; "connected" follows that process's state.
    window.lavka.onEvent((e) => dispatchEvent(e as AppEvent));
    window.lavka.onCoreStatus((s) => setConnected(s.state === 'ready'));
  } else {
    connectSocket();
  }
}

/** Subscribes to one core event type. Returns an unsubscribe function. */
export function on<K extends EventName>(type: K, fn: (payload: EventMap[K]) => void): () => void {
  ensureStarted();
  const h: Handler = (e) => {
    if (e.type === type) fn(e.payload as EventMap[K]);
  };
  handlers.add(h);
  return () => handlers.delete(h);
}

/** Live-connection state (the WebSocket in a browser), for the "reconnecting…" banner. */
export function onConnection(fn: (up: boolean) => void): () => void {
  ensureStarted();
  connectionListeners.add(fn);
  fn(connected);
  return () => connectionListeners.delete(fn);
}

/**
 * Hands a file the core prepared (an export) to the owner: the desktop app asks where to save it; a browser downloads
 * it from GET /download/<id>. Returns false when the owner cancelled the save dialog.
 */
export async function saveDownload(id: string, fileName: string): Promise<boolean> {
  if (window.lavka) {
    const r = await window.lavka.saveDownload(id);
    if (!r.ok && r.error) throw new ApiCallError('not_found', r.error);
    return r.ok;
  }
  const a = document.createElement('a');
  a.href = `/download/${encodeURIComponent(id)}`;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  return true;
}

/** True in the desktop window (Electron), false in a browser (serve). */
export function isDesktop(): boolean {
  return Boolean(window.lavka);
}

/** The core process's state in the desktop app (starting, ready, restarting, failed); always ready in a browser. */
export function onCoreStatus(fn: (s: CoreStatus) => void): () => void {
  if (!window.lavka) {
    fn({ state: 'ready' });
    return () => {};
  }
  return window.lavka.onCoreStatus(fn);
}

/** A desktop notification was clicked: the shell asks to open that conversation. */
export function onOpenConversation(fn: (conversationId: number) => void): () => void {
  return window.lavka ? window.lavka.onOpenConversation(fn) : () => {};
}

/** Desktop-only shell features (tray settings, About, the browser file dialog); null in a browser. */
export function desktop(): DesktopBridge | null {
  return window.lavka?.desktop ?? null;
}

/** The core's state right now (the bridge reports it synchronously on subscribe). */
export function currentCoreStatus(): CoreStatus {
  let now: CoreStatus = { state: 'ready' };
  onCoreStatus((s) => (now = s))();
  return now;
}

/**
 * Where the page loads a stored photo, voice note or file from: GET /media/<id> in a browser (authenticated by the
 * cookie); in the desktop window the bytes come through the API and become a blob: URL. download: always a download.
 */
export async function mediaSource(id: number, download = false): Promise<string> {
  if (!window.lavka) return `/media/${id}${download ? '?download' : ''}`;
  const f = await call('media.read', { id });
  const bytes = Uint8Array.from(atob(f.dataBase64), (c) => c.charCodeAt(0));
  return URL.createObjectURL(new Blob([bytes], { type: download ? 'application/octet-stream' : f.mime }));
}

/** A file the owner picked or dropped, as base64 for media.upload / sandbox.sendMedia. */
export function fileToBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    // readAsDataURL always yields a string.
    r.onload = () => resolve((r.result as string).replace(/^data:[^,]*,/, ''));
    r.onerror = () => reject(r.error ?? new Error('Could not read the file'));
    r.readAsDataURL(file);
  });
}
