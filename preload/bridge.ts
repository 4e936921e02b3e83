// The shape of window.lavka, shared by the preload (which implements it) and the renderer (which uses it).
export interface LavkaBridge {
  call(name: string, input: unknown): Promise<unknown>;
  onEvent(listener: (event: unknown) => void): () => void;
}

declare global {
  interface Window {
    lavka?: LavkaBridge;
  }
}
