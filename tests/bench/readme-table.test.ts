// The README's performance table must show what a bench run printed: every figure, its target and whether it was met,
// replacing only the generated block so the hand-written explanation around it survives a regeneration.
import { describe, expect, it } from 'vitest';
import { asBenchRun, END, replaceTable, START, type BenchRun } from './readme-table';
import { figure, notAvailable } from './report';

const run = (over: Partial<BenchRun> = {}): BenchRun => ({
  scale: 'default',
  seed: '1',
  date: '2026-12-07T16:00:00.000Z',
  seconds: 312.4,
  machine: { cpu: 'AMD EPYC', cores: 2, ramGb: 24, os: 'Linux x64', node: 'v20.20.2', sqlite: '3.53.2' },
  loadAverage: { start: 0.4, end: 1.9 },
  figures: [
    figure('search p99: first letter typed', 12.34, 'ms', { max: 50 }, '200 samples'),
    figure('ingest: burst / raw', 31.2, '%', { min: 50 }, 'a burst | raw'),
    figure('ingest: raw INSERT, bare table', 14700, 'msg/s'),
    notAvailable('ui: first inbox screen', 'ms', 'Chromium missing', '≤ 500'),
  ],
  ...over,
});

const readme = `# Lavka\n\nIntro.\n\n## Performance\n\nWhy these figures.\n\n${START}\nold table\n${END}\n\nWhat the misses mean.\n`;

describe('README performance table', () => {
  it('shows every figure with its value, target and result, and names the misses up front', () => {
    const out = replaceTable(readme, [run()]);
    expect(out).toContain('| search p99: first letter typed | 12.3 ms | ≤ 50 ms | pass | 200 samples |');
    expect(out).toContain('| ingest: burst / raw | 31.2 % | ≥ 50 % | **miss** | a burst \\| raw |');
    expect(out).toContain('| ingest: raw INSERT, bare table | 14,700 msg/s |  |  |  |');
    expect(out).toContain('| ui: first inbox screen | — | ≤ 500 ms | n/a | Chromium missing |');
    expect(out).toContain('1 targets met, 1 missed: ingest: burst / raw.');
    expect(out).toContain('Scale default');
    expect(out).toContain('load average 0.4 at the start, 1.9 at the end');
  });

  it('replaces only the generated block, and a second run replaces the first run’s table', () => {
    const once = replaceTable(readme, [run()]);
    const twice = replaceTable(once, [run({ scale: 'small', figures: [figure('x', 1, 'ms', { max: 2 })] })]);
    expect(twice).not.toContain('old table');
    expect(twice).not.toContain('Scale default');
    expect(twice).toContain('Scale small');
    expect(twice.startsWith('# Lavka\n\nIntro.\n\n## Performance\n\nWhy these figures.\n\n')).toBe(true);
    expect(twice.endsWith(`${END}\n\nWhat the misses mean.\n`)).toBe(true);
  });

  it('puts several runs one after another, in the order given', () => {
    const out = replaceTable(readme, [run(), run({ scale: 'small' })]);
    expect(out.indexOf('Scale default')).toBeLessThan(out.indexOf('Scale small'));
  });

  it('refuses a README without markers and a file that is not a bench result, saying what is wrong', () => {
    expect(() => replaceTable('# Lavka\n', [run()])).toThrow(/no performance table markers/);
    expect(() => asBenchRun({ hello: 1 }, 'x.json')).toThrow(/x.json is not a bench result/);
    expect(asBenchRun(JSON.parse(JSON.stringify(run())), 'ok.json').scale).toBe('default');
  });
});
