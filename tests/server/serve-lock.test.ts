// Two real `serve` processes on one data folder: the second refuses with the message and a non-zero exit, and after
// the first is SIGKILLed (its lock left behind) a new start takes the folder over. Needs a build (npm test makes one).
import { afterEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SERVE_JS, startServe, type ServeProcess } from '../helpers/serve-process';
import { LOCK_FILE } from '../../main/core/data-lock';

const running: ServeProcess[] = [];
afterEach(async () => {
  for (const s of running.splice(0)) await s.kill();
});

/** Runs serve to completion (a refused start exits by itself). */
function runServe(dataDir: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const proc = spawn(process.execPath, [SERVE_JS, '--data-dir', dataDir, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    proc.stdout.on('data', (d) => (output += String(d)));
    proc.stderr.on('data', (d) => (output += String(d)));
    proc.on('exit', (code) => resolve({ code, output }));
  });
}

describe('one data folder, one Lavka (serve)', () => {
  it('a second serve on the same folder exits non-zero naming the running one; after SIGKILL a new one takes over', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'lavka-lock-serve-'));
    const first = await startServe({ dataDir });
    running.push(first);

    const second = await runServe(dataDir);
    expect(second.code).not.toBe(0);
    expect(second.output).toContain(`Lavka is already running with this data folder (pid ${first.proc.pid})`);
    expect((await first.api('inbox.list', {})).ok).toBe(true);

    await first.kill();
    expect(existsSync(join(dataDir, LOCK_FILE))).toBe(true);
    const third = await startServe({ dataDir });
    running.push(third);
    expect((await third.api('inbox.list', {})).ok).toBe(true);
    expect(await third.stop()).toBe(0);
    expect(existsSync(join(dataDir, LOCK_FILE))).toBe(false);
  });
});
