// Builds a real Lavka core on a temp data dir for tests: real SQLite, fake clock, no network.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type App, type AppConfig } from '../../main/core/app';
import { dispatch } from '../../main/core/api/dispatch';
import type { ApiInput, ApiOutput, MethodName } from '../../main/core/api/contract';
import { FakeClock } from './fake-clock';
import { DEFAULT_HOURS } from '../../main/shared/opening-hours';

export interface TestApp {
  app: App;
  clock: FakeClock;
  dataDir: string;
  /** Calls an API method through the same guard the transports use; throws on an error envelope. */
  call<K extends MethodName>(name: K, input?: ApiInput<K>): Promise<ApiOutput<K>>;
  close(): Promise<void>;
}

export function tempDir(prefix = 'lavka-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export async function makeTestApp(opts: Partial<AppConfig> & { setup?: boolean; start?: boolean } = {}): Promise<TestApp> {
  const dataDir = opts.dataDir ?? tempDir();
  const clock = (opts.clock as FakeClock | undefined) ?? new FakeClock();
  const app = createApp({ env: {}, ...opts, dataDir, clock });
  if (opts.setup !== false) {
    app.services.settings.completeSetup({
      business: {
        name: 'Test Bakery',
        description: 'Bread and pastries',
        currency: 'EUR',
        timeZone: 'Europe/Berlin',
        region: 'DE',
        openingHours: DEFAULT_HOURS,
        address: 'Hauptstraße 1, Berlin',
        phone: '+49 30 123456',
      },
      preferences: { uiLanguage: 'en', replyLanguage: 'en' },
    });
  }
  if (opts.start !== false) await app.start();
  return {
    app,
    clock,
    dataDir,
    async call(name, input) {
      const r = await dispatch(app.methods, name, input ?? {});
      if (!r.ok) throw Object.assign(new Error(`${r.error.code}: ${r.error.message}`), { code: r.error.code });
      return r.value as never;
    },
    async close() {
      await app.close();
      if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Lets promise callbacks and setImmediate work (acks, inbound listeners) run. */
export async function flush(times = 3): Promise<void> {
  for (let i = 0; i < times; i++) await new Promise((r) => setImmediate(r));
}
