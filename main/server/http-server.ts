// The headless transport: every API method as POST /api/<method>, GET /api for the method list,
// events over WebSocket at /events, and the renderer's files. Who may ask what is decided in ./auth.ts.
// A malformed request is answered 400 (or its socket closed) and logged in one line: it never reaches a throw that
// could take the process down.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { App } from '../core/app';
import { dispatch, describeMethods } from '../core/api/dispatch';
import { RequestGuard, TOKEN_COOKIE, parseTarget } from './auth';
import { serveStatic } from './static';
import { serveDownload } from './downloads';
import { sendForeign, sendNeedLink } from './pages';
import { serveMedia } from './media';

export interface ServerOptions {
  host: string;
  port: number;
  token: string;
  rendererDir: string;
  /** An event-socket client with more than this many bytes not yet sent is disconnected (it stopped reading). */
  maxBufferedBytes?: number;
}

const MAX_BODY_BYTES = 2 * 1024 * 1024;
const DEFAULT_MAX_BUFFERED = 4 * 1024 * 1024;
/** Attachments travel as base64 in the JSON body: a 100 MB file (the largest size cap) is about 134 MB of it. */
const MAX_UPLOAD_BYTES = 140 * 1024 * 1024;
const UPLOAD_METHODS = new Set(['media.upload', 'sandbox.sendMedia']);

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** One line per refused request; the target is cut short and stripped of control characters. */
function refuse(what: string, req: IncomingMessage | null, reason: string): void {
  const target = req ? `${String(req.method).slice(0, 10)} ${String(req.url ?? '').slice(0, 80)}`.replace(/[^\x20-\x7e]/g, '?') : '';
  console.warn(`[serve] refused ${what}${target ? ` ${target}` : ''}: ${reason}`);
}

