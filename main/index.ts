// Electron entry: the thin desktop shell. It owns the window, tray, notifications, dialogs and the OS keychain; the
// core runs in a utilityProcess (main/host) and the window talks to it over a MessagePort. Decisions live in
// main/shell/lifecycle.ts (tested without Electron); this file only connects them to Electron's APIs.
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  MessageChannelMain,
  nativeImage,
  net,
  Notification,
  protocol,
  safeStorage,
  session,
  shell,
  Tray,
  utilityProcess,
  type IpcMainInvokeEvent,
  type UtilityProcess,
} from 'electron';
import { copyFile } from 'node:fs/promises';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BUILDS_DIR_ENV, PACKAGED_BUILDS_DIR } from './core/db/native-binding';
import { CoreSupervisor, realTimers, type ChildHandle, type CoreState } from './host/supervisor';
import { SHELL_DOWNLOAD, type FromHost, type ToHost } from './host/protocol';
import { allowPermission, APP_INDEX_URL, APP_SCHEME, isAppUrl, resolveAppFile } from './shell/app-protocol';
import { setLinuxAutostart } from './shell/autostart-linux';
import { fileSettingsStore } from './shell/desktop-settings';
import { HIDDEN_ARG, ShellLifecycle, type DesktopSettings, type ShellPort, type TrayItem } from './shell/lifecycle';
import { setupLogging, type ShellLog } from './shell/logging';
import { loadOrCreateSecretKey } from './shell/secret-key';
import { shellTexts } from './shell/texts';
import type { CoreStatus } from '../preload/bridge';

const APP_ID = 'app.lavka.desktop';
const here = dirname(fileURLToPath(import.meta.url));
const devUrl = process.env.ELECTRON_RENDERER_URL;
const rendererDir = join(here, '../renderer');
// out/main → the project's (or the asar's) resources/, however Electron was started.
const resourcesDir = join(here, '../../resources');

// app:// must be registered before ready; standard + secure so 'self', fetch and storage work as on https.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
]);
app.setName('Lavka');
if (process.platform === 'win32') app.setAppUserModelId(APP_ID);
// LAVKA_DATA_DIR (tests, a second shop) also moves Electron's own profile, so one data folder = one instance.
const dataDir = process.env.LAVKA_DATA_DIR ?? app.getPath('userData');
if (process.env.LAVKA_DATA_DIR) app.setPath('userData', dataDir);

if (!app.requestSingleInstanceLock()) {
  // Another Lavka already runs on this data folder: it gets a 'second-instance' event and shows its window.
  app.quit();
} else {
  mkdirSync(dataDir, { recursive: true });
  const log = setupLogging(dataDir);
  log.info(`Lavka ${app.getVersion()} starting (Electron ${process.versions.electron}, data ${dataDir})`);
  app
    .whenReady()
    .then(() => startShell(log))
    .catch((err: unknown) => {
      const message = err instanceof Error ? err.message : String(err);
      log.error('start-up failed', err);
      const t = shellTexts('en');
      dialog.showErrorBox(t('startFailed.title'), `${message}\n\n${t('startFailed.logHint', { file: log.file })}`);
      app.exit(1);
    });
}

