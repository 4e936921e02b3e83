// The desktop core host, forked under plain Node (the same file Electron runs as a utilityProcess), driven through
// the supervisor the shell uses: contract calls, live events, a SIGKILLed core restarted with no call lost, and the
// data-folder lock shared with `serve`.
import { afterEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CoreSupervisor, realTimers, type CoreState } from '../../main/host/supervisor';
import type { AppEvent } from '../../main/core/events';
import { CORE_RESTARTED_MESSAGE } from '../../main/host/protocol';
import { forkCoreHost, type ForkedHost } from '../helpers/core-host-process';
import { SERVE_JS, startServe, type ServeProcess } from '../helpers/serve-process';

const supervisors: CoreSupervisor[] = [];
const serves: ServeProcess[] = [];
afterEach(async () => {
  for (const s of supervisors.splice(0)) await s.stop();
  for (const s of serves.splice(0)) await s.kill();
});

function supervise(dataDir: string, extra: { demo?: boolean } = {}) {
  const children: ForkedHost[] = [];
  const sup = new CoreSupervisor({
    spawn: () => {
      const c = forkCoreHost();
      children.push(c);
      return c;
    },
    startOptions: () => ({ dataDir, ...extra, secretKey: new Uint8Array(32).fill(7) }),
    timers: realTimers,
    backoffMs: () => 0,
  });
  supervisors.push(sup);
  return { sup, children };
}

const until = (sup: CoreSupervisor, want: CoreState['state']) =>
  new Promise<CoreState>((resolve) => {
    if (sup.state.state === want) return resolve(sup.state);
    const off = sup.onState((s) => {
      if (s.state === want) {
        off();
        resolve(s);
      }
    });
  });

const nextEvent = (sup: CoreSupervisor, type: AppEvent['type']) =>
  new Promise<AppEvent>((resolve) => {
    const off = sup.onEvent((e) => {
      if (e.type === type) {
        off();
        resolve(e);
      }
    });
  });

const tmp = () => mkdtempSync(join(tmpdir(), 'lavka-host-'));

describe('core host process', () => {
  it('answers contract calls made before it is ready, and pushes events', async () => {
    const { sup } = supervise(tmp(), { demo: true });
    sup.start();
    // Called while the process is still booting: held, then answered.
    const settings = sup.call('settings.get', {});
    const bad = sup.call('inbox.get', { conversationId: 'x' });
    expect((await settings).ok).toBe(true);
    expect(await bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await sup.call('no.such.method', {})).toMatchObject({ ok: false, error: { code: 'unknown_method' } });

    const arrived = nextEvent(sup, 'message.new');
    expect((await sup.call('sandbox.say', { name: 'Maria', text: 'Do you have rye bread today?' })).ok).toBe(true);
    const e = (await arrived) as AppEvent<'message.new'>;
    expect(e.payload.message.body).toBe('Do you have rye bread today?');
  });

  it('a killed core is restarted; calls made while it was down are answered by the new one and nothing saved is lost', async () => {
    const { sup, children } = supervise(tmp());
    sup.start();
    const first = (await until(sup, 'ready')) as Extract<CoreState, { state: 'ready' }>;
    expect((await sup.call('sandbox.say', { name: 'Ivan', text: 'Is the shop open on Sunday?' })).ok).toBe(true);

    children[0].kill();
    const restarting = await until(sup, 'restarting');
    expect(restarting).toMatchObject({ attempt: 1 });
    // Made while no core is running: queued, not lost.
    const list = sup.call('inbox.list', {});
    const second = (await until(sup, 'ready')) as Extract<CoreState, { state: 'ready' }>;
    expect(second.pid).not.toBe(first.pid);
    const r = (await list) as { ok: true; value: { items: { name?: string; contactName?: string; preview?: string }[] } };
    expect(r.ok).toBe(true);
    expect(JSON.stringify(r.value)).toContain('Is the shop open on Sunday?');
  });

  it('a call the dying core had accepted is answered with a clear retry message, never left hanging', async () => {
    const { sup, children } = supervise(tmp());
    sup.start();
    await until(sup, 'ready');
    const inFlight = sup.call('inbox.list', {});
    children[0].kill();
    const r = await inFlight;
    // Either the core answered before it died, or the caller is told to try again.
    if (!r.ok) expect(r.error.message).toBe(CORE_RESTARTED_MESSAGE);
    await until(sup, 'ready');
  });

  it('shares the data-folder lock with serve: the desktop core and serve never open one folder together', async () => {
    const dataDir = tmp();
    const { sup } = supervise(dataDir);
    sup.start();
    const ready = (await until(sup, 'ready')) as Extract<CoreState, { state: 'ready' }>;
    const r = spawnSync(process.execPath, [SERVE_JS, '--data-dir', dataDir, '--port', '0'], { encoding: 'utf8' });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain(`Lavka is already running with this data folder (pid ${ready.pid})`);
    await sup.stop();

    const serve = await startServe({ dataDir });
    serves.push(serve);
    const { sup: desktop } = supervise(dataDir);
    desktop.start();
    const failed = await until(desktop, 'failed');
    expect(failed).toMatchObject({ code: 'data_folder_locked', message: expect.stringContaining(`(pid ${serve.proc.pid})`) });
    expect(await desktop.call('inbox.list', {})).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('already running') },
    });
  });
});
