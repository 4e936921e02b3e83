// The core host's window ports, in-process with stand-in channels: a window gets the contract and the events, but
// not the shell-only calls — it cannot set the program WhatsApp launches, nor ask where export files are.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCoreHost, type ParentChannel, type WindowPort } from '../../main/host/core-host';
import type { FromHost, ToHost, ToWindow } from '../../main/host/protocol';

class Parent implements ParentChannel {
  out: FromHost[] = [];
  private fn: ((m: ToHost, ports: WindowPort[]) => void) | null = null;
  private waiters: ((m: FromHost) => void)[] = [];
  post(m: FromHost) {
    this.out.push(m);
    for (const w of this.waiters.splice(0)) w(m);
  }
  onMessage(fn: (m: ToHost, ports: WindowPort[]) => void) {
    this.fn = fn;
  }
  send(m: ToHost, ports: WindowPort[] = []) {
    this.fn!(m, ports);
  }
  next(type: FromHost['type']): Promise<FromHost> {
    const have = this.out.find((m) => m.type === type);
    if (have) return Promise.resolve(have);
    return new Promise((resolve) => {
      const wait = (m: FromHost) => (m.type === type ? resolve(m) : this.waiters.push(wait));
      this.waiters.push(wait);
    });
  }
}

class Port implements WindowPort {
  got: ToWindow[] = [];
  private onMsg: ((e: { data: unknown }) => void) | null = null;
  private waiters: (() => void)[] = [];
  postMessage(m: ToWindow) {
    this.got.push(m);
    for (const w of this.waiters.splice(0)) w();
  }
  on(event: 'message' | 'close', fn: ((e: { data: unknown }) => void) | (() => void)) {
    if (event === 'message') this.onMsg = fn;
  }
  start() {}
  async call(id: number, name: string, input: unknown) {
    this.onMsg!({ data: { type: 'call', id, name, input } });
    for (;;) {
      const r = this.got.find((m) => m.type === 'result' && m.id === id);
      if (r && r.type === 'result') return r.envelope;
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }
}

let stopHost: (() => Promise<void>) | null = null;
afterEach(async () => {
  await stopHost?.();
  stopHost = null;
});

async function host() {
  const parent = new Parent();
  let exited: (code: number) => void = () => {};
  const exit = new Promise<number>((r) => (exited = r));
  runCoreHost(parent, { pid: process.pid, env: {}, exit: (code) => exited(code) });
  parent.send({ type: 'start', options: { dataDir: mkdtempSync(join(tmpdir(), 'lavka-port-')) } });
  await parent.next('ready');
  stopHost = async () => {
    parent.send({ type: 'stop' });
    await exit;
  };
  const port = new Port();
  parent.send({ type: 'connect' }, [port]);
  return { parent, port };
}

describe('core host window ports', () => {
  it('serve the contract and push events to the window', async () => {
    const { port } = await host();
    expect(await port.call(1, 'settings.get', {})).toMatchObject({ ok: true });
    expect(await port.call(2, 'sandbox.say', { name: 'Maria', text: 'Hello!' })).toMatchObject({ ok: true });
    expect(port.got.some((m) => m.type === 'event' && m.event.type === 'message.new')).toBe(true);
  });

  it('refuse a browser path from the window; the shell (parent channel) may set it after its file dialog', async () => {
    const { port, parent } = await host();
    expect(await port.call(1, 'channels.whatsapp.update', { browserPath: '/tmp/evil.sh' })).toMatchObject({
      ok: false,
      error: { code: 'unauthorized' },
    });
    expect(await port.call(2, 'channels.whatsapp.update', { ignoreGroups: false })).toMatchObject({ ok: true });
    parent.send({ type: 'call', id: 7, name: 'channels.whatsapp.update', input: { browserPath: '/usr/bin/chromium' } });
    const r = (await parent.next('result')) as Extract<FromHost, { type: 'result' }>;
    expect(r).toMatchObject({ id: 7, envelope: { ok: true } });
  });

  it('the export-file lookup is only for the shell', async () => {
    const { port } = await host();
    expect(await port.call(1, 'shell.download', { id: 'x' })).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
  });
});
