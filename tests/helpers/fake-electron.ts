// A stand-in for the 'electron' module, just wide enough to run the real shell (main/index.ts) under Node: windows,
// app events, IPC, tray, notifications, dialogs, safeStorage, MessageChannelMain (over worker_threads) and a
// utilityProcess that runs the real core host in this process. Records what the shell did in `fake`.
import { EventEmitter } from 'node:events';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { runCoreHost, type WindowPort } from '../../main/host/core-host';
import type { FromHost, ToHost } from '../../main/host/protocol';

type Handler = (...args: unknown[]) => unknown;

export const fake = {
  windows: [] as BrowserWindow[],
  notifications: [] as { title: string; body: string; click(): void }[],
  ipc: new Map<string, Handler>(),
  protocolHandler: null as null | ((req: { url: string }) => Response | Promise<Response>),
  permissionRequest: null as null | Handler,
  tray: null as null | { tooltip: string; menu: unknown[] },
  badge: 0,
  quit: false,
  errors: [] as string[],
  cores: [] as FakeUtility[],
  channels: [] as MessagePort[],
};

class FakeWebContents extends EventEmitter {
  url = '';
  sent: unknown[][] = [];
  ports: MessagePort[] = [];
  loadURL(url: string) {
    this.url = url;
    setImmediate(() => this.emit('did-finish-load'));
    return Promise.resolve();
  }
  send(channel: string, ...args: unknown[]) {
    this.sent.push([channel, ...args]);
  }
  postMessage(_channel: string, _msg: unknown, ports: { raw: MessagePort }[]) {
    this.ports.push(...ports.map((p) => p.raw));
  }
  setWindowOpenHandler() {}
  reload() {}
  getURL() {
    return this.url;
  }
}

export class BrowserWindow extends EventEmitter {
  visible = false;
  destroyed = false;
  webContents = new FakeWebContents();
  constructor(readonly options: unknown) {
    super();
    fake.windows.push(this);
    setImmediate(() => this.emit('ready-to-show'));
  }
  loadURL(url: string) {
    return this.webContents.loadURL(url);
  }
  show() {
    this.visible = true;
  }
  hide() {
    this.visible = false;
  }
  focus() {}
  restore() {}
  isVisible() {
    return this.visible;
  }
  isFocused() {
    return this.visible;
  }
  isMinimized() {
    return false;
  }
  isDestroyed() {
    return this.destroyed;
  }
  setOverlayIcon() {}
  /** The close button: the shell may prevent it (hide to the tray). */
  close() {
    let prevented = false;
    this.emit('close', { preventDefault: () => (prevented = true) });
    if (!prevented) {
      this.destroyed = true;
      this.emit('closed');
    }
  }
  static getAllWindows() {
    return fake.windows.filter((w) => !w.destroyed);
  }
}

class FakeApp extends EventEmitter {
  isPackaged = false;
  private paths = new Map<string, string>();
  setName() {}
  setAppUserModelId() {}
  getPath(name: string) {
    return this.paths.get(name) ?? `/tmp/fake-electron-${name}`;
  }
  setPath(name: string, value: string) {
    this.paths.set(name, value);
  }
  requestSingleInstanceLock() {
    return true;
  }
  whenReady() {
    return Promise.resolve();
  }
  getVersion() {
    return '0.1.0';
  }
  getLocale() {
    return 'en-US';
  }
  getLoginItemSettings() {
    return { wasOpenedAtLogin: false };
  }
  setLoginItemSettings() {}
  setBadgeCount(n: number) {
    fake.badge = n;
  }
  quit() {
    let prevented = false;
    this.emit('before-quit', { preventDefault: () => (prevented = true) });
    if (!prevented) fake.quit = true;
  }
  exit() {
    fake.quit = true;
  }
}
export const app = new FakeApp();

export const ipcMain = {
  handle: (channel: string, fn: Handler) => fake.ipc.set(channel, fn),
};

