// The watchdog's view of a WhatsApp client: is the page alive, and is WhatsApp Web connected? One probe and pure
// decisions; the channel owns the timers and the restarts. Nothing here sends or restarts anything.
import type { WAState } from 'whatsapp-web.js';
import type { Clock } from '../../clock';
import type { WaClient } from './client';

/** States after which Lavka stops and asks the owner; reconnecting by itself would fight the phone or WhatsApp. */
export type HardStop = 'conflict' | 'unpaired' | 'blocked';

export function hardStopOf(state: WAState | string | null | undefined): HardStop | null {
  switch (state) {
    case 'CONFLICT':
      return 'conflict';
    case 'UNPAIRED':
    case 'UNPAIRED_IDLE':
    case 'LOGOUT':
      return 'unpaired';
    case 'TOS_BLOCK':
    case 'SMB_TOS_BLOCK':
      return 'blocked';
    default:
      return null;
  }
}

export type Health =
  | { ok: true; state: 'CONNECTED' }
  /** Stop and tell the owner. */
  | { ok: false; kind: 'hard_stop'; stop: HardStop; state: string }
  /** The page crashed, a frame detached, an evaluation failed or did not answer: only a fresh client helps. */
  | { ok: false; kind: 'broken'; reason: string }
  /** Not (yet) usable: no WhatsApp store on the page, or a state other than CONNECTED. A few in a row mean stuck. */
  | { ok: false; kind: 'not_ready'; reason: string };

export class Overdue extends Error {}

/** `p`, or an Overdue error after `ms` on the injected clock (a hung page call must not hang the watchdog). */
export function withDeadline<T>(p: Promise<T>, ms: number, clock: Clock, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = clock.setTimeout(() => reject(new Overdue(`${what} did not answer in ${Math.round(ms / 1000)} s`)), ms);
    p.then(
      (v) => {
        clock.clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clock.clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

/**
 * One health check: WhatsApp Web's own state (`getState`), then a cheap evaluation that proves the page still runs
 * the library's helpers. The evaluation is what catches "Execution context was destroyed" and detached frames.
 */
export async function checkHealth(client: WaClient, clock: Clock, timeoutMs: number): Promise<Health> {
  const page = client.pupPage;
  if (page?.isClosed()) return { ok: false, kind: 'broken', reason: 'the WhatsApp Web page was closed' };
  let state: WAState | null;
  try {
    state = await withDeadline(client.getState(), timeoutMs, clock, 'WhatsApp Web');
  } catch (err) {
    return { ok: false, kind: 'broken', reason: messageOf(err) };
  }
  const stop = hardStopOf(state);
  if (stop) return { ok: false, kind: 'hard_stop', stop, state: String(state) };
  if (page) {
    try {
      const helpers = await withDeadline(page.evaluate('typeof window.WWebJS'), timeoutMs, clock, 'The WhatsApp Web page');
      if (helpers !== 'object') return { ok: false, kind: 'not_ready', reason: 'the WhatsApp Web page reloaded and is not ready' };
    } catch (err) {
      return { ok: false, kind: 'broken', reason: messageOf(err) };
    }
  }
  if (state === null || state === undefined) return { ok: false, kind: 'not_ready', reason: 'WhatsApp Web is not loaded' };
  if ((state as string) !== 'CONNECTED') return { ok: false, kind: 'not_ready', reason: `WhatsApp Web is ${String(state)}` };
  return { ok: true, state: 'CONNECTED' };
}

export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** WhatsApp Web's disconnect reasons in plain words. */
export function describeReason(reason: string): string {
  const known: Record<string, string> = {
    CONFLICT: 'WhatsApp Web was opened somewhere else',
    TIMEOUT: 'the phone did not answer',
    UNPAIRED: 'the link to the phone was removed',
    UNPAIRED_IDLE: 'the link to the phone expired',
    TOS_BLOCK: 'WhatsApp blocked this number',
    SMB_TOS_BLOCK: 'WhatsApp blocked this business number',
    PROXYBLOCK: 'the network blocks WhatsApp',
    DEPRECATED_VERSION: 'this WhatsApp Web version is too old',
    NAVIGATION: 'the WhatsApp Web page reloaded',
  };
  return known[reason] ?? reason;
}
