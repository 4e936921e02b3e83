// Code and texts that load on demand (screens, UI languages) survive a Lavka restart: a chunk that could not be
// fetched is fetched again once the connection is back, instead of failing the screen for good.
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import { onConnection } from './api';

/** Browsers word a failed `import()` differently; Vite's CSS preload adds its own. */
export function isChunkLoadError(err: unknown): boolean {
  const m = err instanceof Error ? err.message : String(err);
  return /dynamically imported module|Importing a module script failed|Unable to preload CSS|error loading dynamically imported module/i.test(
    m,
  );
}

/** Subscribes to the live connection's state (called at once with the current one); returns an unsubscribe. */
export type ConnectionSource = (fn: (up: boolean) => void) => () => void;

/** Resolves when the live connection to Lavka is up (at once if it is). */
export function whenConnected(connection: ConnectionSource = onConnection): Promise<void> {
  return new Promise((resolve) => {
    let off: (() => void) | null = null;
    let done = false;
    off = connection((up) => {
      if (!up || done) return;
      done = true;
      // onConnection calls back synchronously when already connected: `off` is not assigned yet then.
      queueMicrotask(() => off?.());
      resolve();
    });
  });
}

const wait = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

// A stylesheet Vite preloaded for a chunk that failed stays failed in the page: add it again so the retry loads it.
function reloadFailedStylesheets(): void {
  for (const link of document.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]')) {
    if (link.sheet) continue;
    const again = link.cloneNode() as HTMLLinkElement;
    link.replaceWith(again);
  }
}

/** Retries before giving up while Lavka answers (a missing chunk after an update will not come back). */
const ATTEMPTS_WHILE_CONNECTED = 3;

function connectedNow(connection: ConnectionSource): boolean {
  let up = false;
  connection((u) => (up = u))();
  return up;
}

/**
 * Runs `load` (a dynamic import); if the chunk could not be fetched, waits until Lavka is reachable again and retries,
 * for as long as the connection is down (a restart can take any time). While connected it gives up after a few
 * attempts with growing pauses, and the error boundary offers a reload.
 */
export async function retryAfterReconnect<T>(load: () => Promise<T>, connection: ConnectionSource = onConnection): Promise<T> {
  let failedWhileConnected = 0;
  for (;;) {
    try {
      return await load();
    } catch (err) {
      if (!isChunkLoadError(err)) throw err;
      // The socket notices a stopped server a moment after a fetch does: pause before asking whether it is up.
      await wait(500);
      if (!connectedNow(connection)) await whenConnected(connection);
      else if (++failedWhileConnected >= ATTEMPTS_WHILE_CONNECTED) throw err;
      else await wait(500 * 2 ** failedWhileConnected);
      if (typeof document !== 'undefined') reloadFailedStylesheets();
    }
  }
}

/** React.lazy for a named export, fetched again after a reconnect when the first try failed. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- React.lazy's own bound: any component's props
export function lazyNamed<K extends string, C extends ComponentType<any>>(
  load: () => Promise<Record<K, C>>,
  name: K,
): LazyExoticComponent<C> {
  return lazy(() => retryAfterReconnect(load).then((m) => ({ default: m[name] })));
}
