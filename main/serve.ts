// Headless entry: `npm run serve`. The same core as the desktop app, behind HTTP + WebSocket for a browser.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createApp } from './core/app';
import { defaultDataDir } from './core/paths';
import { seedDemo } from './core/demo/seed';
import { startHttpServer } from './server/http-server';
import { loadToken } from './server/token-file';
import { AdjustableClock } from './core/dev-clock';
import { lockDataFolder } from './core/data-lock';

const USAGE = `Usage: npm run serve -- [--data-dir DIR] [--port N] [--host ADDR] [--demo] [--new-token]
  --data-dir DIR  where lavka.sqlite lives (env LAVKA_DATA_DIR; default: the per-user app-data folder)
  --port N        port to listen on (env LAVKA_PORT; default 5780; 0 picks a free one)
  --host ADDR     address to bind (env LAVKA_HOST; default 127.0.0.1 — only this computer can connect)
  --demo          fill an empty data folder with a sample shop
  --new-token     replace the kept token (old links and bookmarks stop working)
  --fake-clock    TESTS ONLY (env LAVKA_FAKE_CLOCK=1): time can be moved forward through dev.clock.advance`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      demo: { type: 'boolean', default: false },
      'new-token': { type: 'boolean', default: false },
      'fake-clock': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    allowPositionals: false,
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const env = process.env;
  const dataDir = values['data-dir'] ?? env.LAVKA_DATA_DIR ?? defaultDataDir(env);
  const port = Number(values.port ?? env.LAVKA_PORT ?? 5780);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0-65535, got ${values.port}`);
  const host = values.host ?? env.LAVKA_HOST ?? '127.0.0.1';
  // Everything Lavka writes (database, journal, backups, exports, logs) is for the owner's user account only.
  process.umask(0o077);

  // End-to-end tests move time forward to make reminders due; a normal start never has this clock or its API.
  const devClock = values['fake-clock'] || env.LAVKA_FAKE_CLOCK === '1' ? new AdjustableClock() : undefined;
  if (devClock) console.warn('WARNING: test clock enabled (--fake-clock): dev.clock.advance can move Lavka’s time forward.');
  // One data folder, one Lavka (desktop or serve): a second one refuses before touching the database.
  mkdirSync(dataDir, { recursive: true });
  const lock = lockDataFolder(dataDir);
  process.on('exit', () => lock.release());
  const app = createApp({ dataDir, env, devClock });
  if (values.demo) seedDemo(app.services);
  await app.start();
  // Kept in the data folder so a bookmarked link survives restarts; LAVKA_TOKEN (scripts, tests) wins.
  const token = loadToken(dataDir, { rotate: values['new-token'], fromEnv: env.LAVKA_TOKEN });
  const server = await startHttpServer(app, {
    host,
    port,
    token,
    rendererDir: fileURLToPath(new URL('../renderer', import.meta.url)),
  });
  console.log(`Lavka is running at ${server.url}`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`Lavka is stopping (${signal})…`);
    await server.close();
    await app.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err) => {
  console.error(`Lavka could not start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
