// Messages between the desktop shell (or a test) and the core host process, and between the window and the host.
// Calls and events are the same typed contract the WebSocket transport serves; only the framing is new.
import type { Envelope } from '../core/api/envelope';
import type { AppEvent } from '../core/events';

export interface HostStartOptions {
  dataDir: string;
  /** Fill an empty data folder with the sample shop. */
  demo?: boolean;
  /** Key for the encrypted secrets file, kept by the shell in the OS keychain (safeStorage). Never on argv or env. */
  secretKey?: Uint8Array;
  /** TESTS ONLY: a clock tests can move through dev.clock.* (like serve --fake-clock). */
  fakeClock?: boolean;
}

/** A call from the window or the shell: answered by a `result` with the same id. */
export interface CallMessage {
  type: 'call';
  id: number;
  name: string;
  input: unknown;
}

export type ToHost =
  | { type: 'start'; options: HostStartOptions }
  | CallMessage
  /** Electron only: the message carries a MessagePort for a window (in the message's ports). */
  | { type: 'connect' }
  | { type: 'stop' };

export type FromHost =
  | { type: 'ready'; pid: number }
  | { type: 'result'; id: number; envelope: Envelope<unknown> }
  | { type: 'event'; event: AppEvent }
  /** Start failed for a reason a restart cannot fix (the folder is locked by another Lavka, a missing build…). */
  | { type: 'fatal'; code: string; message: string }
  | { type: 'stopped' };

/** What a window's port carries: calls in, results and events out. */
export type FromWindow = CallMessage;
export type ToWindow = Extract<FromHost, { type: 'result' } | { type: 'event' }>;

/**
 * Calls only the shell may make (over the host's parent channel), never the window: a path to an executable must come
 * from a native file dialog, so a compromised or tricked renderer cannot make the core launch a program it typed.
 */
export const SHELL_ONLY_CALLS: Record<string, (input: unknown) => boolean> = {
  'channels.whatsapp.update': (input) => typeof input === 'object' && input !== null && 'browserPath' in input,
};

export function isShellOnly(name: string, input: unknown): boolean {
  return Object.prototype.hasOwnProperty.call(SHELL_ONLY_CALLS, name) && SHELL_ONLY_CALLS[name](input);
}

/** Shell-only call: the file behind an export's download id ({ id } → { path, fileName } | null), for the save dialog. */
export const SHELL_DOWNLOAD = 'shell.download';

export const CORE_RESTARTED_MESSAGE = 'Lavka’s core restarted while doing this. Nothing was lost; please try again.';