export async function startHttpServer(app: App, opts: ServerOptions): Promise<RunningServer> {
  const sockets = new Set<WebSocket>();
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  const maxBuffered = opts.maxBufferedBytes ?? DEFAULT_MAX_BUFFERED;
  // The port is known only after listen (port 0 picks one); the guard is built then, before any request is served.
  let guard: RequestGuard | null = null;

  const server: Server = createServer((req, res) => {
    handle(app, opts, guard!, req, res).catch((err: unknown) => {
      if (err instanceof URIError) {
        refuse('request', req, 'malformed percent-encoding');
        if (!res.headersSent) sendJson(res, 400, { ok: false, error: { code: 'invalid_input', message: 'Malformed URL' } });
        else res.destroy();
        return;
      }
      console.error('[serve] request failed', err);
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: { code: 'internal', message: 'Internal error' } });
      else res.destroy();
    });
  });
  // Requests Node's parser cannot read (bad request line, oversized headers, garbage): 400 and close.
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    refuse('connection', null, err.code ?? 'unparseable request');
    if ((socket as Socket).writable && !(socket as Socket).destroyed)
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    else socket.destroy();
  });
  wss.on('wsClientError', (err, socket) => {
    refuse('event socket', null, err.message);
    socket.destroy();
  });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const reject = (status: string, reason: string) => {
      refuse('event socket', req, reason);
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    try {
      const url = parseTarget(req.url);
      if (!url) return reject('400 Bad Request', 'malformed URL');
      const verdict = guard!.checkOrigin(req);
      if (!verdict.ok) return reject(verdict.status === 400 ? '400 Bad Request' : '403 Forbidden', verdict.reason);
      if (url.pathname !== '/events') return reject('404 Not Found', 'no such socket');
      if (!guard!.pageToken(req, url)) return reject('401 Unauthorized', 'no token');
      wss.handleUpgrade(req, socket, head, (ws) => {
        sockets.add(ws);
        ws.on('close', () => sockets.delete(ws));
        ws.on('error', (err) => {
          refuse('event frame', null, err.message);
          sockets.delete(ws);
        });
        // The UI never sends anything on this socket; a client that does is ignored, not parsed.
      });
    } catch (err) {
      reject('400 Bad Request', err instanceof Error ? err.message : String(err));
    }
  });

  const unsubscribe = app.services.events.subscribe((event) => {
    const data = JSON.stringify(event);
    for (const ws of sockets) {
      if (ws.readyState !== ws.OPEN) continue;
      // A tab that stopped reading (asleep, frozen, hostile) would make Lavka hold every event for it forever.
      // It is cut off; a live tab reconnects and reloads what it shows.
      if (ws.bufferedAmount > maxBuffered) {
        refuse('event socket', null, `client stopped reading (${Math.round(ws.bufferedAmount / 1024)} KB unsent); disconnected`);
        sockets.delete(ws);
        ws.terminate();
        continue;
      }
      ws.send(data);
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  guard = new RequestGuard(opts.host, port, opts.token);
  const hostForUrl = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  return {
    port,
    url: `http://${hostForUrl}:${port}/?token=${opts.token}`,
    async close() {
      unsubscribe();
      for (const ws of sockets) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function handle(app: App, opts: ServerOptions, guard: RequestGuard, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = parseTarget(req.url);
  if (!url) {
    refuse('request', req, 'malformed URL');
    res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end('Bad request');
    return;
  }
  const verdict = guard.checkOrigin(req);
  if (!verdict.ok) {
    refuse('request', req, verdict.reason);
    return sendForeign(res, verdict.status);
  }

  if (url.pathname === '/api' || url.pathname.startsWith('/api/')) {
    // API calls change things or read customer data: the token must be in a header, which only Lavka's own page
    // (or a script the owner runs) can set. The cookie alone is not enough.
    if (!guard.headerToken(req)) {
      sendJson(res, 401, { ok: false, error: { code: 'unauthorized', message: 'Open Lavka from the link it printed (with ?token=…).' } });
      return;
    }
    if (url.pathname === '/api') {
      if (req.method !== 'GET') return sendJson(res, 405, { ok: false, error: { code: 'invalid_input', message: 'Use GET' } });
      sendJson(res, 200, { methods: describeMethods(app.methods), events: '/events (WebSocket, JSON {type, payload})' });
      return;
    }
    if (req.method !== 'POST') {
      sendJson(res, 405, { ok: false, error: { code: 'invalid_input', message: 'Use POST with a JSON body' } });
      return;
    }
    const name = decodeURIComponent(url.pathname.slice(5));
    let input: unknown;
    try {
      input = await readJson(req, UPLOAD_METHODS.has(name) ? MAX_UPLOAD_BYTES : MAX_BODY_BYTES);
    } catch (err) {
      sendJson(res, 400, { ok: false, error: { code: 'invalid_input', message: (err as Error).message } });
      return;
    }
    const result = await dispatch(app.methods, name, input);
    const status = result.ok ? 200 : statusFor(result.error.code);
    sendJson(res, status, result);
    return;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405).end();
    return;
  }
  if (!guard.pageToken(req, url)) return sendNeedLink(res);
  if (url.pathname.startsWith('/download/')) return serveDownload(app, url.pathname, res);
  if (url.pathname.startsWith('/media/')) return serveMedia(app, url.pathname, url.searchParams.has('download'), res);
  // Opening the printed URL sets a cookie so the page's own socket and downloads carry the token; the page reads the
  // token for its API calls from the HTML it was served (a page from another origin can never read that HTML).
  res.setHeader('set-cookie', `${TOKEN_COOKIE}=${encodeURIComponent(opts.token)}; HttpOnly; SameSite=Strict; Path=/`);
  await serveStatic(opts.rendererDir, url.pathname, res, { token: opts.token });
}

function statusFor(code: string): number {
  switch (code) {
    case 'invalid_input':
      return 400;
    case 'not_found':
    case 'unknown_method':
      return 404;
    case 'conflict':
    case 'setup_required':
      return 409;
    case 'channel_unavailable':
    case 'assistant_unavailable':
      return 503;
    default:
      return 500;
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const data = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(data);
}

async function readJson(req: IncomingMessage, limit: number): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new Error(`Request body is larger than ${Math.round(limit / 1024 / 1024)} MB`);
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (!text) return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new Error('Request body is not valid JSON');
  }
}
