// The headless transport: every API method as POST /api/<method>, GET /api for the method list,
// events over WebSocket at /events, and the renderer's files. Every request needs the token.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { App } from '../core/app';
import { dispatch, describeMethods } from '../core/api/dispatch';
import { TOKEN_COOKIE, tokenFrom, tokenMatches } from './auth';
import { serveStatic } from './static';
import { serveDownload } from './downloads';
import { serveMedia } from './media';

export interface ServerOptions {
  host: string;
  port: number;
  token: string;
  rendererDir: string;
}

const MAX_BODY_BYTES = 2 * 1024 * 1024;
/** Attachments travel as base64 in the JSON body: a 100 MB file (the largest size cap) is about 134 MB of it. */
const MAX_UPLOAD_BYTES = 140 * 1024 * 1024;
const UPLOAD_METHODS = new Set(['media.upload', 'sandbox.sendMedia']);

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function startHttpServer(app: App, opts: ServerOptions): Promise<RunningServer> {
  const sockets = new Set<WebSocket>();
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });

  const server: Server = createServer((req, res) => {
    handle(app, opts, req, res).catch((err) => {
      console.error('[serve] request failed', err);
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: { code: 'internal', message: 'Internal error' } });
    });
  });

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== '/events' || !tokenMatches(tokenFrom(req, url), opts.token)) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      ws.on('error', () => sockets.delete(ws));
    });
  });

  const unsubscribe = app.services.events.subscribe((event) => {
    const data = JSON.stringify(event);
    for (const ws of sockets) if (ws.readyState === ws.OPEN) ws.send(data);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
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

async function handle(app: App, opts: ServerOptions, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const given = tokenFrom(req, url);
  if (!tokenMatches(given, opts.token)) {
    res.writeHead(401, { 'content-type': 'text/plain; charset=utf-8', 'www-authenticate': 'Bearer' });
    res.end('Unauthorized');
    return;
  }
  // Opening the printed URL sets a cookie so the page's own requests and socket carry the token.
  const cookie = `${TOKEN_COOKIE}=${encodeURIComponent(opts.token)}; HttpOnly; SameSite=Strict; Path=/`;

  if (url.pathname === '/api' && req.method === 'GET') {
    sendJson(res, 200, { methods: describeMethods(app.methods), events: '/events (WebSocket, JSON {type, payload})' });
    return;
  }
  if (url.pathname.startsWith('/api/')) {
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
  if (url.pathname.startsWith('/download/')) return serveDownload(app, url.pathname, res);
  if (url.pathname.startsWith('/media/')) return serveMedia(app, url.pathname, url.searchParams.has('download'), res);
  res.setHeader('set-cookie', cookie);
  await serveStatic(opts.rendererDir, url.pathname, res);
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
