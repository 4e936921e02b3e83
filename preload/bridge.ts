// The shape of window.lavka, shared by the preload (which implements it) and the renderer (which uses it).
export interface LavkaBridge {
  call(name: string, input: unknown): Promise<unknown>;
  onEvent(listener: (event: unknown) => void): () => void;
  /** Asks where to save a file the core prepared (an export) and copies it there. */
  saveDownload(id: string): Promise<{ ok: boolean; canceled?: boolean; path?: string; error?: string }>;
}

declare global {
  interface Window {
    lavka?: LavkaBridge;
  }
}
