// The customer locale files (main/shared/locales/<lang>/<namespace>.json) as data, for the customer-text renderer
// and the lexicons. Vite (the app build, serve, vitest) inlines them at build time. A host that imports the core
// without Vite (Playwright journeys that build an app in-process) has no import.meta.glob: it reads the same files
// itself and hands them over with registerLocaleFiles() before importing the core.

type LocaleFile = Record<string, unknown>;

let files: Record<string, LocaleFile> = {};
try {
  files = import.meta.glob<LocaleFile>('./*/*.json', { eager: true, import: 'default' });
} catch {
  // Not under Vite: registerLocaleFiles() fills them in.
}
const listeners = new Set<() => void>();

/** `{ lang: { namespace: json } }` of every locale file. */
export function localeFiles(): Record<string, Record<string, LocaleFile>> {
  const out: Record<string, Record<string, LocaleFile>> = {};
  for (const [path, json] of Object.entries(files)) {
    const m = /([^/]+)\/([^/]+)\.json$/.exec(path);
    if (m) (out[m[1]] ??= {})[m[2]] = json;
  }
  return out;
}

/** For hosts without Vite: `{ 'en/orders.json': {...}, … }`, read from this folder. Caches built on them reset. */
export function registerLocaleFiles(byPath: Record<string, LocaleFile>): void {
  files = { ...files, ...Object.fromEntries(Object.entries(byPath).map(([p, j]) => [`./${p}`, j])) };
  for (const l of listeners) l();
}

/** Called when files are registered late, so a cache built from them is rebuilt. */
export function onLocaleFilesChanged(fn: () => void): void {
  listeners.add(fn);
}
