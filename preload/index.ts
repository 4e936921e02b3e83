// Preload: exposes one small object to the renderer. Bundled as CommonJS because the window is sandboxed.
// Calls and events go straight to the core process over a MessagePort the shell hands over (kept here, in the
// isolated world: the page never holds the port itself); shell-only things (save dialog, settings) go over IPC.
import { contextBridge, ipcRenderer } from 'electron';
import type { CoreStatus, DesktopBridge, LavkaBridge } from './bridge';
import { PortClient, type PortLike } from './port-client';

const client = new PortClient();
ipcRenderer.on('lavka:port', (e) => {
  const port = e.ports[0];
  if (port) {
    client.attach(port as unknown as PortLike);
    port.start();
  }
});

let status: CoreStatus = { state: 'starting' };
const statusListeners = new Set<(s: CoreStatus) => void>();
ipcRenderer.on('lavka:core-status', (_e, s: CoreStatus) => {
  status = s;
  for (const l of statusListeners) l(s);
});

const desktop = (action: string, arg?: unknown) => ipcRenderer.invoke('lavka:desktop', action, arg);

const bridge = {
  call: (name: string, input: unknown) => client.call(name, input),
  onEvent: (listener: (event: unknown) => void) => client.onEvent(listener),
  saveDownload: (id: string) => ipcRenderer.invoke('lavka:saveDownload', id),
  onCoreStatus: (listener: (s: CoreStatus) => void) => {
    statusListeners.add(listener);
    listener(status);
    return () => {
      statusListeners.delete(listener);
    };
  },
  onOpenConversation: (listener: (conversationId: number) => void) => {
    const wrapped = (_e: unknown, id: number) => listener(id);
    ipcRenderer.on('lavka:open-conversation', wrapped);
    return () => {
      ipcRenderer.removeListener('lavka:open-conversation', wrapped);
    };
  },
  desktop: {
    info: () => desktop('info'),
    settings: () => desktop('settings'),
    updateSettings: (patch) => desktop('updateSettings', patch),
    chooseBrowser: () => desktop('chooseBrowser'),
    clearBrowser: () => desktop('clearBrowser'),
    openLogsFolder: () => desktop('openLogsFolder'),
    openDataFolder: () => desktop('openDataFolder'),
  } satisfies DesktopBridge,
} satisfies LavkaBridge;

contextBridge.exposeInMainWorld('lavka', bridge);
