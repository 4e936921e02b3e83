// Every UI string exists in Russian as well as English (plural forms may differ by language).
import { describe, expect, it } from 'vitest';
import { bundles } from '../../renderer/src/i18n/bundles';
import type { Strings } from '../../renderer/src/i18n/types';

function keys(s: Strings, prefix = ''): string[] {
  return Object.entries(s).flatMap(([k, v]) => (typeof v === 'string' ? [prefix + k.replace(/_(zero|one|two|few|many|other)$/, '')] : keys(v, `${prefix}${k}.`)));
}

describe('UI strings', () => {
  it.each(bundles.map((b) => [b.ns, b] as const))('%s: Russian has every English key and no extra ones', (_ns, b) => {
    expect([...new Set(keys(b.ru))].sort()).toEqual([...new Set(keys(b.en))].sort());
  });

  it('no two features use the same namespace', () => {
    const names = bundles.map((b) => b.ns);
    expect(new Set(names).size).toBe(names.length);
  });

  it('no string is left empty', () => {
    for (const b of bundles) for (const lang of ['en', 'ru'] as const) expect(JSON.stringify(b[lang])).not.toMatch(/:""/);
  });
});
