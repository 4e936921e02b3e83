// Column mapping for contact import: which Lavka field each CSV column feeds, guessed from English and Russian
// headers (and from Lavka's and Google's own export layouts) so a typical file needs no clicks.

import { IMPORT_FIELDS, type ImportField } from '../../shared/import-fields';

export { IMPORT_FIELDS, type ImportField };

/** Patterns over a normalised header (lower case, single spaces, no punctuation at the ends). First match wins. */
const RULES: [ImportField, RegExp][] = [
  // Google's "Phone 1 - Label" / "E-mail 1 - Type" say what kind a value is; they are not values.
  ['ignore', /(^|\s)(label|type|тип|метка телефона)$/],
  [
    'ignore',
    /^(first contact|last contact|orders|total spent.*|opted out|added|lavka id|channels|первый контакт|последний контакт|заказов|сумма заказов.*|отписался|добавлен|id в лавке|каналы)$/,
  ],
  ['firstName', /^(first name|given name|firstname|forename|имя \(first\)|имя клиента \(имя\))$/],
  ['middleName', /^(middle name|additional name|отчество)$/],
  ['lastName', /^(last name|family name|surname|lastname|фамилия)$/],
  [
    'phone',
    /(phone|mobile|(^|\s)cell|(^|\s)tel(ephone)?\b|whatsapp|телефон|(^|\s)тел(\s|$)|мобильн|(^|\s)моб(\s|$)|сотов|^номер$|номер телефона|ватсап|вотсап|вацап)/,
  ],
  ['email', /(e-?mail|mail|почта|емейл|имейл|эл адрес)/],
  ['telegram', /(telegram|^tg$|телеграм)/],
  ['tags', /^(tags?|labels?|groups?|group membership|categor(y|ies)|метки|метка|теги|тег|группы?|категори[яи])$/],
  ['notes', /^(notes?|comments?|remarks?|description|memo|заметки|заметка|примечани[ея]|комментари[йи]|описание)$/],
  ['language', /^(language|lang|язык)$/],
  [
    'name',
    /^(name|full name|display name|contact|contact name|customer|customer name|client|client name|имя|фио|ф и о|клиент|покупатель|контакт|имя клиента|название)$/,
  ],
];

export function normaliseHeader(h: string): string {
  return h
    .normalize('NFC')
    .replace(/^\uFEFF/, '')
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[._:;"'()[\]]+/g, ' ')
    .replace(/\s+-\s+/g, ' - ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^(.*?)\s+\d+\s+-\s+value$/, '$1') // "Phone 1 - Value" → "phone"
    .replace(/\s+-\s+/g, ' ');
}

/** One guess per column. Russian "Имя" means the whole name unless the file also has "Фамилия". */
export function guessMapping(headers: readonly string[]): ImportField[] {
  const guess = headers.map((h): ImportField => {
    const n = normaliseHeader(h);
    if (!n) return 'ignore';
    for (const [field, re] of RULES) if (re.test(n)) return field;
    return 'ignore';
  });
  const has = (f: ImportField) => guess.includes(f);
  if (has('lastName') && !has('firstName')) {
    const i = guess.indexOf('name');
    if (i !== -1) guess[i] = 'firstName';
  }
  // A single name column is enough; keep the first if a file has several ("Name", "Customer").
  let seenName = false;
  return guess.map((f) => {
    if (f !== 'name') return f;
    if (seenName) return 'ignore';
    seenName = true;
    return f;
  });
}

/** Fields that may come from several columns (Phone 1, Phone 2…); the rest take the first non-empty column. */
export const MULTI_FIELDS = new Set<ImportField>(['phone', 'email', 'telegram', 'tags', 'notes']);
