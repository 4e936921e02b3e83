// Builds i18next resources from the locale files: renderer/src/locales/<lang>/<namespace>.json becomes
// resources[lang].translation[namespace]. Vite inlines every file at build time; nothing is read at run time.
// StringBundle files still registered in bundles.ts (features not yet converted) are merged in for en/ru.
import type { Resource } from 'i18next';
import { bundles } from './bundles';
import type { Strings } from './types';

const files = import.meta.glob<Strings>('../locales/*/*.json', { eager: true, import: 'default' });

/** { lang: { namespace: strings } } from the locale files. */
export function localeFiles(): Record<string, Record<string, Strings>> {
  const out: Record<string, Record<string, Strings>> = {};
  for (const [path, json] of Object.entries(files)) {
    const m = /locales\/([^/]+)\/([^/]+)\.json$/.exec(path);
    if (m) (out[m[1]] ??= {})[m[2]] = json;
  }
  for (const b of bundles) {
    for (const lang of ['en', 'ru'] as const) (out[lang] ??= {})[b.ns] ??= b[lang];
  }
  return out;
}

export function uiResources(): Resource {
  return Object.fromEntries(Object.entries(localeFiles()).map(([lang, namespaces]) => [lang, { translation: namespaces }]));
}
