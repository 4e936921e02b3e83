// Every owner-UI language is complete: every English key exists, placeholders match English, plural keys have every
// form Intl.PluralRules asks for in that language, counts always go through plurals, and no text is left empty.
import { describe, expect, it } from 'vitest';
import { localeFiles } from '../../renderer/src/i18n/resources';
import type { Strings } from '../../renderer/src/i18n/types';
import { UI_LANGUAGE_CODES } from '../../main/shared/ui-languages';
import i18next, { loadUiTexts } from '../../renderer/src/i18n';

// The app loads one language at a time; these checks read every language.
await Promise.all(UI_LANGUAGE_CODES.map(loadUiTexts));

const PLURAL = /_(zero|one|two|few|many|other)$/;
const files = localeFiles();
const en = files.en;

/** Flat { 'ns.key': text } of one language. */
function flat(s: Strings, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(s)) {
    if (typeof v === 'string') out[prefix + k] = v;
    else Object.assign(out, flat(v, `${prefix}${k}.`));
  }
  return out;
}

/** { baseKey: { form|'': text } } — plural variants grouped under their base key ('' = not a plural). */
function grouped(lang: string): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  for (const [ns, strings] of Object.entries(files[lang] ?? {})) {
    for (const [k, v] of Object.entries(flat(strings, `${ns}.`))) {
      const m = PLURAL.exec(k);
      const base = m ? k.slice(0, -m[0].length) : k;
      if (!out.has(base)) out.set(base, new Map());
      out.get(base)!.set(m ? m[1] : '', v);
    }
  }
  return out;
}

const placeholders = (texts: Iterable<string>) =>
  [...new Set([...texts].flatMap((t) => [...t.matchAll(/\{\{\s*(\w+)[^}]*\}\}/g)].map((m) => m[1])))].sort();
const english = grouped('en');

describe('owner UI locale files', () => {
  it('every UI language has a folder with the same namespaces as English', () => {
    expect(Object.keys(files).sort()).toEqual([...UI_LANGUAGE_CODES].sort());
    for (const lang of UI_LANGUAGE_CODES) expect(Object.keys(files[lang]).sort(), lang).toEqual(Object.keys(en).sort());
  });

  describe.each(UI_LANGUAGE_CODES.map((l) => [l]))('%s', (lang) => {
    const texts = grouped(lang);
    const categories = new Intl.PluralRules(lang).resolvedOptions().pluralCategories as string[];

    it('has every English key and no others', () => {
      expect([...texts.keys()].sort()).toEqual([...english.keys()].sort());
    });

    it('uses the same placeholders as English', () => {
      const wrong = [...english].filter(
        ([k, forms]) => texts.has(k) && placeholders(texts.get(k)!.values()).join() !== placeholders(forms.values()).join(),
      );
      expect(wrong.map(([k]) => `${k}: ${placeholders(texts.get(k)!.values())} vs ${placeholders(english.get(k)!.values())}`)).toEqual([]);
    });

    it('gives every counted text each plural form this language has (Intl.PluralRules), and only plural keys count', () => {
      const problems: string[] = [];
      for (const [k, forms] of texts) {
        const counted = [...forms.values()].some((t) => /\{\{\s*count\b/.test(t)) || english.get(k)?.has('one');
        if (!counted) continue;
        if (forms.has('')) problems.push(`${k}: counts {{count}} but is not a plural (needs ${categories.join('/')})`);
        for (const c of categories) if (!forms.has(c)) problems.push(`${k}: missing _${c}`);
      }
      expect(problems).toEqual([]);
    });

    it('leaves no text empty', () => {
      const empty = [...texts].flatMap(([k, forms]) => [...forms].filter(([, t]) => !t.trim()).map(([f]) => `${k}${f ? `_${f}` : ''}`));
      expect(empty).toEqual([]);
    });
  });
});

// Words that are the same in English and the translation on purpose: brands, formats, and true cognates.
const SAME_AS_ENGLISH = new Set([
  'Lavka',
  'Telegram',
  'WhatsApp',
  'Ollama {{version}}',
  '123456789:AAH…',
  '—',
  'UTF-8',
  'SKU',
  'Email',
  'Bot',
  'Token',
  '{{table}}: {{count}}',
  'Auto',
  'manual',
  'error',
  'Audio',
  'Video',
  'Sticker',
  'Total',
  'Subtotal',
  'Total {{total}}',
  'Backups',
  'Item',
  'Tab',
  // Unit abbreviations that Spanish and Portuguese write as English does.
  '{{n}} min',
  '{{n}} h',
  '{{n}} d',
]);

/** A text with no words of its own ("{{name}}: {{total}}") reads the same in every language. */
const hasWords = (text: string) => /\p{L}/u.test(text.replace(/\{\{[^}]*\}\}/g, ''));

describe('no English left in a translation', () => {
  it.each(UI_LANGUAGE_CODES.filter((l) => l !== 'en').map((l) => [l]))('%s', (lang) => {
    const left = [...grouped(lang)].flatMap(([k, forms]) =>
      [...forms]
        .filter(([f, text]) => english.get(k)?.get(f) === text && hasWords(text) && !SAME_AS_ENGLISH.has(text))
        .map(([, text]) => `${k}: ${text}`),
    );
    expect(left).toEqual([]);
  });
});

describe('counts take the form the language needs', () => {
  it.each([
    ['ru', 1, 'Пропустить 1 строку с ошибками и импортировать остальные'],
    ['ru', 2, 'Пропустить 2 строки с ошибками и импортировать остальные'],
    ['ru', 5, 'Пропустить 5 строк с ошибками и импортировать остальные'],
    ['ru', 21, 'Пропустить 21 строку с ошибками и импортировать остальные'],
    ['uk', 3, 'Пропустити 3 рядки з помилками й імпортувати решту'],
    ['uk', 11, 'Пропустити 11 рядків з помилками й імпортувати решту'],
    ['es', 1, 'Saltar la fila con errores e importar el resto'],
    ['es', 4, 'Saltar las 4 filas con errores e importar el resto'],
    ['pt-BR', 2, 'Pular as 2 linhas com erro e importar o resto'],
    ['vi', 7, 'Bỏ qua 7 dòng lỗi và nhập phần còn lại'],
    ['en', 1, 'Skip the 1 row with errors and import the rest'],
  ])('%s, %i rows', (lang, count, text) => {
    expect(i18next.t('contacts.importDialog.skipErrors', { lng: lang, count })).toBe(text);
  });
});