export class Tray {
  constructor() {
    fake.tray = { tooltip: '', menu: [] };
  }
  on() {}
  setToolTip(t: string) {
    fake.tray!.tooltip = t;
  }
  setContextMenu(menu: unknown[]) {
    fake.tray!.menu = menu;
  }
}
export const Menu = { buildFromTemplate: (t: unknown[]) => t };
export const nativeImage = {
  createFromPath: () => ({ resize: () => ({}), isEmpty: () => false }),
};
export class Notification {
  private clicks: (() => void)[] = [];
  constructor(private readonly o: { title: string; body: string }) {}
  static isSupported() {
    return true;
  }
  on(event: string, fn: () => void) {
    if (event === 'click') this.clicks.push(fn);
  }
  show() {
    fake.notifications.push({ title: this.o.title, body: this.o.body, click: () => this.clicks.forEach((c) => c()) });
  }
}
export const dialog = {
  showErrorBox: (title: string, text: string) => fake.errors.push(`${title}: ${text}`),
  showMessageBox: async (o: { detail?: string }) => {
    fake.errors.push(o.detail ?? '');
    return { response: 0 };
  },
  showSaveDialog: async () => ({ canceled: true }),
  showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
};
export const safeStorage = {
  isEncryptionAvailable: () => true,
  encryptString: (s: string) => Buffer.from(s).reverse(),
  decryptString: (b: Buffer) => Buffer.from(b).reverse().toString(),
};
export const shell = { openExternal: async () => {}, openPath: async () => '' };
export const protocol = { registerSchemesAsPrivileged: () => {} };
export const net = { fetch: async () => new Response('file') };
export const session = {
  defaultSession: {
    protocol: { handle: (_scheme: string, fn: (req: { url: string }) => Response) => (fake.protocolHandler = fn) },
    setPermissionRequestHandler: (fn: Handler) => (fake.permissionRequest = fn),
    setPermissionCheckHandler: () => {},
  },
};

/** Electron's MessagePortMain over a worker_threads port: events carry { data }. */
function mainPort(raw: MessagePort): WindowPort & { raw: MessagePort } {
  return {
    raw,
    postMessage: (m) => raw.postMessage(m),
    on: ((event: 'message' | 'close', fn: (e?: { data: unknown }) => void) => {
      if (event === 'message') raw.on('message', (data) => fn({ data }));
      else raw.on('close', () => fn());
    }) as WindowPort['on'],
    start: () => raw.start(),
  };
}
export class MessageChannelMain {
  port1: ReturnType<typeof mainPort>;
  port2: ReturnType<typeof mainPort>;
  constructor() {
    const c = new MessageChannel();
    fake.channels.push(c.port1, c.port2);
    this.port1 = mainPort(c.port1);
    this.port2 = mainPort(c.port2);
  }
}

/** A "utility process" running the real core host in this process. */
class FakeUtility extends EventEmitter {
  static next = 5000;
  pid = FakeUtility.next++;
  stdout = null;
  stderr = null;
  private toHost: ((m: ToHost, ports: WindowPort[]) => void) | null = null;
  alive = true;
  constructor() {
    super();
    runCoreHost(
      {
        post: (m: FromHost) => setImmediate(() => this.alive && this.emit('message', m)),
        onMessage: (fn) => (this.toHost = fn),
      },
      { pid: this.pid, env: {}, exit: (code) => setImmediate(() => this.die(code)) },
    );
  }
  postMessage(m: ToHost, ports: WindowPort[] = []) {
    if (this.alive) setImmediate(() => this.toHost!(m, ports));
  }
  kill() {
    this.die(null);
    return true;
  }
  die(code: number | null) {
    if (!this.alive) return;
    this.alive = false;
    this.emit('exit', code);
  }
}
export const utilityProcess = {
  fork: () => {
    const u = new FakeUtility();
    fake.cores.push(u);
    return u;
  },
};
