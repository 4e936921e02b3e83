// Figures, percentiles and the printed table. A figure carries its own target so pass/fail is printed beside it
// (never asserted: the bench reports, CI only checks that it completes).

export interface Figure {
  name: string;
  /** null when the figure could not be taken (n/a or error); see note. */
  value: number | null;
  unit: string;
  /** Human-readable target, e.g. "≤ 10"; null when the figure is informational. */
  target: string | null;
  /** null when there is no target or no value. */
  pass: boolean | null;
  note?: string;
  /** true when taking the figure crashed (the bench then exits non-zero after printing everything). */
  error?: boolean;
}

export type Check = { max: number } | { min: number };

export function figure(name: string, value: number, unit: string, check?: Check, note?: string): Figure {
  if (!check) return { name, value: round(value), unit, target: null, pass: null, note };
  const target = 'max' in check ? `≤ ${check.max}` : `≥ ${check.min}`;
  const pass = 'max' in check ? value <= check.max : value >= check.min;
  return { name, value: round(value), unit, target, pass, note };
}

export function notAvailable(name: string, unit: string, why: string, target: string | null = null): Figure {
  return { name, value: null, unit, target, pass: null, note: why };
}

export function failed(name: string, err: unknown): Figure {
  const msg = err instanceof Error ? err.message.split('\n')[0] : String(err);
  return { name, value: null, unit: '', target: null, pass: null, note: `error: ${msg}`, error: true };
}

function round(v: number): number {
  if (!Number.isFinite(v)) return v;
  const abs = Math.abs(v);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  return Number(v.toFixed(digits));
}

export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  // Nearest-rank: p99 of 200 samples is the 198th value, a real observation rather than an interpolation.
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/** p50 (informational) and p99 (checked against the target) of a latency series, as two figures. */
export function latency(name: string, samples: readonly number[], maxP99?: number, note?: string): Figure[] {
  return [
    figure(`${name} p50`, percentile(samples, 50), 'ms'),
    figure(
      `${name} p99`,
      percentile(samples, 99),
      'ms',
      maxP99 === undefined ? undefined : { max: maxP99 },
      note ?? `${samples.length} samples`,
    ),
  ];
}

/**
 * Times a function up to `runs` times after a few untimed warm-up runs; returns milliseconds per run. Stops early
 * once `budgetMs` is spent (keeping at least 20 samples), so a slow path cannot stretch the bench to many minutes.
 */
export async function sample(runs: number, fn: (i: number) => unknown, budgetMs = 5000): Promise<number[]> {
  for (let i = 0; i < Math.min(5, runs); i++) await fn(i);
  const out: number[] = [];
  const started = performance.now();
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn(i);
    out.push(performance.now() - t);
    if (out.length >= 20 && performance.now() - started > budgetMs) break;
  }
  return out;
}

export function formatTable(figures: readonly Figure[]): string {
  const rows = figures.map((f) => [
    f.name,
    f.value === null ? '—' : f.value.toLocaleString('en-US', { maximumFractionDigits: 3 }),
    f.unit,
    f.target ?? '',
    f.pass === null ? '' : f.pass ? 'pass' : 'MISS',
    f.note ?? '',
  ]);
  const head = ['figure', 'value', 'unit', 'target', 'result', 'note'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => [...r[i]].length)));
  const line = (r: string[]) =>
    r
      .map((c, i) => (i === 1 ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** The same table as GitHub markdown, for the README's Performance section. */
export function formatMarkdown(figures: readonly Figure[]): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  const out = ['| figure | value | target | result | note |', '|---|---:|---|---|---|'];
  for (const f of figures) {
    const v = f.value === null ? '—' : `${f.value.toLocaleString('en-US', { maximumFractionDigits: 3 })} ${f.unit}`;
    out.push(
      `| ${esc(f.name)} | ${v} | ${f.target ? `${f.target} ${f.unit}` : ''} | ${f.pass === null ? '' : f.pass ? 'pass' : '**miss**'} | ${esc(f.note ?? '')} |`,
    );
  }
  return out.join('\n');
}
