// `npm run bench [-- --scale small|default] [--seed S] [--json FILE]`: seeds (or reuses) a synthetic shop, measures
// Lavka's hot paths against their targets, prints a table and writes the figures as JSON. Exits non-zero only when
// the bench itself breaks; missed targets are reported, not asserted.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createApp, type App } from '../../main/core/app';
import { SERVE_JS } from '../helpers/serve-process';
import { cachedShop, inboundBatch, SCALES, TIMELINE_END, workingCopy, type KnownSender, type Scale, type ShopInfo } from './seed';
import type { Lang } from './seed-text';
import { describeMachine, machineInfo } from './machine';
import { failed, formatMarkdown, formatTable, type Figure } from './report';
import { asBenchRun, replaceTable } from './readme-table';
import { ingestFigures } from './figures/ingest';
import { conversationFigures, inboxFigures, searchFigures } from './figures/reads';
import { startupFigures } from './figures/startup';
import { uiFigures } from './figures/ui';
import { contextFigures, exportFigures, reminderFigures, runExportChild } from './figures/domains';
import { rebaseReminders } from './seed-domains';
import { hostStallFigures } from './figures/host';
import { reportsFigures } from './figures/reports';
import { dayFigures, runShopDay } from './figures/assistant-day';
import { DEFAULT_PROFILE, SLOW_LAPTOP, type Profile } from './ollama-latency';
import type { ServeProcess } from '../helpers/serve-process';

const USAGE = `Usage: npm run bench -- [--scale small|default] [--seed S] [--json FILE] [--cache-dir DIR] [--keep]
  --scale      small (quick smoke, < 1 min) or default (a big shop: 2,000,000 messages); default: default
  --seed       generator seed; the same seed gives the same shop (default 1)
  --json       where to write the figures (default bench-results/bench-<scale>.json)
  --cache-dir  where seeded shops are kept for reuse (default <tmp>/lavka-bench-cache)
  --only       comma-separated figure groups to take: ingest, inbox, search, conversation, assistant, export,
               reminders, assistant-day, reports, startup, ui, host (default: all)
  --prompt-tps Ollama latency model: prompt reading speed, tokens/s (default 50; the "slow laptop" profile, 18, is
               always reported beside it)
  --gen-tps    Ollama latency model: answer writing speed, tokens/s (default 10; slow laptop: 6)
  --keep       keep the working copy of the database after the run
  --readme     do not measure: rewrite README.md's performance table from bench-results/bench-default.json and
               bench-results/bench-small.json (those that exist), or from the JSON files named after it`;

