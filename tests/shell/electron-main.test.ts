// The real desktop shell (main/index.ts) run under Node against a stand-in 'electron' module: the window appears at
// once, the core starts in its own "process" and the window's port answers calls; IPC and permissions accept only
// the app; closing hides to the tray; a second launch shows the window; Quit stops the core cleanly.
import { afterAll, describe, expect, it, vi } from 'vitest';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PortClient, type PortLike } from '../../preload/port-client';
import { LOCK_FILE } from '../../main/core/data-lock';

vi.mock('electron', () => import('../helpers/fake-electron'));
vi.mock('electron-log/main', () => import('../helpers/fake-electron-log'));

const dataDir = mkdtempSync(join(tmpdir(), 'lavka-shell-'));
process.env.LAVKA_DATA_DIR = dataDir;
const { fake, app } = await import('../helpers/fake-electron');
await import('../../main/index');

afterAll(() => {
  for (const p of fake.channels) p.close();
});

const win = () => fake.windows[0];
const statusSent = (state: string) =>
  win()?.webContents.sent.some(([ch, s]) => ch === 'lavka:core-status' && (s as { state: string }).state === state);
const trusted = () => ({ sender: win().webContents, senderFrame: { url: 'app://lavka/index.html' } });

describe('desktop shell (main/index.ts) with a stand-in Electron', () => {
  it('shows the window at once and connects it to the core process', async () => {
    await vi.waitFor(() => expect(win()?.visible).toBe(true));
    expect(win().webContents.url).toBe('app://lavka/index.html');
    await vi.waitFor(() => expect(statusSent('ready')).toBe(true));
    await vi.waitFor(() => expect(win().webContents.ports.length).toBeGreaterThan(0));
    const client = new PortClient();
    client.attach(win().webContents.ports.at(-1) as unknown as PortLike);
    expect(await client.call('settings.get', {})).toMatchObject({ ok: true });
    expect(await client.call('channels.whatsapp.update', { browserPath: '/tmp/x' })).toMatchObject({
      ok: false,
      error: { code: 'unauthorized' },
    });
    expect(existsSync(join(dataDir, LOCK_FILE))).toBe(true);
  });

  it('answers only the app’s own page; permissions and app:// files are locked down', async () => {
    const desktop = fake.ipc.get('lavka:desktop')!;
    expect(await desktop(trusted(), 'info')).toMatchObject({ version: '0.1.0', dataDir });
    await expect(async () => desktop({ sender: win().webContents, senderFrame: { url: 'file:///tmp/evil.html' } }, 'info')).rejects.toThrow(
      /Unknown sender/,
    );
    const answer = (permission: string, url: string) =>
      new Promise<boolean>((resolve) => fake.permissionRequest!(win().webContents, permission, resolve, { requestingUrl: url }));
    expect(await answer('clipboard-sanitized-write', 'app://lavka/index.html')).toBe(true);
    expect(await answer('media', 'app://lavka/index.html')).toBe(false);
    expect((await fake.protocolHandler!({ url: 'app://lavka/assets/..%2f..%2f..%2fetc%2fpasswd' })).status).toBe(404);
  });

  it('closing the window hides Lavka to the tray; launching again shows it', async () => {
    win().close();
    expect(win().destroyed).toBe(false);
    expect(win().visible).toBe(false);
    expect(fake.notifications.map((n) => n.title)).toContain('Lavka is still running');
    expect(fake.tray?.tooltip).toMatch(/^Lavka/);
    app.emit('second-instance');
    expect(win().visible).toBe(true);
  });

  it('Quit stops the core cleanly (lock released) before the app exits', async () => {
    app.quit();
    await vi.waitFor(() => expect(fake.quit).toBe(true));
    expect(existsSync(join(dataDir, LOCK_FILE))).toBe(false);
  });
});