function startShell(log: ShellLog): void {
  let win: BrowserWindow | null = null;
  let tray: Tray | null = null;
  let coreChild: UtilityProcess | null = null;
  let coreStopped = false;
  const notifications = new Set<Notification>();
  const settings = fileSettingsStore(dataDir);
  const icon = nativeImage.createFromPath(join(resourcesDir, 'icon.png'));

  session.defaultSession.protocol.handle(APP_SCHEME, (req) => {
    const file = resolveAppFile(req.url, rendererDir);
    return file ? net.fetch(pathToFileURL(file).toString()) : new Response('Not found', { status: 404 });
  });
  session.defaultSession.setPermissionRequestHandler((wc, permission, cb, details) =>
    cb(allowPermission(permission, details.requestingUrl || wc.getURL(), devUrl)),
  );
  session.defaultSession.setPermissionCheckHandler((_wc, permission, origin) => allowPermission(permission, origin, devUrl));

  // The secrets key is unlocked by the OS keychain here and handed to the core in its start message only.
  let secretKey: Buffer | undefined;
  try {
    const r = loadOrCreateSecretKey(dataDir, safeStorage);
    secretKey = r.key;
    if (!r.key) log.warn(`secrets are not encrypted with a keychain key: ${r.reason}`);
  } catch (err) {
    log.error('could not unlock the secrets key with the OS keychain', err);
  }

  const supervisor = new CoreSupervisor({
    spawn: spawnCore,
    startOptions: () => ({ dataDir, demo: process.argv.includes('--demo'), secretKey, fakeClock: process.env.LAVKA_FAKE_CLOCK === '1' }),
    timers: realTimers,
    log: (line) => log.warn(line),
  });

  function spawnCore(): ChildHandle {
    const child = utilityProcess.fork(join(here, 'core-host.js'), [], {
      serviceName: 'Lavka core',
      stdio: 'pipe',
      env: { ...process.env, ...(app.isPackaged ? { [BUILDS_DIR_ENV]: join(process.resourcesPath, PACKAGED_BUILDS_DIR) } : {}) },
    });
    coreChild = child;
    const pipe = (stream: NodeJS.ReadableStream | null | undefined, name: 'stdout' | 'stderr') =>
      stream?.on('data', (d: Buffer) => {
        for (const line of String(d).split('\n')) if (line.trim()) log.core(line, name);
      });
    pipe(child.stdout, 'stdout');
    pipe(child.stderr, 'stderr');
    return {
      get pid() {
        return child.pid;
      },
      send: (msg: ToHost) => child.postMessage(msg),
      onMessage: (fn) => child.on('message', (m: FromHost) => fn(m)),
      onExit: (fn) => child.on('exit', (code) => fn(code)),
      kill: () => void child.kill(),
    };
  }

  /** Hands the window a fresh port to the running core (after each core start and each page load). */
  function connectWindow(): void {
    if (!win || win.isDestroyed() || !coreChild || supervisor.state.state !== 'ready') return;
    const { port1, port2 } = new MessageChannelMain();
    coreChild.postMessage({ type: 'connect' } satisfies ToHost, [port1]);
    win.webContents.postMessage('lavka:port', null, [port2]);
  }

  const windowStatus = (s: CoreState): CoreStatus =>
    s.state === 'failed'
      ? { state: 'failed', message: s.message }
      : s.state === 'ready'
        ? { state: 'ready' }
        : s.state === 'restarting'
          ? { state: 'restarting' }
          : { state: 'starting' };
  const sendStatus = () => win?.webContents.send('lavka:core-status', windowStatus(supervisor.state));

  function createWindow(): BrowserWindow {
    const w = new BrowserWindow({
      width: 1280,
      height: 820,
      minWidth: 900,
      minHeight: 600,
      title: 'Lavka',
      icon,
      show: false,
      backgroundColor: '#f7f7f5',
      webPreferences: {
        preload: join(here, '../preload/index.cjs'),
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        webviewTag: false,
      },
    });
    // Shown as soon as the page paints ("Starting…"); never waits for the core.
    w.once('ready-to-show', () => w.show());
    w.webContents.on('did-finish-load', () => {
      sendStatus();
      connectWindow();
    });
    w.on('close', (e) => {
      if (lifecycle.windowCloseRequested()) e.preventDefault();
    });
    // A crashed page is logged (app-wide handler below) and loaded again; the core kept running meanwhile.
    let lastReload = 0;
    w.webContents.on('render-process-gone', (_e, details) => {
      // At most one reload per 10 s, so a page that crashes on load does not spin.
      if (details.reason === 'clean-exit' || w.isDestroyed() || Date.now() - lastReload < 10_000) return;
      lastReload = Date.now();
      w.webContents.reload();
    });
    w.on('closed', () => {
      if (win === w) win = null;
    });
    void w.loadURL(devUrl ?? APP_INDEX_URL);
    return w;
  }

  const port: ShellPort = {
    showWindow() {
      if (!win || win.isDestroyed()) win = createWindow();
      else {
        if (win.isMinimized()) win.restore();
        win.show();
        win.focus();
      }
    },
    hideWindow: () => win?.hide(),
    isWindowFocused: () => Boolean(win && !win.isDestroyed() && win.isVisible() && win.isFocused()),
    quit: () => app.quit(),
    notify({ title, body, onClick }) {
      if (!Notification.isSupported()) return;
      const n = new Notification({ title, body, icon });
      // Kept referenced until closed, or a click on an old notification finds nothing to call.
      notifications.add(n);
      n.on('click', () => onClick?.());
      n.on('close', () => notifications.delete(n));
      n.show();
    },
    setBadge(count) {
      if (process.platform === 'win32') {
        win?.setOverlayIcon(count > 0 ? nativeImage.createFromPath(join(resourcesDir, 'badge.png')) : null, count > 0 ? String(count) : '');
      } else app.setBadgeCount(count);
    },
    setTray({ tooltip, items }) {
      if (!tray) {
        tray = new Tray(icon.resize({ width: process.platform === 'darwin' ? 18 : 22 }));
        tray.on('click', () => void lifecycle.trayAction('open'));
      }
      tray.setToolTip(tooltip);
      tray.setContextMenu(Menu.buildFromTemplate(items.map(menuItem)));
    },
    openConversation: (id) => win?.webContents.send('lavka:open-conversation', id),
    setOpenAtLogin: (on) => {
      if (!app.isPackaged) return; // a dev build would register the bare Electron binary
      if (process.platform === 'linux') setLinuxAutostart(on, process.env.APPIMAGE ?? process.execPath, HIDDEN_ARG);
      else app.setLoginItemSettings({ openAtLogin: on, openAsHidden: on, args: [HIDDEN_ARG] });
    },
  };
  const menuItem = (i: TrayItem): Electron.MenuItemConstructorOptions => {
    if (i.id === 'separator') return { type: 'separator' };
    if (i.id === 'info') return { label: i.label, enabled: false };
    if (i.id === 'pause') return { label: i.label, type: 'checkbox', checked: i.checked, click: () => void lifecycle.trayAction('pause') };
    return { label: i.label, click: () => void lifecycle.trayAction(i.id) };
  };

  const lifecycle = new ShellLifecycle(port, settings, supervisor, {
    platform: process.platform,
    // The tray's "Pause auto-replies" is the assistant's own setting, so the window and the tray always agree.
    pauseAutoReplies: {
      get: async () => {
        const r = await supervisor.call('assistant.settings', {});
        return r.ok && (r.value as { autoPaused?: boolean }).autoPaused === true;
      },
      set: async (paused) => {
        await supervisor.call('assistant.saveSettings', { autoPaused: paused });
      },
    },
  });

  supervisor.onState((s) => {
    log.info(`core: ${s.state}${s.state === 'failed' ? ` (${s.code}: ${s.message})` : ''}`);
    sendStatus();
    if (s.state === 'ready') {
      connectWindow();
      void lifecycle.coreReady();
    }
    if (s.state === 'failed') void showStartFailure(s.code, s.message);
  });
  supervisor.onEvent((e) => void lifecycle.coreEvent(e));

  async function showStartFailure(code: string, message: string): Promise<void> {
    const t = shellTexts(app.getLocale().startsWith('ru') ? 'ru' : 'en');
    await dialog.showMessageBox({
      type: 'error',
      title: t('startFailed.title'),
      message: t('startFailed.title'),
      detail: `${message}\n\n${t('startFailed.logHint', { file: log.file })}`,
    });
    // Another Lavka has this folder: this one has nothing to do.
    if (code === 'data_folder_locked') {
      lifecycle.quitRequested();
      app.quit();
    }
  }

  // Only Lavka's own page may use these, from the window Lavka made.
  const trusted = (e: IpcMainInvokeEvent) => Boolean(win && e.sender === win.webContents && isAppUrl(e.senderFrame?.url ?? '', devUrl));
  ipcMain.handle('lavka:saveDownload', async (e, id: unknown) => {
    if (!trusted(e) || typeof id !== 'string' || !win) return { ok: false };
    const r = await supervisor.call(SHELL_DOWNLOAD, { id });
    const file = r.ok ? (r.value as { path: string; fileName: string } | null) : null;
    if (!file) return { ok: false, error: 'This download has expired. Export again.' };
    const choice = await dialog.showSaveDialog(win, { defaultPath: join(app.getPath('downloads'), file.fileName) });
    if (choice.canceled || !choice.filePath) return { ok: false, canceled: true };
    await copyFile(file.path, choice.filePath);
    return { ok: true, path: choice.filePath };
  });
  ipcMain.handle('lavka:desktop', async (e, action: unknown, arg: unknown) => {
    if (!trusted(e) || !win) throw new Error('Unknown sender');
    switch (action) {
      case 'info':
        return { version: app.getVersion(), dataDir, logsDir: log.dir };
      case 'settings':
        return settings.get();
      case 'updateSettings':
        return lifecycle.updateSettings(pickSettings(arg));
      case 'chooseBrowser': {
        const choice = await dialog.showOpenDialog(win, {
          properties: ['openFile'],
          filters: process.platform === 'win32' ? [{ name: 'Chrome / Edge', extensions: ['exe'] }] : [],
          defaultPath: process.platform === 'darwin' ? '/Applications' : undefined,
        });
        if (choice.canceled || !choice.filePaths[0]) return { ok: false, canceled: true };
        const path = macAppBinary(choice.filePaths[0]);
        const r = await supervisor.call('channels.whatsapp.update', { browserPath: path });
        return r.ok ? { ok: true, path } : { ok: false, error: r.error.message };
      }
      case 'clearBrowser': {
        const r = await supervisor.call('channels.whatsapp.update', { browserPath: null });
        return r.ok ? { ok: true } : { ok: false, error: r.error.message };
      }
      case 'openLogsFolder':
        mkdirSync(log.dir, { recursive: true });
        await shell.openPath(log.dir);
        return;
      case 'openDataFolder':
        await shell.openPath(dataDir);
        return;
      default:
        throw new Error(`Unknown desktop action ${String(action)}`);
    }
  });

  app.on('web-contents-created', (_e, contents) => {
    contents.on('will-attach-webview', (e) => e.preventDefault());
    // Links the owner clicks open in their browser (http/https only); the app window itself never navigates away.
    contents.setWindowOpenHandler(({ url }) => {
      if (/^https?:\/\//i.test(url)) void shell.openExternal(url);
      return { action: 'deny' };
    });
    contents.on('will-navigate', (e, url) => {
      if (!isAppUrl(url, devUrl)) e.preventDefault();
    });
    contents.on('will-redirect', (e, url) => {
      if (!isAppUrl(url, devUrl)) e.preventDefault();
    });
  });
  app.on('render-process-gone', (_e, _wc, details) => log.error(`window process gone: ${details.reason} (exit ${details.exitCode})`));
  app.on('child-process-gone', (_e, details) =>
    log.error(`child process gone: ${details.type} ${details.name ?? ''} ${details.reason} (exit ${details.exitCode})`),
  );
  app.on('second-instance', () => lifecycle.secondInstance());
  app.on('activate', () => lifecycle.secondInstance());
  // Closing the last window never quits by itself: the lifecycle decided already (hide to tray, or quit).
  app.on('window-all-closed', () => {});
  app.on('before-quit', (e) => {
    lifecycle.quitRequested();
    if (coreStopped) return;
    e.preventDefault();
    void supervisor.stop().finally(() => {
      coreStopped = true;
      log.info('core stopped; quitting');
      app.quit();
    });
  });

  supervisor.start();
  lifecycle.launch(process.argv, app.getLoginItemSettings().wasOpenedAtLogin);
}

function pickSettings(raw: unknown): Partial<DesktopSettings> {
  const out: Partial<DesktopSettings> = {};
  if (raw && typeof raw === 'object') {
    for (const k of ['keepRunning', 'notifyEachMessage', 'openAtLogin'] as const) {
      const v = (raw as Record<string, unknown>)[k];
      if (typeof v === 'boolean') out[k] = v;
    }
  }
  return out;
}

/** On macOS the owner picks "Google Chrome.app"; WhatsApp needs the executable inside it. */
function macAppBinary(path: string): string {
  if (process.platform !== 'darwin' || !path.endsWith('.app')) return path;
  const name = path
    .split('/')
    .pop()!
    .replace(/\.app$/, '');
  return join(path, 'Contents', 'MacOS', name);
}
