// The only module that talks to the core: window.lavka in Electron, HTTP + WebSocket in a browser.
// Everything is typed by the core's contract (types only; no core code is bundled into the renderer).
import type { Api, ApiInput, ApiOutput, MethodName } from '../../main/core/api/contract';
import type { ApiError, Envelope } from '../../main/core/api/envelope';
import type { AppEvent, EventName, EventMap } from '../../main/core/events';

export type { Api, ApiInput, ApiOutput, MethodName, AppEvent, EventMap };

export class ApiCallError extends Error {
  constructor(
    readonly code: ApiError['code'],
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

async function rawCall(name: string, input: unknown): Promise<Envelope<unknown>> {
  if (window.lavka) return (await window.lavka.call(name, input)) as Envelope<unknown>;
  let res: Response;
  try {
    res = await fetch(`/api/${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      credentials: 'same-origin',
      body: JSON.stringify(input ?? {}),
    });
  } catch {
    return { ok: false, error: { code: 'internal', message: 'Lavka is not reachable. Is it still running?' } };
  }
  if (res.status === 401) return { ok: false, error: { code: 'unauthorized', message: 'Open Lavka from the link it printed (with ?token=…).' } };
  return (await res.json()) as Envelope<unknown>;
}

/** Calls a core method; resolves with its value or throws ApiCallError with a stable code and a human message. */
export async function call<K extends MethodName>(name: K, ...args: undefined extends ApiInput<K> ? [ApiInput<K>?] : [ApiInput<K>]): Promise<ApiOutput<K>> {
  const env = await rawCall(name, args[0] ?? {});
  if (!env.ok) throw new ApiCallError(env.error.code, env.error.message, env.error.details);
  return env.value as ApiOutput<K>;
}

type Handler = (e: AppEvent) => void;
const handlers = new Set<Handler>();
let connected = false;
const connectionListeners = new Set<(up: boolean) => void>();

function dispatchEvent(e: AppEvent): void {
  for (const h of handlers) h(e);
}

function connectSocket(retryMs = 500): void {
  const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const ws = new WebSocket(`${proto}//${location.host}/events`);
  ws.onopen = () => setConnected(true);
  ws.onmessage = (m) => dispatchEvent(JSON.parse(String(m.data)) as AppEvent);
  ws.onclose = () => {
    setConnected(false);
    setTimeout(() => connectSocket(Math.min(retryMs * 2, 10_000)), retryMs);
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
    window.lavka.onEvent((e) => dispatchEvent(e as AppEvent));
    setConnected(true);
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
    r.onload = () => resolve(String(r.result).replace(/^data:[^,]*,/, ''));
    r.onerror = () => reject(r.error ?? new Error('Could not read the file'));
    r.readAsDataURL(file);
  });
}
