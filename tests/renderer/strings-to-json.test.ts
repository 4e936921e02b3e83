// tools/strings-to-json.mjs turns a feature's StringBundle (en + ru in TypeScript) into locale JSON files and registers
// the namespace in the English index, so bundles written on other branches convert in one command at merge.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
let dir = '';
afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

it('converts a bundle to en/ru JSON, registers it, and lists the languages still to translate', () => {
  dir = mkdtempSync(join(tmpdir(), 'lavka-strings-'));
  const locales = join(dir, 'locales');
  mkdirSync(join(locales, 'en'), { recursive: true });
  mkdirSync(join(locales, 'uk'));
  cpSync(join(root, 'renderer/src/locales/en/index.ts'), join(locales, 'en/index.ts'));
  const bundle = join(dir, 'strings.ts');
  writeFileSync(
    bundle,
    `import type { StringBundle } from '../../i18n/types';
const bundle: StringBundle = {
  ns: 'sampleFeature',
  en: { title: 'Reports', rows_one: '{{count}} row', rows_other: '{{count}} rows', nested: { a: 'A' } },
  ru: { title: 'Отчёты', rows_one: '{{count}} строка', rows_few: '{{count}} строки', rows_many: '{{count}} строк', rows_other: '{{count}} строки', nested: { a: 'А' } },
};
export default bundle;
`,
  );
  const out = execFileSync('node', [join(root, 'tools/strings-to-json.mjs'), bundle, '--delete', '--locales', locales], {
    encoding: 'utf8',
  });

  expect(JSON.parse(readFileSync(join(locales, 'en/sampleFeature.json'), 'utf8'))).toEqual({
    title: 'Reports',
    rows_one: '{{count}} row',
    rows_other: '{{count}} rows',
    nested: { a: 'A' },
  });
  expect((JSON.parse(readFileSync(join(locales, 'ru/sampleFeature.json'), 'utf8')) as Record<string, unknown>).rows_few).toBe(
    '{{count}} строки',
  );
  const index = readFileSync(join(locales, 'en/index.ts'), 'utf8');
  expect(index).toContain("import sampleFeature from './sampleFeature.json';");
  expect(index).toMatch(/const en = \{\n {2}\/\/ @namespaces-list\n {2}sampleFeature,/);
  expect(out).toContain('still to translate: uk');
  expect(existsSync(bundle)).toBe(false);

  // Running it again is harmless: the namespace is registered once.
  writeFileSync(bundle, `export default { ns: 'sampleFeature', en: { title: 'Reports' }, ru: { title: 'Отчёты' } };\n`);
  execFileSync('node', [join(root, 'tools/strings-to-json.mjs'), bundle, '--locales', locales]);
  expect(readFileSync(join(locales, 'en/index.ts'), 'utf8').match(/sampleFeature\.json/g)).toHaveLength(1);
});

it('refuses a file that is not a StringBundle', () => {
  dir = mkdtempSync(join(tmpdir(), 'lavka-strings-'));
  const file = join(dir, 'strings.ts');
  writeFileSync(file, 'export default { hello: 1 };\n');
  expect(() => execFileSync('node', [join(root, 'tools/strings-to-json.mjs'), file, '--locales', dir], { stdio: 'pipe' })).toThrow(
    /not a StringBundle/,
  );
});
