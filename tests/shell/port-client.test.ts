// The window's MessagePort client with real MessageChannels: calls made before the core is up wait for it, results
// match their calls, events arrive, and a restart (new port) answers the old port's calls "try again".
import { describe, expect, it } from 'vitest';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { PortClient, type PortLike } from '../../preload/port-client';
import { CORE_RESTARTED_MESSAGE, type CallMessage } from '../../main/host/protocol';

/** A pretend core host on the other end: answers `echo`, never answers `hang`. */
function host(): { port: PortLike; hostSide: MessagePort; calls: CallMessage[] } {
  const { port1, port2 } = new MessageChannel();
  const calls: CallMessage[] = [];
  port2.on('message', (m: CallMessage) => {
    calls.push(m);
    if (m.name === 'echo') port2.postMessage({ type: 'result', id: m.id, envelope: { ok: true, value: m.input } });
  });
  return { port: port1 as unknown as PortLike, hostSide: port2, calls };
}

describe('window port client', () => {
  it('holds calls until the core’s port arrives, then answers each call with its own result', async () => {
    const client = new PortClient();
    const a = client.call('echo', { n: 1 });
    const b = client.call('echo', { n: 2 });
    const h = host();
    client.attach(h.port);
    expect(await a).toEqual({ ok: true, value: { n: 1 } });
    expect(await b).toEqual({ ok: true, value: { n: 2 } });
    h.hostSide.close();
  });

  it('delivers events pushed by the core', async () => {
    const client = new PortClient();
    const h = host();
    client.attach(h.port);
    const got = new Promise((resolve) => client.onEvent(resolve));
    h.hostSide.postMessage({ type: 'event', event: { type: 'message.new', payload: { conversationId: 1 } } });
    expect(await got).toEqual({ type: 'message.new', payload: { conversationId: 1 } });
    h.hostSide.close();
  });

  it('after a core restart, the old port’s unanswered calls are told to try again and new calls go to the new core', async () => {
    const client = new PortClient();
    const first = host();
    client.attach(first.port);
    const lost = client.call('hang', {});
    const second = host();
    client.attach(second.port);
    expect(await lost).toEqual({ ok: false, error: { code: 'internal', message: CORE_RESTARTED_MESSAGE } });
    expect(await client.call('echo', 'hi')).toEqual({ ok: true, value: 'hi' });
    expect(second.calls.map((c) => c.name)).toEqual(['echo']);
    second.hostSide.close();
  });
});
