// The real shell when its core cannot start (here: another Lavka holds the data folder): the window still appears and
// says why, a dialog names the problem and the log file, and the app then quits instead of lingering.
import { describe, expect, it, vi } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { LOCK_FILE } from '../../main/core/data-lock';

vi.mock('electron', () => import('../helpers/fake-electron'));
vi.mock('electron-log/main', () => import('../helpers/fake-electron-log'));

const dataDir = mkdtempSync(join(tmpdir(), 'lavka-shell-locked-'));
// A running Lavka (this very process, so certainly alive) holds the folder.
writeFileSync(join(dataDir, LOCK_FILE), JSON.stringify({ pid: process.pid, startedAt: Date.now(), host: hostname() }));
process.env.LAVKA_DATA_DIR = dataDir;
const { fake } = await import('../helpers/fake-electron');
await import('../../main/index');

describe('desktop shell when the core cannot start', () => {
  it('shows the window, tells why in the window and a dialog, then quits', async () => {
    await vi.waitFor(() => expect(fake.quit).toBe(true));
    expect(fake.windows[0].visible).toBe(true);
    const failed = fake.windows[0].webContents.sent.find(
      ([ch, s]) => ch === 'lavka:core-status' && (s as { state: string }).state === 'failed',
    );
    expect(failed?.[1]).toMatchObject({
      message: expect.stringContaining(`Lavka is already running with this data folder (pid ${process.pid})`),
    });
    expect(fake.errors.join('\n')).toMatch(/already running with this data folder[\s\S]*log file: .*lavka\.log/);
  });
});
