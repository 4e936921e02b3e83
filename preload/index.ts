// Preload: exposes one small object to the renderer. Bundled as CommonJS because the window is sandboxed.
import { contextBridge, ipcRenderer } from 'electron';
import type { LavkaBridge } from './bridge';

const bridge = {
  call: (name: string, input: unknown) => ipcRenderer.invoke('lavka:call', name, input),
  saveDownload: (id: string) => ipcRenderer.invoke('lavka:saveDownload', id),
  onEvent: (listener: (event: unknown) => void) => {
    const wrapped = (_e: unknown, event: unknown) => listener(event);
    ipcRenderer.on('lavka:event', wrapped);
    return () => {
      ipcRenderer.removeListener('lavka:event', wrapped);
    };
  },
} satisfies LavkaBridge;

contextBridge.exposeInMainWorld('lavka', bridge);
