// Every customer language has every text: same keys as English, the same placeholders, every plural form its
// language's Intl.PluralRules can ask for, and nothing empty. Also: the modules that compose customer messages
// hold no sentences of their own (no text built by concatenation in code).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { localeResources } from '../../main/shared/i18n/customer-texts';
import { CUSTOMER_LANGUAGES, CUSTOMER_LANGUAGE_CODES } from '../../main/shared/languages';

const resources = localeResources();
const PLURAL = /_(zero|one|two|few|many|other)$/;

/** Flattened { "ns:key.path": text } of one language. */
function flat(lang: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (prefix: string, v: unknown) => {
    if (typeof v === 'string') out.set(prefix, v);
    else if (v && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) walk(prefix.endsWith(':') ? `${prefix}${k}` : `${prefix}.${k}`, x);
  };
  for (const [ns, tree] of Object.entries(resources[lang] ?? {})) walk(`${ns}:`, tree);
  return out;
}

/** Keys with plural suffixes folded into one family key. */
function families(texts: Map<string, string>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const k of texts.keys()) {
    const base = k.replace(PLURAL, '');
    out.set(base, [...(out.get(base) ?? []), k]);
  }
  return out;
}

const placeholders = (s: string) => [...new Set([...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]))].sort();
const en = flat('en');
const enFamilies = families(en);

// Namespaces owned by another part of Lavka (the Auto trust work) are checked by their own tests.
const OTHERS = new Set(['auto', 'lexicon']);
const mine = (key: string) => !OTHERS.has(key.split(':')[0]);

describe('customer locale files', () => {
  it('has a folder for every customer language and no other', () => {
    expect(Object.keys(resources).sort()).toEqual([...CUSTOMER_LANGUAGE_CODES].sort());
  });

  it.each(CUSTOMER_LANGUAGES.map((l) => [l.code, l.locale]))(
    '%s has every English text, with the same placeholders and complete plurals',
    (code, locale) => {
      const texts = flat(code);
      const fams = families(texts);
      const categories = new Intl.PluralRules(code).resolvedOptions().pluralCategories;
      expect(new Intl.PluralRules(locale).resolvedOptions().pluralCategories.sort()).toEqual([...categories].sort());
      for (const [base, enKeys] of [...enFamilies].filter(([k]) => mine(k))) {
        const keys = fams.get(base);
        expect(keys, `${code} misses ${base}`).toBeDefined();
        const plural = enKeys.some((k) => PLURAL.test(k));
        if (plural) {
          // Exactly the forms this language has: a missing one falls back to the wrong sentence, an extra one is dead.
          expect(keys!.map((k) => k.match(PLURAL)![1]).sort(), `${code} ${base}`).toEqual([...categories].sort());
        } else {
          expect(keys, `${code} ${base}`).toEqual([base]);
        }
        const want = placeholders(enKeys.map((k) => en.get(k)).join(' ')).filter((p) => !plural || p !== 'count');
        for (const k of keys!) {
          const text = texts.get(k)!;
          expect(text.trim(), `${code} ${k} is empty`).not.toBe('');
          // Plural forms may spell the number out ("одна", "قطعتان"), so {{count}} is optional there.
          expect(
            placeholders(text).filter((p) => !plural || p !== 'count'),
            `${code} ${k}`,
          ).toEqual(want);
        }
      }
      for (const base of fams.keys()) if (mine(base)) expect(enFamilies.has(base), `${code} has ${base}, which English lacks`).toBe(true);
    },
  );

  it('uses the right script: Arabic texts are Arabic, Hindi texts Devanagari', () => {
    for (const [k, v] of flat('ar'))
      if (/[\p{L}]{3}/u.test(v.replace(/\{\{\w+\}\}/g, '')) && mine(k)) expect(v, k).toMatch(/\p{Script=Arabic}/u);
    for (const [k, v] of flat('hi'))
      if (/[\p{L}]{3}/u.test(v.replace(/\{\{\w+\}\}/g, '')) && mine(k)) expect(v, k).toMatch(/\p{Script=Devanagari}/u);
  });
});

describe('no customer sentences in code', () => {
  // The modules that compose customer messages: any string literal with a word in it would be a sentence that
  // escaped translation. Keys ("orders:summary.head"), placeholders and punctuation are fine.
  const MODULES = [
    'main/core/orders/texts.ts',
    'main/core/reminders/templates.ts',
    'main/core/optout/confirmation.ts',
    'main/shared/i18n/voice.ts',
  ];
  const KEY = /^[a-z]+:[\w.]+$|^[\w.]*$/;
  it.each(MODULES)('%s', (file) => {
    const src = readFileSync(join(__dirname, '../..', file), 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/(^|[^:])\/\/.*$/gm, '$1')
      // Errors for the owner (AppError) are worded by the UI from their codes, not sent to customers.
      .replace(/new AppError\([\s\S]*?\);/g, '');
    const literals = [...src.matchAll(/'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)"|`((?:[^`\\]|\\.)*)`/g)].map((m) => m[1] ?? m[2] ?? m[3]);
    const sentences = literals
      .map((l) => l.replace(/\$\{[^}]*\}/g, ''))
      .filter((l) => !KEY.test(l) && !/^(\.\.?\/|node:)/.test(l) && /\p{L}{2,}[^\p{L}]+\p{L}{2,}/u.test(l) && !/^[a-z]+:[\w.]*$/.test(l));
    expect(sentences).toEqual([]);
  });
});
