// The log file: <data folder>/logs/lavka.log, rotated at 5 MB (the previous file kept as lavka.old.log), written by
// electron-log — chosen over pino because it needs no worker thread or transport process inside Electron's main
// process, rotates on its own, and catches the shell's own uncaught errors. The core process's output and the
// renderer's and core's crashes are recorded here too.
import log from 'electron-log/main';
import { join } from 'node:path';

export interface ShellLog {
  file: string;
  dir: string;
  info(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
  /** A line the core process printed (stdout → info, stderr → warn). */
  core(line: string, stream: 'stdout' | 'stderr'): void;
}

export const LOG_MAX_BYTES = 5 * 1024 * 1024;

export function setupLogging(dataDir: string): ShellLog {
  const dir = join(dataDir, 'logs');
  const file = join(dir, 'lavka.log');
  log.transports.file.resolvePathFn = () => file;
  log.transports.file.maxSize = LOG_MAX_BYTES;
  log.errorHandler.startCatching({ showDialog: false });
  const core = log.scope('core');
  return {
    file,
    dir,
    info: (...a) => log.info(...a),
    warn: (...a) => log.warn(...a),
    error: (...a) => log.error(...a),
    core: (line, stream) => (stream === 'stdout' ? core.info(line) : core.warn(line)),
  };
}
