// The supervisor's rules with a fake child and a fake clock: back-off between restarts, a crash loop stops restarting
// and says so, a start failure that a restart cannot fix (folder locked) is not retried, stop() ends cleanly or kills.
import { describe, expect, it } from 'vitest';
import { CoreSupervisor, type ChildHandle, type Timers } from '../../main/host/supervisor';
import { CORE_RESTARTED_MESSAGE, type FromHost, type ToHost } from '../../main/host/protocol';

class FakeChild implements ChildHandle {
  static next = 100;
  readonly pid = FakeChild.next++;
  sent: ToHost[] = [];
  private msg: ((m: FromHost) => void)[] = [];
  private exit: ((c: number | null) => void)[] = [];
  killed = false;
  send(m: ToHost) {
    this.sent.push(m);
  }
  onMessage(fn: (m: FromHost) => void) {
    this.msg.push(fn);
  }
  onExit(fn: (c: number | null) => void) {
    this.exit.push(fn);
  }
  kill() {
    this.killed = true;
    this.die(null);
  }
  say(m: FromHost) {
    for (const f of this.msg) f(m);
  }
  die(code: number | null) {
    for (const f of this.exit.splice(0)) f(code);
  }
}

class FakeTimers implements Timers {
  t = 0;
  private due: { at: number; fn: () => void; live: boolean }[] = [];
  set(fn: () => void, ms: number) {
    const e = { at: this.t + ms, fn, live: true };
    this.due.push(e);
    return () => void (e.live = false);
  }
  now() {
    return this.t;
  }
  advance(ms: number) {
    this.t += ms;
    for (const e of this.due.filter((x) => x.live && x.at <= this.t)) {
      e.live = false;
      e.fn();
    }
  }
  pending() {
    return this.due.filter((e) => e.live).map((e) => e.at - this.t);
  }
}

function setup() {
  const children: FakeChild[] = [];
  const timers = new FakeTimers();
  const sup = new CoreSupervisor({
    spawn: () => {
      const c = new FakeChild();
      children.push(c);
      return c;
    },
    startOptions: () => ({ dataDir: '/shop' }),
    timers,
    maxCrashes: 3,
    crashWindowMs: 60_000,
    stopTimeoutMs: 5_000,
  });
  return { sup, children, timers };
}

describe('core supervisor', () => {
  it('sends start with the options, then the calls held while starting, once ready', async () => {
    const { sup, children } = setup();
    sup.start();
    const r = sup.call('inbox.list', {});
    expect(children[0].sent).toEqual([{ type: 'start', options: { dataDir: '/shop' } }]);
    children[0].say({ type: 'ready', pid: 100 });
    const call = children[0].sent[1] as Extract<ToHost, { type: 'call' }>;
    expect(call).toMatchObject({ type: 'call', name: 'inbox.list' });
    children[0].say({ type: 'result', id: call.id, envelope: { ok: true, value: [] } });
    expect(await r).toEqual({ ok: true, value: [] });
  });

  it('a call the dead core had taken is answered "try again"; calls made while it restarts go to the new core', async () => {
    const { sup, children, timers } = setup();
    sup.start();
    children[0].say({ type: 'ready', pid: 1 });
    const taken = sup.call('messages.send', { text: 'hi' });
    children[0].die(null);
    expect(await taken).toEqual({ ok: false, error: { code: 'internal', message: CORE_RESTARTED_MESSAGE } });
    const later = sup.call('inbox.list', {});
    timers.advance(250);
    expect(children[1].sent.map((m) => m.type)).toEqual(['start']);
    children[1].say({ type: 'ready', pid: 2 });
    const call = children[1].sent[1] as Extract<ToHost, { type: 'call' }>;
    expect(call.name).toBe('inbox.list');
    children[1].say({ type: 'result', id: call.id, envelope: { ok: true, value: 1 } });
    expect(await later).toEqual({ ok: true, value: 1 });
  });

  it('restarts a dead core with growing back-off, and gives up on a crash loop with a clear message', async () => {
    const { sup, children, timers } = setup();
    sup.start();
    children[0].say({ type: 'ready', pid: 1 });
    children[0].die(1);
    expect(sup.state).toMatchObject({ state: 'restarting', attempt: 1 });
    expect(timers.pending()).toEqual([250]);
    timers.advance(250);
    expect(children).toHaveLength(2);
    children[1].die(1);
    expect(timers.pending()).toEqual([500]);
    timers.advance(500);
    children[2].die(1);
    timers.advance(1000);
    const waiting = sup.call('inbox.list', {});
    children[3].die(139);
    expect(sup.state).toMatchObject({ state: 'failed', code: 'crash_loop', message: expect.stringContaining('exit code 139') });
    expect(await waiting).toMatchObject({ ok: false, error: { message: expect.stringContaining('stopped 4 times') } });
    expect(timers.pending()).toEqual([]);
  });

  it('crashes spread over time are each restarted', () => {
    const { sup, children, timers } = setup();
    sup.start();
    for (let i = 0; i < 6; i++) {
      children[i].say({ type: 'ready', pid: i });
      children[i].die(1);
      timers.advance(61_000);
    }
    expect(sup.state).toMatchObject({ state: 'restarting', attempt: 1 });
    expect(children).toHaveLength(7);
  });

  it('a start failure a restart cannot fix is reported, not retried', async () => {
    const { sup, children, timers } = setup();
    sup.start();
    children[0].say({ type: 'fatal', code: 'data_folder_locked', message: 'Lavka is already running with this data folder (pid 42).' });
    children[0].die(3);
    timers.advance(60_000);
    expect(children).toHaveLength(1);
    expect(sup.state).toEqual({
      state: 'failed',
      code: 'data_folder_locked',
      message: 'Lavka is already running with this data folder (pid 42).',
    });
  });

  it('stop asks the core to close cleanly; one that hangs is killed after the timeout', async () => {
    const { sup, children, timers } = setup();
    sup.start();
    children[0].say({ type: 'ready', pid: 1 });
    const stopped = sup.stop();
    expect(children[0].sent.at(-1)).toEqual({ type: 'stop' });
    timers.advance(5_000);
    await stopped;
    expect(children[0].killed).toBe(true);
    expect(sup.state).toEqual({ state: 'stopped' });
    expect(children).toHaveLength(1);
  });
});
