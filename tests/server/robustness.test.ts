// Bad requests never take Lavka down, and a client that stops reading cannot make it hold memory without bound.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startHttpServer, type RunningServer } from '../../main/server/http-server';
import { loadToken, TOKEN_FILE } from '../../main/server/token-file';
import { makeTestApp, tempDir, type TestApp } from '../helpers/test-app';
import { raw, rawBytes } from './http-helpers';
import { Rng } from '../bench/rng';

let t: TestApp;
let server: RunningServer;
const TOKEN = 'y'.repeat(24);

afterEach(async () => {
  vi.restoreAllMocks();
  await server?.close();
  await t?.close();
});

async function boot(maxBufferedBytes?: number) {
  t = await makeTestApp();
  const rendererDir = tempDir();
  mkdirSync(rendererDir, { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<html><head></head><body>lavka</body></html>');
  server = await startHttpServer(t.app, { host: '127.0.0.1', port: 0, token: TOKEN, rendererDir, maxBufferedBytes });
}

function upgrade(port: number, target: string, headers: string[]): string {
  return [
    `GET ${target} HTTP/1.1`,
    `Host: 127.0.0.1:${port}`,
    'Connection: Upgrade',
    'Upgrade: websocket',
    'Sec-WebSocket-Version: 13',
    ...headers,
    '',
    '',
  ].join('\r\n');
}

describe('malformed requests', () => {
  it('the reported crashes: a bad cookie on the socket and `http://[/events` get 400, the server lives on', async () => {
    await boot();
    const p = server.port;
    const badCookie = await rawBytes(
      p,
      upgrade(p, '/events', ['Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==', 'Cookie: lavka_token=%E0%A4%A']),
    );
    expect(badCookie.reply).toMatch(/^HTTP\/1\.1 401/);
    const badTarget = await rawBytes(p, upgrade(p, 'http://[/events', ['Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==']));
    expect(badTarget.reply).toMatch(/^HTTP\/1\.1 400/);
    const badHttp = await rawBytes(p, `GET http://[/api HTTP/1.1\r\nHost: 127.0.0.1:${p}\r\n\r\n`);
    expect(badHttp.reply).toMatch(/^HTTP\/1\.1 400/);
    const badPercent = await raw(p, `/%E0%A4%A?token=${TOKEN}`);
    expect(badPercent.status).toBe(400);
    const badMethod = await raw(p, '/api/%E0%A4%A', { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(badMethod.status).toBe(400);
    expect((await raw(p, '/api/app.info', { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
  });

  it('survives a few hundred random malformed requests, upgrades and frames, logging one line each and no stack', async () => {
    await boot();
    const p = server.port;
    const logged: string[] = [];
    for (const level of ['error', 'warn', 'log'] as const)
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(' ')));
    const seed = Number(process.env.LAVKA_FUZZ_SEED ?? 12345);
    console.info(`[fuzz] seed ${seed}`);
    const rng = new Rng(seed);
    const rnd = () => rng.next();
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
    const junk = (n: number) => Buffer.from(Array.from({ length: n }, () => Math.floor(rnd() * 256)));
    const targets = [
      'http://[/events',
      '/%',
      '/%E0%A4%A',
      '//evil/',
      '/events?%zz',
      '*',
      '/api/%ff%fe',
      '/download/%2e%2e%2fetc',
      `/${'a'.repeat(9000)}`,
      '/\u0000',
      '/api/../../x',
    ];
    const cookies = ['lavka_token=%E0%A4%A', 'lavka_token', '=;=;=', `lavka_token=${'%'.repeat(50)}`, 'a=b; lavka_token=%zz'];
    const hosts = ['', '[', '[::1', '127.0.0.1:99999', 'a b', `127.0.0.1:${p}`, 'localhost:abc'];
    let requests = 0;
    for (let i = 0; i < 300; i++) {
      const kind = i % 6;
      let data: string | Buffer;
      if (kind === 0) data = junk(1 + Math.floor(rnd() * 200));
      else if (kind === 1)
        data = `${pick(['GET', 'POST', 'PUT', 'BREW', ''])} ${pick(targets)} HTTP/1.1\r\nHost: ${pick(hosts)}\r\nCookie: ${pick(cookies)}\r\n\r\n`;
      else if (kind === 2)
        data = upgrade(p, pick(targets), [
          `Sec-WebSocket-Key: ${pick(['', 'x', 'dGhlIHNhbXBsZSBub25jZQ=='])}`,
          `Cookie: ${pick(cookies)}`,
          `Origin: ${pick(['null', 'http://[', `http://127.0.0.1:${p}`])}`,
        ]);
      else if (kind === 3)
        data = `POST /api/app.info HTTP/1.1\r\nHost: 127.0.0.1:${p}\r\nAuthorization: Bearer ${TOKEN}\r\nContent-Length: ${pick(['-1', '10', 'abc', '99999999999'])}\r\n\r\n${junk(5).toString('latin1')}`;
      else if (kind === 4) data = `GET / HTTP/1.1\r\nHost: 127.0.0.1:${p}\r\n${junk(30).toString('latin1')}: x\r\n\r\n`;
      else {
        // A real upgrade with the token, then garbage frames (unmasked, reserved bits, oversized lengths).
        const { reply, socket } = await rawBytes(
          p,
          upgrade(p, '/events', ['Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==', `Cookie: lavka_token=${TOKEN}`]),
          { keepOpen: true },
        );
        expect(reply).toMatch(/^HTTP\/1\.1 101/);
        socket.write(Buffer.concat([Buffer.from([pick([0x81, 0xf1, 0x8f, 0x00]), pick([0x7f, 0xff, 0x05])]), junk(20)]));
        await new Promise<void>((r) => {
          socket.on('close', () => r());
          socket.setTimeout(2000, () => (socket.destroy(), r()));
        });
        requests++;
        continue;
      }
      const { reply } = await rawBytes(p, data);
      // Every answer a malformed request gets is a refusal (or the socket is simply closed).
      if (reply) expect(reply, String(data).slice(0, 80)).toMatch(/^HTTP\/1\.1 (400|401|403|404|405|413|431|501|505)/);
      requests++;
    }
    expect(requests).toBe(300);
    const info = await raw(p, '/api/app.info', { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(info.status).toBe(200);
    expect(logged.filter((l) => /\n\s+at /.test(l))).toEqual([]);
    expect(logged.filter((l) => l.includes('\n'))).toEqual([]);
  });
});

describe('event socket backpressure', () => {
  it('disconnects a client that stops reading once more than the limit is waiting for it', async () => {
    await boot(512 * 1024);
    const p = server.port;
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { reply, socket } = await rawBytes(
      p,
      upgrade(p, '/events', ['Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==', `Cookie: lavka_token=${TOKEN}`]),
      { keepOpen: true },
    );
    expect(reply).toMatch(/^HTTP\/1\.1 101/);
    socket.pause(); // stops reading: the kernel buffers fill, then Lavka's
    const closed = new Promise<void>((r) => socket.on('close', () => r()));
    const big = 'z'.repeat(256 * 1024);
    const events = t.app.services.events;
    let sentEvents = 0;
    const cutOff = () => warn.mock.calls.some((c) => String(c[0]).includes('client stopped reading'));
    // Keep pushing events until Lavka gives up on the client; a bounded server does that long before 400 MB.
    while (!cutOff() && sentEvents < 1600) {
      events.emit('channel.status', { channel: 'sandbox', state: 'connected', detail: big });
      sentEvents++;
      await new Promise((r) => setImmediate(r));
    }
    expect(cutOff()).toBe(true);
    // What reached the client before the cut is a few MB of kernel buffers plus Lavka's limit, not everything emitted.
    expect(sentEvents).toBeLessThan(200);
    socket.resume();
    await closed;
  });
});

describe('the kept token', () => {
  it('is created once in an owner-only file, kept across restarts, and replaced by --new-token', () => {
    const dir = tempDir();
    const first = loadToken(dir);
    expect(first).toMatch(/^[\w-]{32}$/);
    if (process.platform !== 'win32') expect(statSync(join(dir, TOKEN_FILE)).mode & 0o777).toBe(0o600);
    expect(loadToken(dir)).toBe(first);
    const rotated = loadToken(dir, { rotate: true });
    expect(rotated).not.toBe(first);
    expect(loadToken(dir)).toBe(rotated);
    expect(loadToken(dir, { fromEnv: 'z'.repeat(20) })).toBe('z'.repeat(20));
  });
});