function log(s: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${s}\n`);
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      scale: { type: 'string', default: 'default' },
      seed: { type: 'string', default: '1' },
      json: { type: 'string' },
      'cache-dir': { type: 'string' },
      keep: { type: 'boolean', default: false },
      readme: { type: 'boolean', default: false },
      only: { type: 'string' },
      'prompt-tps': { type: 'string', default: String(DEFAULT_PROFILE.promptTps) },
      'gen-tps': { type: 'string', default: String(DEFAULT_PROFILE.genTps) },
      help: { type: 'boolean', default: false },
      // Internal: figures that need a process of their own (memory) run bench.js again with --child NAME.
      child: { type: 'string' },
      'data-dir': { type: 'string' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (values.readme) {
    updateReadme(positionals);
    return 0;
  }
  if (values.child === 'export') {
    const app = createApp({ dataDir: values['data-dir']!, env: {}, startWorkers: false });
    try {
      console.log(JSON.stringify(await runExportChild(app)));
    } finally {
      await app.close();
    }
    return 0;
  }
  const scale: Scale | undefined = SCALES[values.scale as keyof typeof SCALES];
  if (!scale) throw new Error(`--scale must be small or default, got "${values.scale}"`);
  const seed = values.seed;
  // A partial run (--only) never overwrites the full run's figures.
  const jsonFile = resolve(values.json ?? join('bench-results', `bench-${scale.name}${values.only ? '-partial' : ''}.json`));
  const cacheDir = values['cache-dir'] ?? join(tmpdir(), 'lavka-bench-cache');
  const machine = machineInfo();
  log(`machine: ${describeMachine(machine)}`);
  log(`scale ${scale.name}, seed ${seed}; serve: ${SERVE_JS}`);

  const started = performance.now();
  const loadAtStart = loadavg()[0];
  const shop = cachedShop(scale, seed, cacheDir, log);
  log(
    `${shop.cached ? 'reusing' : 'seeded'} shop ${shop.dataDir} (${(shop.dbBytes / 2 ** 20).toFixed(0)} MB, seeded in ${shop.seedSeconds.toFixed(1)} s)`,
  );
  const work = workingCopy(shop, join(tmpdir(), `lavka-bench-work-${process.pid}`));

  const GROUPS = [
    'ingest',
    'inbox',
    'search',
    'conversation',
    'assistant',
    'export',
    'reminders',
    'assistant-day',
    'reports',
    'startup',
    'ui',
    'host',
  ];
  const profile: Profile = { ...DEFAULT_PROFILE, promptTps: Number(values['prompt-tps']), genTps: Number(values['gen-tps']) };
  if (!(profile.promptTps > 0 && profile.genTps > 0)) throw new Error('--prompt-tps and --gen-tps must be positive numbers');
  const only = values.only ? new Set(values.only.split(',').map((g) => g.trim())) : null;
  for (const g of only ?? []) if (!GROUPS.includes(g)) throw new Error(`--only: unknown figure group "${g}" (known: ${GROUPS.join(', ')})`);
  const wanted = (group: string) => !only || only.has(group);

  const figures: Figure[] = [];
  const take = async (group: string, label: string, fn: () => Promise<Figure[]>) => {
    if (!wanted(group)) return;
    log(`${label}…`);
    try {
      figures.push(...(await fn()));
    } catch (err) {
      console.error(err);
      figures.push(failed(label, err));
    }
  };

  // Workers off: no channels, outbox or scheduler running under the figures. start() still wires the in-process
  // listeners (opt-out) that the real inbound path has.
  const app = createApp({ dataDir: work, env: {}, startWorkers: false });
  rebaseReminders(app.services.db, TIMELINE_END, Date.now());
  await app.start();
  try {
    await take('ingest', 'ingest', () => ingestFigures(app, inboundBatch(scale, seed, senderLookup(app), Date.now())));
    await take('inbox', 'inbox', () => inboxFigures(app, 300));
    await take('search', 'search', () =>
      searchFigures(
        app,
        [
          { label: 'common word', query: 'order' },
          { label: 'rare word', query: shop.rareWord },
          { label: 'Cyrillic', query: 'хлеб' },
          { label: 'Vietnamese', query: 'bánh mì' },
          // The inbox searches as the owner types, so a single letter is a real query.
          { label: 'first letter typed', query: 'b' },
        ],
        200,
      ),
    );
    await take('conversation', 'conversation', () => conversationFigures(app, shop.bigConversationId, 300));
    await take('assistant', 'assistant context', () => contextFigures(app, shop, 300));
    await take('export', 'contacts export', () => exportFigures(app, work));
    await take('reminders', 'reminders', () => reminderFigures(app, 300));
    await take('reports', 'reports', () => reportsFigures(app, TIMELINE_END, seed, 100));
  } finally {
    await app.close();
  }

  // A shop day of model calls, charged like Ollama on a CPU laptop (own app on the same copy, fake clock).
  await take('assistant-day', 'assistant day (Ollama latency model)', async () => {
    const day = await runShopDay(work, seed, scale.name === 'small' ? 60 : 120);
    return [...dayFigures(day, profile, true), ...dayFigures(day, SLOW_LAPTOP, false)];
  });

  let serve: ServeProcess | null = null;
  await take(wanted('ui') ? 'ui' : 'startup', 'start-up', async () => {
    const r = await startupFigures(work, 3);
    serve = r.serve;
    return r.figures;
  });
  if (serve) {
    const running: ServeProcess = serve;
    const shot = join(dirname(jsonFile), `inbox-${scale.name}.png`);
    mkdirSync(dirname(shot), { recursive: true });
    await take('ui', 'ui', () => uiFigures(running, { loads: 3, scrollRows: scale.uiScroll, screenshot: shot }));
    await running.stop();
  } else if (wanted('ui')) {
    figures.push(failed('ui', new Error('skipped: serve did not start')));
  }
  // The desktop core host: the window's process stays responsive while the core restores, imports and exports.
  await take('host', 'core host stall', () => hostStallFigures(shop, scale, log));
  if (!values.keep) rmSync(work, { recursive: true, force: true });

  const seconds = (performance.now() - started) / 1000;
  const header = shopSummary(shop);
  console.log(`\nLavka bench — scale ${scale.name}, seed ${seed}, ${new Date().toISOString().slice(0, 10)}`);
  console.log(
    `Machine: ${describeMachine(machine)}; 1-min load average ${loadAtStart.toFixed(1)} at start, ${loadavg()[0].toFixed(1)} at end`,
  );
  console.log(`Shop: ${header}`);
  console.log(`Total run ${seconds.toFixed(0)} s (seeding ${shop.cached ? 'reused from cache' : `${shop.seedSeconds.toFixed(0)} s`}).\n`);
  console.log(formatTable(figures));
  const misses = figures.filter((f) => f.pass === false).map((f) => f.name);
  console.log(
    `\n${figures.filter((f) => f.pass === true).length} targets met, ${misses.length} missed${misses.length ? `: ${misses.join('; ')}` : ''}.`,
  );

  mkdirSync(dirname(jsonFile), { recursive: true });
  writeFileSync(
    jsonFile,
    JSON.stringify(
      {
        scale: scale.name,
        seed,
        date: new Date().toISOString(),
        seconds,
        machine,
        loadAverage: { start: loadAtStart, end: loadavg()[0] },
        shop: { ...shop, dataDir: undefined },
        figures,
      },
      null,
      2,
    ),
  );
  writeFileSync(jsonFile.replace(/\.json$/, '') + '.md', formatMarkdown(figures) + '\n');
  console.log(`Figures written to ${jsonFile} (and .md)`);
  return figures.some((f) => f.error) ? 1 : 0;
}

/** `--readme`: the README's table from saved runs (the big shop first), so it always shows what a run printed. */
function updateReadme(files: string[]): void {
  const wanted = files.length ? files : ['bench-results/bench-default.json', 'bench-results/bench-small.json'].filter((f) => existsSync(f));
  if (wanted.length === 0)
    throw new Error('no bench results to show: run `npm run bench` first (it writes bench-results/bench-default.json)');
  const runs = wanted.map((f) => asBenchRun(JSON.parse(readFileSync(f, 'utf8')), f));
  const readme = resolve('README.md');
  writeFileSync(readme, replaceTable(readFileSync(readme, 'utf8'), runs));
  log(`README.md performance table rewritten from ${wanted.join(', ')}`);
}

function shopSummary(shop: ShopInfo): string {
  const c = shop.counts;
  const n = (x: number) => x.toLocaleString('en');
  const domains = Object.entries(shop.domains)
    .map(([k, v]) => ('seeded' in v ? `${n(v.seeded)} ${k}` : `${k} ${v.na}`))
    .join(', ');
  return (
    `${n(c.contacts)} contacts (${n(c.conversations)} who wrote — one merged conversation each — and ${n(c.contacts - c.conversations)} ` +
    `from the phone book), ${n(c.identities)} identities, ${n(c.messages)} messages (en/ru/uk/vi + emoji), ${n(c.unreadConversations)} unread ` +
    `conversations, ${n(c.outbox)} outbox rows; ${domains}`
  );
}

/** Existing senders for the ingest batch, looked up the way a channel would address them. */
function senderLookup(app: App): (contactId: number) => KnownSender | undefined {
  const q = app.services.db.prepare<[number], { channel: string; external_id: string; name: string; language: string | null }>(
    `SELECT i.channel, i.external_id, k.name, k.language FROM identities i JOIN contacts k ON k.id = i.contact_id
     WHERE i.contact_id = ? ORDER BY i.id LIMIT 1`,
  );
  return (contactId) => {
    const r = q.get(contactId);
    return r ? { channel: r.channel, externalId: r.external_id, display: r.name, lang: (r.language ?? 'en') as Lang } : undefined;
  };
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error('bench crashed:', err);
    process.exit(2);
  },
);
