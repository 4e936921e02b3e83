// Every locale file at once, for the coverage tests and tools: renderer/src/locales/<lang>/<namespace>.json becomes
// { lang: { namespace: strings } }. The app itself loads one language at a time (i18n/index.ts); never import this
// from the renderer, or every language lands in the first chunk. StringBundle files in bundles.ts are merged for en/ru.
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
