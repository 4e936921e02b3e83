import { afterEach, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';
import { startHttpServer, type RunningServer } from '../../main/server/http-server';
import { makeTestApp, tempDir, type TestApp } from '../helpers/test-app';
import { raw } from './http-helpers';

let t: TestApp;
let server: RunningServer;
const TOKEN = 'x'.repeat(20);
const BEARER = { authorization: `Bearer ${TOKEN}` };

afterEach(async () => {
  await server?.close();
  await t?.close();
});

async function boot(host = '127.0.0.1') {
  t = await makeTestApp();
  const rendererDir = tempDir();
  mkdirSync(rendererDir, { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<html><head></head><body>lavka</body></html>');
  server = await startHttpServer(t.app, { host, port: 0, token: TOKEN, rendererDir });
  return `http://127.0.0.1:${server.port}`;
}

function openSocket(url: string, headers: Record<string, string> = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.on('open', () => resolve(ws));
    ws.on('unexpected-response', (_req, res) => reject(new Error(String(res.statusCode))));
    ws.on('error', reject);
  });
}

describe('headless server', () => {
  it('prints a URL with the token that opens the UI, sets the cookie and hands the page its token', async () => {
    const origin = await boot();
    expect(server.url).toBe(`${origin}/?token=${TOKEN}`);
    const res = await fetch(server.url);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('lavka');
    expect(html).toContain(`<meta name="lavka-token" content="${TOKEN}">`);
    expect(res.headers.get('set-cookie')).toMatch(/lavka_token=x+; HttpOnly; SameSite=Strict/);
    // The cookie opens pages again (a bookmark of / works)…
    expect((await raw(server.port, '/', { headers: { cookie: `lavka_token=${TOKEN}` } })).status).toBe(200);
    // …but never calls the API on its own.
    const viaCookie = await raw(server.port, '/api/app.info', { method: 'POST', headers: { cookie: `lavka_token=${TOKEN}` } });
    expect(viaCookie.status).toBe(401);
    const viaHeader = await raw(server.port, '/api/app.info', { method: 'POST', headers: { 'x-lavka-token': TOKEN } });
    expect(viaHeader.status).toBe(200);
  });

  it('shows "Paste the link Lavka printed" to a browser without the token, and 401 to the API', async () => {
    const origin = await boot();
    for (const path of ['/', '/inbox', '/../../etc/passwd', '/download/abc']) {
      const res = await fetch(origin + path);
      expect(res.status, path).toBe(401);
      expect(await res.text(), path).toContain('Paste the link Lavka printed');
    }
    for (const [path, init] of [
      ['/api', {}],
      ['/api/inbox.list', { method: 'POST', body: '{}' }],
      ['/api/inbox.list', { method: 'POST', headers: { authorization: `Bearer ${TOKEN}y` } }],
      ['/api/inbox.list', { method: 'POST', headers: { cookie: `lavka_token=${TOKEN}` } }],
    ] as const) {
      const res = await fetch(origin + path, init);
      expect(res.status, path).toBe(401);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
    }
  });

  it('documents every method at GET /api with the JSON Schemas of its input and its output', async () => {
    const origin = await boot();
    const res = await fetch(`${origin}/api`, { headers: { 'x-lavka-token': TOKEN } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { methods: { name: string; input: unknown; output: unknown }[] };
    expect(body.methods.length).toBe(Object.keys(t.app.methods).length);
    const send = body.methods.find((m) => m.name === 'messages.send')!;
    expect(send.input).toMatchObject({ type: 'object', required: expect.arrayContaining(['conversationId', 'text']) });
    expect(send.output).toMatchObject({ type: 'object', required: expect.arrayContaining(['id', 'status', 'body']) });
    expect(body.methods.find((m) => m.name === 'inbox.markRead')!.output).toMatchObject({ type: 'null' });
  });

  it('refuses requests from another origin or site whatever token they carry (403)', async () => {
    await boot();
    const p = server.port;
    const api = (headers: Record<string, string>) =>
      raw(p, '/api/conversations.open', { method: 'POST', headers: { ...BEARER, cookie: `lavka_token=${TOKEN}`, ...headers }, body: '{}' });
    // Another port on the same address is another origin (browsers share the cookie with it, not the origin).
    expect((await api({ origin: 'http://127.0.0.1:1' })).status).toBe(403);
    expect((await api({ origin: 'http://evil.example' })).status).toBe(403);
    expect((await api({ origin: 'null' })).status).toBe(403);
    expect((await api({ 'sec-fetch-site': 'same-site' })).status).toBe(403);
    expect((await api({ 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    // A cross-origin "simple" POST (text/plain, no preflight) is refused before its body is read.
    const plain = await raw(p, '/api/settings.update', {
      method: 'POST',
      headers: { cookie: `lavka_token=${TOKEN}`, origin: 'http://127.0.0.1:1', 'content-type': 'text/plain' },
      body: '{}',
    });
    expect(plain.status).toBe(403);
    // Pages and downloads too: the cookie is not enough from another site.
    expect((await raw(p, '/', { headers: { cookie: `lavka_token=${TOKEN}`, 'sec-fetch-site': 'same-site' } })).status).toBe(403);
    // Lavka's own page (same origin), the printed link typed or clicked in a terminal (none), and scripts (no header) pass.
    expect(
      (
        await raw(p, '/api/app.info', {
          method: 'POST',
          headers: { ...BEARER, origin: `http://127.0.0.1:${p}`, 'sec-fetch-site': 'same-origin' },
        })
      ).status,
    ).toBe(200);
    expect((await raw(p, `/?token=${TOKEN}`, { headers: { 'sec-fetch-site': 'none' } })).status).toBe(200);
    expect((await raw(p, '/api/app.info', { method: 'POST', headers: BEARER })).status).toBe(200);
  });

  it('answers only to its own address in Host (DNS rebinding), by name or loopback IP', async () => {
    await boot();
    const p = server.port;
    const withHost = (host: string) => raw(p, '/api/app.info', { method: 'POST', headers: { ...BEARER, host } });
    expect((await withHost(`127.0.0.1:${p}`)).status).toBe(200);
    expect((await withHost(`localhost:${p}`)).status).toBe(200);
    expect((await withHost(`[::1]:${p}`)).status).toBe(200);
    expect((await withHost(`attacker.example:${p}`)).status).toBe(403);
    expect((await withHost(`127.0.0.1:${p + 1}`)).status).toBe(403);
    expect((await withHost(`127.0.0.1`)).status).toBe(403);
    expect((await withHost(`bad host`)).status).toBe(400);
  });

  it('bound to every interface (--host 0.0.0.0) accepts IP addresses in Host but not host names', async () => {
    await boot('0.0.0.0');
    const p = server.port;
    const withHost = (host: string) => raw(p, '/api/app.info', { method: 'POST', headers: { ...BEARER, host } });
    expect((await withHost(`192.168.1.20:${p}`)).status).toBe(200);
    expect((await withHost(`shop.example:${p}`)).status).toBe(403);
  });

  it('opens the event socket with the cookie from its own origin only, and streams events to it', async () => {
    const origin = await boot();
    const wsUrl = origin.replace('http', 'ws') + '/events';
    await expect(openSocket(wsUrl)).rejects.toThrow(/401/);
    await expect(openSocket(wsUrl, { cookie: `lavka_token=${TOKEN}`, origin: 'http://127.0.0.1:1' })).rejects.toThrow(/403/);
    await expect(openSocket(wsUrl, { cookie: `lavka_token=${TOKEN}`, host: 'evil.example' })).rejects.toThrow(/403/);

    const ws = await openSocket(wsUrl, { cookie: `lavka_token=${TOKEN}`, origin });
    const got = new Promise<{ type: string }>((r) => ws.on('message', (d) => r(JSON.parse(String(d)))));
    await raw(server.port, '/api/sandbox.say', { method: 'POST', headers: BEARER, body: JSON.stringify({ name: 'A', text: 'hi' }) });
    expect((await got).type).toBe('message.new');
    ws.close();
  });

  it('calls methods as POST /api/<method>, with envelopes and HTTP codes for errors', async () => {
    const origin = await boot();
    const post = (m: string, body: string) => fetch(`${origin}/api/${m}`, { method: 'POST', headers: BEARER, body });
    const ok = await post('inbox.list', '{}');
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ ok: true, value: { items: [] } });
    const bad = await post('inbox.list', '{not json');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ ok: false, error: { code: 'invalid_input', message: 'Request body is not valid JSON' } });
    expect((await post('nope.nothing', '{}')).status).toBe(404);
    expect((await post('contacts.get', '{"contactId": 99}')).status).toBe(404);
    const list = await fetch(`${origin}/api`, { headers: BEARER });
    const body = (await list.json()) as { methods: { name: string }[] };
    expect(body.methods.map((m) => m.name)).toEqual(expect.arrayContaining(['inbox.list', 'messages.send', 'sandbox.say']));
  });

  it('refuses a request body over 2 MB without falling over', async () => {
    const origin = await boot();
    const res = await fetch(`${origin}/api/messages.send`, { method: 'POST', headers: BEARER, body: 'x'.repeat(3 * 1024 * 1024) });
    expect(res.status).toBe(400);
    expect((await fetch(`${origin}/api/app.info`, { method: 'POST', headers: BEARER })).status).toBe(200);
  });
});
