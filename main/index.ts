// Electron shell: lifecycle, one locked-down window, IPC wiring to the core. The only file that imports 'electron'.
import { app, BrowserWindow, dialog, ipcMain, Notification, session, shell } from 'electron';
import { copyFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp, type App } from './core/app';
import { dispatch } from './core/api/dispatch';
import { seedDemo } from './core/demo/seed';

app.setName('Lavka');
const here = dirname(fileURLToPath(import.meta.url));
let core: App | null = null;
let win: BrowserWindow | null = null;

function isOwnUrl(url: string): boolean {
  const dev = process.env.ELECTRON_RENDERER_URL;
  return dev ? url.startsWith(dev) : url.startsWith('file://');
}

function createWindow(): BrowserWindow {
  const w = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    title: 'Lavka',
    show: false,
    webPreferences: {
      preload: join(here, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
    },
  });
  w.once('ready-to-show', () => w.show());
  // Links the owner clicks open in their browser (http/https only); the app window itself never navigates away.
  w.webContents.setWindowOpenHandler(({ url }) => {
    if (/^https?:\/\//i.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  w.webContents.on('will-navigate', (e, url) => {
    if (!isOwnUrl(url)) e.preventDefault();
  });
  if (process.env.ELECTRON_RENDERER_URL) void w.loadURL(process.env.ELECTRON_RENDERER_URL);
  else void w.loadFile(join(here, '../renderer/index.html'));
  return w;
}

app.on('web-contents-created', (_e, contents) => {
  contents.on('will-attach-webview', (e) => e.preventDefault());
});

app.whenReady().then(async () => {
  session.defaultSession.setPermissionRequestHandler((_wc, _perm, cb) => cb(false));
  const dataDir = process.env.LAVKA_DATA_DIR ?? app.getPath('userData');
  core = createApp({ dataDir });
  if (process.argv.includes('--demo')) seedDemo(core.services);
  await core.start();

  ipcMain.handle('lavka:call', async (event, name: unknown, input: unknown) => {
    // Only our own window may call the core.
    if (!win || event.sender !== win.webContents || !isOwnUrl(event.senderFrame?.url ?? '')) {
      return { ok: false, error: { code: 'unauthorized', message: 'Unknown sender' } };
    }
    if (typeof name !== 'string') return { ok: false, error: { code: 'invalid_input', message: 'Method name must be a string' } };
    return dispatch(core!.methods, name, input);
  });
  // A file the core prepared (an export): the owner picks where it goes; the core never sees the chosen path.
  ipcMain.handle('lavka:saveDownload', async (event, id: unknown) => {
    if (!win || event.sender !== win.webContents || typeof id !== 'string') return { ok: false };
    const file = core!.services.downloads.get(id);
    if (!file) return { ok: false, error: 'This download has expired. Export again.' };
    const choice = await dialog.showSaveDialog(win, { defaultPath: join(app.getPath('downloads'), file.fileName) });
    if (choice.canceled || !choice.filePath) return { ok: false, canceled: true };
    await copyFile(file.path, choice.filePath);
    return { ok: true, path: choice.filePath };
  });
  core.services.events.subscribe((event) => {
    win?.webContents.send('lavka:event', event);
    if (event.type === 'ui.notify' && Notification.isSupported()) {
      const p = event.payload as { title: string; body: string };
      new Notification({ title: p.title, body: p.body }).show();
    }
  });

  win = createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) win = createWindow();
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

let quitting = false;
app.on('before-quit', (e) => {
  if (quitting || !core) return;
  quitting = true;
  e.preventDefault();
  void core.close().finally(() => app.exit(0));
});
