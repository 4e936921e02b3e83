// Playwright journeys that build a Lavka app in-process run without Vite, so the core's locale files are not inlined:
// this reads main/shared/locales/<lang>/<namespace>.json and registers them. Import it BEFORE anything from main/.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { registerLocaleFiles } from '../../main/shared/locales/files';

const dir = join(import.meta.dirname, '../../main/shared/locales');
const byPath: Record<string, Record<string, unknown>> = {};
for (const lang of readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory())) {
  for (const f of readdirSync(join(dir, lang.name)).filter((n) => n.endsWith('.json'))) {
    byPath[`${lang.name}/${f}`] = JSON.parse(readFileSync(join(dir, lang.name, f), 'utf8')) as Record<string, unknown>;
  }
}
registerLocaleFiles(byPath);
