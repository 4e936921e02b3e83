// Figures for the closing note of issue #13, written by the tests that measure them into artifacts/ (not committed):
// artifacts/auto-trust-figures.json holds one key per figure; each test run overwrites its own keys.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const FILE = join(process.cwd(), 'artifacts', 'auto-trust-figures.json');

export function recordFigures(figures: Record<string, unknown>): void {
  mkdirSync(join(process.cwd(), 'artifacts'), { recursive: true });
  let all: Record<string, unknown> = {};
  try {
    all = JSON.parse(readFileSync(FILE, 'utf8')) as Record<string, unknown>;
  } catch {
    all = {};
  }
  writeFileSync(FILE, `${JSON.stringify({ ...all, ...figures }, null, 2)}\n`);
}
