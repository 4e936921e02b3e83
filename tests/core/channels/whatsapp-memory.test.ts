// The real memory probe (pidtree + pidusage) on real processes: the browser's whole process tree, or nothing.
import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { browserTreeMemory } from '../../../main/core/channels/whatsapp/memory';
import type { WaClient } from '../../../main/core/channels/whatsapp/client';

const children: ReturnType<typeof spawn>[] = [];
afterEach(() => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
});

/** A client whose "browser" is the given process; only pupBrowser is read by the probe. */
function clientWithBrowser(pid: number | undefined): WaClient {
  return { pupBrowser: { process: () => (pid === undefined ? null : { pid, kill: () => true }) } } as unknown as WaClient;
}

describe('browser memory', () => {
  it('adds up the browser process and its children', async () => {
    // A parent that starts a child which holds ~64 MB, like Chrome's renderers hold most of its memory.
    // The child leaves on its own once the parent is gone, so a failing test leaves nothing running.
    const child =
      "globalThis.b = Buffer.alloc(64 * 1024 * 1024, 1); console.log('ready'); const parent = process.ppid; " +
      'setInterval(() => { try { process.kill(parent, 0); } catch { process.exit(0); } }, 200);';
    const starter = `require('node:child_process').spawn(process.execPath, ['-e', ${JSON.stringify(child)}], { stdio: ['ignore', 'inherit', 'ignore'] }); setInterval(() => {}, 1000);`;
    const parent = spawn(process.execPath, ['-e', starter], { stdio: ['ignore', 'pipe', 'ignore'] });
    children.push(parent);
    await new Promise<void>((resolve) => parent.stdout.once('data', () => resolve()));
    const parentOnly = await import('pidusage').then((m) => m.default(parent.pid!));
    const total = await browserTreeMemory(clientWithBrowser(parent.pid));
    expect(total).not.toBeNull();
    // The child's 64 MB buffer is counted, on top of the parent's own memory.
    expect(total!).toBeGreaterThan(parentOnly.memory + 60 * 1_048_576);
  });

  it('answers null without a browser process, or for one that has ended', async () => {
    expect(await browserTreeMemory(clientWithBrowser(undefined))).toBeNull();
    expect(await browserTreeMemory({} as WaClient)).toBeNull();
    const gone = spawn(process.execPath, ['-e', '0']);
    await new Promise((r) => gone.once('exit', r));
    expect(await browserTreeMemory(clientWithBrowser(gone.pid))).toBeNull();
  });
});
