// Measures how much memory WhatsApp's browser uses: Chrome is a tree of processes (browser, renderers, GPU,
// utilities), so the figure is the resident memory of the browser process and all its children.
import pidtree from 'pidtree';
import pidusage from 'pidusage';
import type { WaClient } from './client';

/** Bytes the client's browser uses now, or null when it cannot be told (no browser process, no permission). */
export type MemoryProbe = (client: WaClient) => Promise<number | null>;

export const browserTreeMemory: MemoryProbe = async (client) => {
  const pid = client.pupBrowser?.process()?.pid;
  if (!pid) return null;
  try {
    const children = await pidtree(pid).catch(() => [] as number[]);
    const stats = await pidusage([pid, ...children]);
    return Object.values(stats).reduce((sum, s) => sum + (s?.memory ?? 0), 0);
  } catch {
    // A process that ended between the two calls, or one we may not read: no figure this time.
    return null;
  } finally {
    // pidusage keeps per-pid history for CPU figures; Lavka reads memory only, so nothing needs to stay.
    pidusage.clear();
  }
};
