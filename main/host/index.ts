// Entry of the core host process (out/main/core-host.js). In Electron it is a utilityProcess and talks over
// process.parentPort; under plain Node (tests, bench) it is a child_process.fork and talks over process.send.
import { runCoreHost, type ParentChannel, type WindowPort } from './core-host';
import type { FromHost, ToHost } from './protocol';

interface ElectronParentPort {
  postMessage(msg: unknown): void;
  on(event: 'message', fn: (e: { data: unknown; ports: WindowPort[] }) => void): void;
}

function parentChannel(): ParentChannel {
  const electronPort = (process as { parentPort?: ElectronParentPort }).parentPort;
  if (electronPort) {
    return {
      post: (msg: FromHost) => electronPort.postMessage(msg),
      onMessage: (fn) => electronPort.on('message', (e) => fn(e.data as ToHost, e.ports ?? [])),
    };
  }
  if (!process.send) throw new Error('core-host must be started by the Lavka shell (utilityProcess) or child_process.fork');
  return {
    post: (msg: FromHost) => process.send?.(msg),
    onMessage: (fn) => process.on('message', (m) => fn(m as ToHost, [])),
  };
}

runCoreHost(parentChannel(), {
  pid: process.pid,
  env: process.env,
  // Let pending messages flush before leaving.
  exit: (code) => setImmediate(() => process.exit(code)),
});
// A parent that vanishes (the shell crashed) must not leave an orphan core holding the data folder.
process.on('disconnect', () => process.exit(0));
