// The shape of window.lavka, shared by the preload (which implements it) and the renderer (which uses it).
import type { DesktopSettings } from '../main/shell/lifecycle';

export type { DesktopSettings };

/** The core process as the window sees it: starting, ready, restarting after a crash, or failed to start. */
export type CoreStatus = { state: 'starting' } | { state: 'ready' } | { state: 'restarting' } | { state: 'failed'; message: string };

export interface DesktopInfo {
  version: string;
  dataDir: string;
  logsDir: string;
}

export interface DesktopBridge {
  info(): Promise<DesktopInfo>;
  settings(): Promise<DesktopSettings>;
  updateSettings(patch: Partial<DesktopSettings>): Promise<DesktopSettings>;
  /** A native file dialog to pick Chrome/Chromium/Edge for WhatsApp: the window never sends a path itself. */
  chooseBrowser(): Promise<{ ok: boolean; canceled?: boolean; path?: string; error?: string }>;
  /** Back to finding the browser automatically. */
  clearBrowser(): Promise<{ ok: boolean; error?: string }>;
  openLogsFolder(): Promise<void>;
  openDataFolder(): Promise<void>;
}

export interface LavkaBridge {
  call(name: string, input: unknown): Promise<unknown>;
  onEvent(listener: (event: unknown) => void): () => void;
  /** Asks where to save a file the core prepared (an export) and copies it there. */
  saveDownload(id: string): Promise<{ ok: boolean; canceled?: boolean; path?: string; error?: string }>;
  onCoreStatus(listener: (status: CoreStatus) => void): () => void;
  /** A notification was clicked: open this conversation. */
  onOpenConversation(listener: (conversationId: number) => void): () => void;
  desktop: DesktopBridge;
}

declare global {
  interface Window {
    lavka?: LavkaBridge;
  }
}
