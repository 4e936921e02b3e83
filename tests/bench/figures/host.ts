// Figure group "host": how long the process that owns the window freezes while the core does heavy work — restore a
// backup, import a large contacts CSV, export every contact. Before: the core in that same process (as Lavka ran
// until the core host existed). After: the core in its own process (the desktop's utilityProcess; here the same
// core-host.js forked under Node), the parent only passing messages. The figure is the longest event-loop stall of
// the parent, from perf_hooks' event-loop delay histogram.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../../main/core/app';
import { dispatch } from '../../../main/core/api/dispatch';
import type { Envelope } from '../../../main/core/api/envelope';
import { CoreSupervisor, realTimers } from '../../../main/host/supervisor';
import { forkCoreHost } from '../../helpers/core-host-process';
import { workingCopy, type Scale, type ShopInfo } from '../seed';
import { figure, type Figure } from '../report';

type Call = (name: string, input: unknown) => Promise<Envelope<unknown>>;

/** Contacts in the imported CSV: the 100k on the default shop, fewer on the small smoke run. */
export const IMPORT_CONTACTS: Record<string, number> = { small: 10_000, default: 100_000 };
const CHUNK_BYTES = 1024 * 1024;
const STALL_TARGET_MS = 50;

async function value<T>(call: Call, name: string, input: unknown = {}): Promise<T> {
  const r = await call(name, input);
  if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
}

/** Waits for a job by asking, as the UI's progress bar does. */
async function waitJob(call: Call, jobId: string): Promise<void> {
  for (;;) {
    const j = await value<{ state: string; error: { message: string } | null }>(call, 'contacts.job', { jobId });
    if (j.state === 'done') return;
    if (j.state !== 'running') throw new Error(`job ${jobId} ${j.state}: ${j.error?.message ?? ''}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function contactsCsv(n: number): Buffer {
  const rows = ['name,phone,email'];
  for (let i = 0; i < n; i++) rows.push(`Import Customer ${i},+4915${String(10_000_000 + i)},import${i}@example.com`);
  return Buffer.from(rows.join('\n'), 'utf8');
}

interface Steps {
  restoreMs: number;
  importMs: number;
  exportMs: number;
  /** Longest stall of this process within each step. */
  stalls: { restore: number; import: number; export: number };
  /** CPU time this process spent over the three steps: its own work, as opposed to waiting for a busy machine. */
  cpuMs: number;
}

/** Longest event-loop stall between reset() and read(), in ms. */
function stallMeter() {
  const h = monitorEventLoopDelay({ resolution: 5 });
  h.enable();
  return {
    read: () => h.max / 1e6,
    reset: () => h.reset(),
    stop: () => h.disable(),
  };
}

/** The same three steps through the contract, whichever process the core is in. */
async function workload(call: Call, csv: Buffer): Promise<Steps> {
  const meter = stallMeter();
  const stalls = { restore: 0, import: 0, export: 0 };
  const cpu = process.cpuUsage();
  let t = performance.now();
  await waitJob(call, (await value<{ id: string }>(call, 'backup.now')).id);
  const [latest] = await value<{ name: string }[]>(call, 'backup.list');
  await waitJob(call, (await value<{ id: string }>(call, 'backup.restore', { name: latest.name })).id);
  const restoreMs = performance.now() - t;
  stalls.restore = meter.read();
  meter.reset();

  t = performance.now();
  const { uploadId } = await value<{ uploadId: string }>(call, 'contacts.importBegin', { fileName: 'contacts.csv', size: csv.length });
  for (let i = 0, index = 0; i < csv.length; i += CHUNK_BYTES, index++) {
    await value(call, 'contacts.importChunk', { uploadId, index, data: csv.subarray(i, i + CHUNK_BYTES).toString('base64') });
  }
  await waitJob(call, (await value<{ id: string }>(call, 'contacts.importCommit', { uploadId, duplicates: 'skip', skipErrors: true })).id);
  const importMs = performance.now() - t;
  stalls.import = meter.read();
  meter.reset();

  t = performance.now();
  // The columns the export dialog ticks by default.
  const { defaultExportColumns } = await value<{ defaultExportColumns: string[] }>(call, 'contacts.facets');
  await waitJob(call, (await value<{ id: string }>(call, 'contacts.export', { format: 'csv', columns: defaultExportColumns })).id);
  const exportMs = performance.now() - t;
  stalls.export = meter.read();
  meter.stop();
  const used = process.cpuUsage(cpu);
  return { restoreMs, importMs, exportMs, stalls, cpuMs: (used.user + used.system) / 1000 };
}

/** The same meter on an idle process for a while: what this machine's scheduler alone costs (noise floor). */
async function idleStall(ms: number): Promise<number> {
  const meter = stallMeter();
  await new Promise((r) => setTimeout(r, ms));
  const v = meter.read();
  meter.stop();
  return v;
}

export async function hostStallFigures(shop: ShopInfo, scale: Scale, log: (s: string) => void): Promise<Figure[]> {
  const n = IMPORT_CONTACTS[scale.name] ?? 10_000;
  const csv = contactsCsv(n);
  const sec = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const note = (s: Steps) =>
    `longest stall per step: restore ${s.stalls.restore.toFixed(0)} ms (${sec(s.restoreMs)}), import of ${n.toLocaleString('en')} contacts ` +
    `${s.stalls.import.toFixed(0)} ms (${sec(s.importMs)}), export ${s.stalls.export.toFixed(0)} ms (${sec(s.exportMs)}); this process used ${sec(s.cpuMs)} CPU`;
  const worst = (s: Steps) => Math.max(s.stalls.restore, s.stalls.import, s.stalls.export);
  const figures: Figure[] = [];
  figures.push(
    figure(
      'window process stall: idle, 3 s (machine noise floor)',
      await idleStall(3000),
      'ms',
      undefined,
      'nothing running in this process',
    ),
  );

  const inProcessDir = workingCopy(shop, join(tmpdir(), `lavka-bench-host-a-${process.pid}`));
  try {
    log('host: core in the same process…');
    const app = createApp({ dataDir: inProcessDir, env: {} });
    await app.start();
    try {
      const s = await workload((name, input) => dispatch(app.methods, name, input), csv);
      figures.push(figure('window process stall: core in the same process (before)', worst(s), 'ms', undefined, note(s)));
    } finally {
      await app.close();
    }
  } finally {
    rmSync(inProcessDir, { recursive: true, force: true });
  }

  const hostDir = workingCopy(shop, join(tmpdir(), `lavka-bench-host-b-${process.pid}`));
  const sup = new CoreSupervisor({ spawn: () => forkCoreHost(), startOptions: () => ({ dataDir: hostDir }), timers: realTimers, log });
  try {
    log('host: core in its own process…');
    // Desktop start-up as the window sees it: spawn the core process → the first inbox page answered.
    const t = performance.now();
    sup.start();
    await value(sup.call.bind(sup), 'inbox.list', { limit: 50 });
    figures.push(
      figure(
        'desktop core process: start → first inbox page',
        performance.now() - t,
        'ms',
        { max: 2000 },
        'fork, integrity check, migrations, every domain’s start, then inbox.list',
      ),
    );
    const s = await workload((name, input) => sup.call(name, input), csv);
    figures.push(figure('window process stall: core in its own process (after)', worst(s), 'ms', { max: STALL_TARGET_MS }, note(s)));
  } finally {
    await sup.stop();
    rmSync(hostDir, { recursive: true, force: true });
  }
  return figures;
}
