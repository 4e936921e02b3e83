import { afterEach, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';
import { startHttpServer, type RunningServer } from '../../main/server/http-server';
import { makeTestApp, tempDir, type TestApp } from '../helpers/test-app';

let t: TestApp;
let server: RunningServer;
const TOKEN = 'x'.repeat(20);

afterEach(async () => {
  await server?.close();
  await t?.close();
});

async function boot() {
  t = await makeTestApp();
  const rendererDir = tempDir();
  mkdirSync(rendererDir, { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<html>lavka</html>');
  server = await startHttpServer(t.app, { host: '127.0.0.1', port: 0, token: TOKEN, rendererDir });
  return `http://127.0.0.1:${server.port}`;
}

describe('headless server', () => {
  it('prints a URL with the token that opens the UI and sets the cookie', async () => {
    const origin = await boot();
    expect(server.url).toBe(`${origin}/?token=${TOKEN}`);
    const res = await fetch(server.url);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('lavka');
    expect(res.headers.get('set-cookie')).toMatch(/lavka_token=x+; HttpOnly; SameSite=Strict/);
    const viaCookie = await fetch(`${origin}/api/app.info`, { method: 'POST', headers: { cookie: `lavka_token=${TOKEN}` } });
    expect(viaCookie.status).toBe(200);
  });

  it('answers 401 and nothing else without the right token, for pages, API and paths outside the UI', async () => {
    const origin = await boot();
    for (const [path, init] of [
      ['/', {}],
      ['/api', {}],
      ['/api/inbox.list', { method: 'POST', body: '{}' }],
      ['/../../etc/passwd', {}],
    ] as const) {
      const res = await fetch(origin + path, init);
      expect(res.status, path).toBe(401);
      expect(await res.text()).toBe('Unauthorized');
    }
    const wrong = await fetch(`${origin}/api/inbox.list`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}y` } });
    expect(wrong.status).toBe(401);
  });

  it('refuses an event socket without the token and streams events to one with it', async () => {
    const origin = await boot();
    const wsUrl = origin.replace('http', 'ws') + '/events';
    await expect(
      new Promise((resolve, reject) => {
        const ws = new WebSocket(wsUrl);
        ws.on('open', () => resolve('open'));
        ws.on('unexpected-response', (_req, res) => reject(new Error(String(res.statusCode))));
        ws.on('error', reject);
      }),
    ).rejects.toThrow(/401/);

    const ws = new WebSocket(`${wsUrl}?token=${TOKEN}`);
    await new Promise((r) => ws.on('open', r));
    const got = new Promise<{ type: string }>((r) => ws.on('message', (d) => r(JSON.parse(String(d)))));
    await fetch(`${origin}/api/sandbox.say`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` }, body: JSON.stringify({ name: 'A', text: 'hi' }) });
    expect((await got).type).toBe('message.new');
    ws.close();
  });

  it('calls methods as POST /api/<method>, with envelopes and HTTP codes for errors', async () => {
    const origin = await boot();
    const post = (m: string, body: string) => fetch(`${origin}/api/${m}`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` }, body });
    const ok = await post('inbox.list', '{}');
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ ok: true, value: { items: [] } });
    const bad = await post('inbox.list', '{not json');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ ok: false, error: { code: 'invalid_input', message: 'Request body is not valid JSON' } });
    expect((await post('nope.nothing', '{}')).status).toBe(404);
    expect((await post('contacts.get', '{"contactId": 99}')).status).toBe(404);
    const list = await fetch(`${origin}/api`, { headers: { authorization: `Bearer ${TOKEN}` } });
    const body = (await list.json()) as { methods: { name: string }[] };
    expect(body.methods.map((m) => m.name)).toEqual(expect.arrayContaining(['inbox.list', 'messages.send', 'sandbox.say']));
  });

  it('refuses a request body over 2 MB without falling over', async () => {
    const origin = await boot();
    const res = await fetch(`${origin}/api/messages.send`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` }, body: 'x'.repeat(3 * 1024 * 1024) });
    expect(res.status).toBe(400);
    expect((await fetch(`${origin}/api/app.info`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
  });
});
