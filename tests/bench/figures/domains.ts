// Figures 5, 6 and 9 belong to the domains built on the spine: the assistant's context builder, the contacts CSV
// export and the reminder scheduler's due scan. Each goes through that domain's own code (API dispatch where the UI
// uses it), and reports n/a when the domain is not in this build.
import { spawn } from 'node:child_process';
import type { App } from '../../../main/core/app';
import { dispatch } from '../../../main/core/api/dispatch';
import { RemindersRepo } from '../../../main/core/db/repos/reminders-repo';
import { BATCH } from '../../../main/core/reminders/scheduler';
import type { ShopInfo } from '../seed';
import { NOT_BUILT, hasTable } from '../seed-domains';
import { figure, latency, notAvailable, percentile, sample, type Figure } from '../report';
import { Rng } from '../rng';

async function call<T>(app: App, name: string, input: unknown): Promise<T> {
  const r = await dispatch(app.methods, name, input);
  if (!r.ok) throw new Error(`${name}: ${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

/** Figure 5: one assistant turn's context (customer, retrieval, catalog/orders blocks, prompt assembly), no model call. */
export async function contextFigures(app: App, shop: ShopInfo, runs: number): Promise<Figure[]> {
  if (!('assistant.context' in app.methods)) return [notAvailable('assistant: context build p99', 'ms', NOT_BUILT, '≤ 20')];
  // Conversations whose customer wrote recently enough to be answered, plus the long one.
  const ids = app.services.db
    .prepare<[], { id: number }>(`SELECT id FROM conversations ORDER BY last_message_at DESC LIMIT 2000`)
    .all()
    .map((r) => r.id);
  const rng = new Rng(`${shop.seed}/context`);
  const pick = (i: number) => (i % 10 === 0 ? shop.bigConversationId : ids[rng.int(ids.length)]);
  const tokens: number[] = [];
  const samples = await sample(runs, async (i) => {
    const c = await call<{ tokens: { total: number } }>(app, 'assistant.context', { conversationId: pick(i), task: 'suggest' });
    tokens.push(c.tokens.total);
  });
  return [
    ...latency(
      'assistant: context build',
      samples,
      20,
      `${samples.length} turns over ${ids.length.toLocaleString('en')} recent conversations`,
    ),
    figure('assistant: prompt tokens median', percentile(tokens, 50), 'tokens'),
    figure('assistant: prompt tokens p95', percentile(tokens, 95), 'tokens'),
  ];
}

/** Figure 9: what the reminder scheduler asks the database on every turn: the due batch and the next fire time. */
export async function reminderFigures(app: App, runs: number): Promise<Figure[]> {
  if (!hasTable(app.services.db, 'reminders')) return [notAvailable('reminders: due scan p99', 'ms', NOT_BUILT, '≤ 5')];
  const repo = new RemindersRepo(app.services.db);
  const now = app.services.clock.now();
  const total = (app.services.db.prepare('SELECT count(*) AS n FROM reminders').get() as { n: number }).n;
  const scheduled = (app.services.db.prepare("SELECT count(*) AS n FROM reminders WHERE status = 'scheduled'").get() as { n: number }).n;
  let due = 0;
  const samples = await sample(runs, () => {
    due = repo.due(now, BATCH).length;
    repo.nextFireAt();
  });
  return latency(
    'reminders: due scan',
    samples,
    5,
    `${due} due of ${scheduled.toLocaleString('en')} scheduled (${total.toLocaleString('en')} reminders)`,
  );
}

export interface ExportChildResult {
  ms: number;
  rows: number;
  bytes: number;
  rssBeforeMb: number;
  peakGrowthMb: number;
}

/**
 * Figure 6: CSV export of every contact, in a fresh child process so its memory growth is the export's alone.
 * The child is this same bench.js with --child export (see runExportChild).
 */
export async function exportFigures(app: App, dataDir: string): Promise<Figure[]> {
  if (!('contacts.export' in app.methods)) {
    return [
      notAvailable('contacts: CSV export of all contacts', 'ms', NOT_BUILT, '≤ 2000'),
      notAvailable('contacts: CSV export peak RSS growth', 'MB', NOT_BUILT, '≤ 100'),
    ];
  }
  const r = await new Promise<ExportChildResult>((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', process.argv[1], '--child', 'export', '--data-dir', dataDir], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += String(d)));
    child.on('error', reject);
    child.on('exit', (code) => {
      const line = out.trim().split('\n').at(-1) ?? '';
      if (code !== 0 || !line.startsWith('{')) reject(new Error(`export child exited with ${code}: ${out.slice(-300)}`));
      else resolve(JSON.parse(line) as ExportChildResult);
    });
  });
  const per100k = (r.ms / r.rows) * 100_000;
  const note = `${r.rows.toLocaleString('en')} contacts, ${(r.bytes / 2 ** 20).toFixed(1)} MB file`;
  return [
    figure('contacts: CSV export of all contacts', r.ms, 'ms', r.rows >= 100_000 ? { max: 2000 } : undefined, note),
    ...(r.rows < 100_000
      ? [figure('contacts: CSV export, per 100k contacts', per100k, 'ms', { max: 2000 }, 'scaled linearly from this shop')]
      : []),
    figure(
      'contacts: CSV export peak RSS growth',
      r.peakGrowthMb,
      'MB',
      { max: 100 },
      `from ${r.rssBeforeMb.toFixed(0)} MB before the export`,
    ),
  ];
}

/** Runs inside the child: opens the shop, exports every contact through the API the UI calls, reports time and memory. */
export async function runExportChild(app: App): Promise<ExportChildResult> {
  global.gc?.();
  const before = process.memoryUsage().rss;
  const maxBefore = process.resourceUsage().maxRSS * 1024;
  let peak = before;
  // The export yields between batches, so this sampler sees memory while it runs.
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  const t = performance.now();
  // The columns the export dialog ticks by default.
  const { defaultExportColumns } = await call<{ defaultExportColumns: string[] }>(app, 'contacts.facets', {});
  const job = await call<{ id: string }>(app, 'contacts.export', { format: 'csv', columns: defaultExportColumns });
  const done = await app.services.jobs.wait(job.id);
  const ms = performance.now() - t;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  // The kernel's high-water mark catches a peak between samples, when it is above anything before the export.
  const maxAfter = process.resourceUsage().maxRSS * 1024;
  if (maxAfter > maxBefore) peak = Math.max(peak, maxAfter);
  if (done.state !== 'done') throw new Error(`export ${done.state}: ${done.error?.message ?? ''}`);
  const result = done.result as { rows: number; bytes: number };
  return { ms, rows: result.rows, bytes: result.bytes, rssBeforeMb: before / 2 ** 20, peakGrowthMb: (peak - before) / 2 ** 20 };
}
