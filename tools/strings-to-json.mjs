#!/usr/bin/env node
// Converts a feature's StringBundle file (renderer/src/**/strings.ts: { ns, en, ru }) into the owner-UI locale files
// renderer/src/locales/<lang>/<ns>.json and registers the namespace in renderer/src/locales/en/index.ts.
// Usage: node tools/strings-to-json.mjs <path/to/strings.ts> [more…] [--delete] [--locales DIR]
//   --delete removes the .ts bundle after a successful conversion (drop its line from renderer/src/i18n/bundles.ts).
//   --locales DIR writes somewhere else than renderer/src/locales (tests use a temp folder).
// Languages other than en/ru are reported as missing: translate them (copy the English file as a start), then run
// `npx vitest run tests/renderer/i18n.test.ts`. Uses esbuild (installed with vite) to strip the bundle's types.
import { readFileSync, writeFileSync, mkdirSync, existsSync, unlinkSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transform } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const localesAt = argv.indexOf('--locales');
const localesDir = localesAt >= 0 ? resolve(argv[localesAt + 1]) : join(root, 'renderer/src/locales');
if (localesAt >= 0) argv.splice(localesAt, 2);

async function loadBundle(file) {
  // The bundle imports only types, so stripping them leaves a self-contained ES module.
  const { code } = await transform(readFileSync(file, 'utf8'), { loader: 'ts', format: 'esm' });
  const mod = await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
  const b = mod.default;
  if (!b || typeof b.ns !== 'string' || typeof b.en !== 'object')
    throw new Error(`${file}: default export is not a StringBundle ({ ns, en, ru })`);
  return b;
}

function writeJson(lang, ns, strings) {
  const dir = join(localesDir, lang);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${ns}.json`), `${JSON.stringify(strings, null, 2)}\n`);
}

/** Adds `import <ns> from './<ns>.json'` and the namespace to the English index that types every key. */
function register(ns) {
  const index = join(localesDir, 'en/index.ts');
  let src = readFileSync(index, 'utf8');
  const ident = ns.replace(/[^A-Za-z0-9_$]/g, '_');
  if (src.includes(`'./${ns}.json'`)) return;
  src = src.replace(/(\/\/ @namespaces-imports\n)/, `$1import ${ident} from './${ns}.json';\n`);
  src = src.replace(/(\/\/ @namespaces-list\n)/, `$1  ${ident === ns ? ns : `'${ns}': ${ident}`},\n`);
  writeFileSync(index, src);
}

const del = argv.includes('--delete');
const files = argv.filter((a) => a !== '--delete');
if (!files.length) {
  console.error('usage: node tools/strings-to-json.mjs <strings.ts> [more…] [--delete] [--locales DIR]');
  process.exit(2);
}
const languages = readdirSync(localesDir, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);
for (const f of files) {
  const b = await loadBundle(resolve(f));
  writeJson('en', b.ns, b.en);
  if (b.ru) writeJson('ru', b.ns, b.ru);
  register(b.ns);
  const missing = languages.filter((l) => !existsSync(join(localesDir, l, `${b.ns}.json`)));
  console.log(
    `${f} → ${localesDir}/{en${b.ru ? ',ru' : ''}}/${b.ns}.json${missing.length ? `; still to translate: ${missing.join(', ')}` : ''}`,
  );
  if (del) unlinkSync(resolve(f));
}
