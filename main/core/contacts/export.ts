// Streams contacts to a file: Lavka CSV (owner-picked columns), Google Contacts CSV, or vCard 3.0. Reads keyset-paged
// batches and writes each before reading the next, so memory stays flat at any size; the file appears under its final
// name only after it is complete and flushed to disk.
import { open, rename, rm } from 'node:fs/promises';
import type { ContactsListRepo, ExportRow } from '../db/repos/contacts-repo';
import { AppError } from '../errors';
import type { ContactExtensions } from './extensions';
import { currencyDigits } from '../../shared/money';
import { UTF8_BOM, csvRows, formatAmount, formatDateTime } from './csv-cells';
import { PHONE_CHANNELS } from './phone';
import type { JobContext } from './jobs';
import type { ContactFilter } from './types';

export const EXPORT_COLUMNS = [
  'name',
  'phones',
  'emails',
  'telegram',
  'channels',
  'tags',
  'labels',
  'notes',
  'language',
  'firstContact',
  'lastContact',
  'orderCount',
  'orderTotal',
  'optedOut',
  'createdAt',
  'id',
] as const;
export type ExportColumn = (typeof EXPORT_COLUMNS)[number];
export type ExportFormat = 'csv' | 'google' | 'vcard';
export type Delimiter = ',' | ';' | '\t';

type Lang = 'en' | 'ru';
const HEADERS: Record<ExportColumn, Record<Lang, string>> = {
  name: { en: 'Name', ru: 'Имя' },
  phones: { en: 'Phones', ru: 'Телефоны' },
  emails: { en: 'Emails', ru: 'Эл. почта' },
  labels: { en: 'Labels', ru: 'Метки' },
  telegram: { en: 'Telegram', ru: 'Telegram' },
  channels: { en: 'Channels', ru: 'Каналы' },
  tags: { en: 'Tags', ru: 'Метки' },
  notes: { en: 'Notes', ru: 'Заметки' },
  language: { en: 'Language', ru: 'Язык' },
  firstContact: { en: 'First contact', ru: 'Первый контакт' },
  lastContact: { en: 'Last contact', ru: 'Последний контакт' },
  orderCount: { en: 'Orders', ru: 'Заказов' },
  orderTotal: { en: 'Total spent', ru: 'Сумма заказов' },
  optedOut: { en: 'Opted out', ru: 'Отписался' },
  createdAt: { en: 'Added', ru: 'Добавлен' },
  id: { en: 'Lavka ID', ru: 'ID в Лавке' },
};
const YES: Record<Lang, string> = { en: 'yes', ru: 'да' };

/** Columns that exist in this installation (order and opt-out ones only when those features do). */
export function availableColumns(ext: ContactExtensions): ExportColumn[] {
  return EXPORT_COLUMNS.filter((c) => {
    if (c === 'orderCount' || c === 'orderTotal') return ext.orders !== null;
    if (c === 'optedOut') return ext.optOut !== null;
    return true;
  });
}

export function defaultColumns(ext: ContactExtensions): ExportColumn[] {
  const skip = new Set<ExportColumn>(['channels', 'language', 'createdAt', 'id']);
  return availableColumns(ext).filter((c) => !skip.has(c));
}

export interface ExportOptions {
  format: ExportFormat;
  columns: ExportColumn[];
  bom: boolean;
  delimiter: Delimiter;
  filter: ContactFilter;
  /** Export exactly these contacts ("selected"); the filter still applies. */
  ids?: number[];
}

export interface ExportContext {
  list: ContactsListRepo;
  ext: ContactExtensions;
  timeZone: string;
  currency: string;
  language: Lang;
}

export interface ExportResult {
  path: string;
  fileName: string;
  mime: string;
  rows: number;
  bytes: number;
}

const BATCH = 1000;

const phonesOf = (r: ExportRow) => [...new Set(r.identities.filter((i) => PHONE_CHANNELS.has(i.channel)).map((i) => i.externalId))];
const emailsOf = (r: ExportRow) => r.identities.filter((i) => i.channel === 'email').map((i) => i.externalId);
/** "100200300 (@anna_p)": the numeric id a bot needs, with the username when the display carries one ("Anna (@anna_p)"). */
const telegramOf = (r: ExportRow) =>
  r.identities
    .filter((i) => i.channel === 'telegram')
    .map((i) => {
      const user = /(?:^|\()@([A-Za-z0-9_]{4,32})\)?$/.exec(i.display.trim());
      return user ? `${i.externalId} (@${user[1]})` : i.externalId;
    });

function cellFor(col: ExportColumn, r: ExportRow, ctx: ExportContext, digits: number): string {
  switch (col) {
    case 'name':
      return r.name;
    case 'phones':
      return phonesOf(r).join(', ');
    case 'emails':
      return emailsOf(r).join(', ');
    case 'telegram':
      return telegramOf(r).join(', ');
    case 'channels':
      return [...new Set(r.identities.map((i) => i.channel))].join(', ');
    case 'tags':
      return r.tags.join(', ');
    case 'labels':
      return r.labels.join(', ');
    case 'notes':
      return r.notes;
    case 'language':
      return r.language ?? '';
    case 'firstContact':
      return formatDateTime(r.firstContactAt, ctx.timeZone);
    case 'lastContact':
      return formatDateTime(r.lastContactAt, ctx.timeZone);
    case 'orderCount':
      return r.orderCount === null ? '' : String(r.orderCount);
    case 'orderTotal':
      return formatAmount(r.orderTotal, digits);
    case 'optedOut':
      return r.optedOut ? YES[ctx.language] : '';
    case 'createdAt':
      return formatDateTime(r.createdAt, ctx.timeZone);
    case 'id':
      return String(r.id);
  }
}

function headerFor(col: ExportColumn, ctx: ExportContext): string {
  const h = HEADERS[col][ctx.language];
  return col === 'orderTotal' ? `${h} (${ctx.currency})` : h;
}

// Google's own export layout (2020+); its importer maps these headers by name, multiple values share a cell with " ::: ".
const GOOGLE_HEADER = [
  'First Name',
  'Middle Name',
  'Last Name',
  'Nickname',
  'Notes',
  'Labels',
  'E-mail 1 - Label',
  'E-mail 1 - Value',
  'Phone 1 - Label',
  'Phone 1 - Value',
];

function googleRow(r: ExportRow): string[] {
  const phones = phonesOf(r);
  const emails = emailsOf(r);
  const tg = telegramOf(r);
  const notes = [r.notes, tg.length ? `Telegram: ${tg.join(', ')}` : ''].filter(Boolean).join('\n');
  // The whole name goes in First Name: splitting "Nguyễn Văn An" or "Анна Петрова" by guesswork gets it wrong.
  return [
    r.name,
    '',
    '',
    '',
    notes,
    ['* myContacts', ...r.tags].join(' ::: '),
    emails.length ? '* Other' : '',
    emails.join(' ::: '),
    phones.length ? 'Mobile' : '',
    phones.join(' ::: '),
  ];
}

/** RFC 6350 text escaping: backslash, newline, comma and semicolon. */
function vEscape(s: string): string {
  return s
    .replace(/\\/g, '\\\\')
    .replace(/\r\n|\r|\n/g, '\\n')
    .replace(/,/g, '\\,')
    .replace(/;/g, '\\;');
}

/** Folds a content line at 75 octets without splitting a UTF-8 character (RFC 6350 §3.2). */
export function foldLine(line: string): string {
  if (Buffer.byteLength(line) <= 75) return line;
  const out: string[] = [];
  let cur = '';
  let bytes = 0;
  let limit = 75;
  for (const ch of line) {
    const n = Buffer.byteLength(ch);
    if (bytes + n > limit) {
      out.push(cur);
      cur = '';
      bytes = 0;
      limit = 74; // continuation lines start with a space
    }
    cur += ch;
    bytes += n;
  }
  out.push(cur);
  return out.join('\r\n ');
}

export function vcardOf(r: ExportRow): string {
  const lines = ['BEGIN:VCARD', 'VERSION:3.0', `FN:${vEscape(r.name)}`, `N:;${vEscape(r.name)};;;`, `UID:lavka-contact-${r.id}`];
  for (const p of phonesOf(r)) lines.push(`TEL;TYPE=CELL:${vEscape(p)}`);
  for (const e of emailsOf(r)) lines.push(`EMAIL;TYPE=INTERNET:${vEscape(e)}`);
  const tg = telegramOf(r);
  const notes = [r.notes, tg.length ? `Telegram: ${tg.join(', ')}` : ''].filter(Boolean).join('\n');
  if (notes) lines.push(`NOTE:${vEscape(notes)}`);
  if (r.tags.length) lines.push(`CATEGORIES:${r.tags.map(vEscape).join(',')}`);
  lines.push('END:VCARD');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}

export function fileNameFor(format: ExportFormat, now: number, timeZone: string): string {
  const day = formatDateTime(now, timeZone).slice(0, 10);
  if (format === 'vcard') return `lavka-contacts-${day}.vcf`;
  return format === 'google' ? `lavka-contacts-${day}-google.csv` : `lavka-contacts-${day}.csv`;
}

/** Writes the export to `path` (through `path.part` and a rename). Throws JobCancelled if the owner cancels. */
export async function writeExport(
  path: string,
  opts: ExportOptions,
  ctx: ExportContext,
  job: JobContext,
): Promise<{ rows: number; bytes: number }> {
  if (opts.format === 'csv' && opts.columns.length === 0) throw new AppError('invalid_input', 'Pick at least one column to export');
  const allowed = new Set(availableColumns(ctx.ext));
  const bad = opts.columns.find((c) => !allowed.has(c));
  if (bad) throw new AppError('invalid_input', `Column "${bad}" is not available here`);
  const total = ctx.list.count(opts.filter, ctx.ext, opts.ids);
  const digits = currencyDigits(ctx.currency);
  job.progress(0, total, 'writing');
  const part = `${path}.part`;
  const fh = await open(part, 'w');
  let rows = 0;
  let bytes = 0;
  const write = async (text: string) => {
    const buf = Buffer.from(text, 'utf8');
    bytes += buf.length;
    await fh.write(buf);
  };
  try {
    if (opts.format !== 'vcard' && opts.bom) await write(UTF8_BOM);
    if (opts.format === 'csv') await write(csvRows([opts.columns.map((c) => headerFor(c, ctx))], opts.delimiter));
    if (opts.format === 'google') await write(csvRows([GOOGLE_HEADER], ','));
    let after: { name: string; id: number } | null = null;
    for (;;) {
      const batch = ctx.list.exportBatch(opts.filter, opts.ids, after, BATCH, ctx.ext);
      if (batch.length === 0) break;
      let text: string;
      if (opts.format === 'csv')
        text = csvRows(
          batch.map((r) => opts.columns.map((c) => cellFor(c, r, ctx, digits))),
          opts.delimiter,
        );
      else if (opts.format === 'google') text = csvRows(batch.map(googleRow), ',');
      else text = batch.map(vcardOf).join('');
      await write(text);
      rows += batch.length;
      const last = batch[batch.length - 1];
      after = { name: last.name, id: last.id };
      job.progress(rows, Math.max(total, rows));
      await job.yield();
    }
    await fh.sync();
    await fh.close();
    await rename(part, path);
    return { rows, bytes };
  } catch (err) {
    await fh.close().catch(() => {});
    await rm(part, { force: true });
    throw err;
  }
}

export function mimeFor(format: ExportFormat): string {
  return format === 'vcard' ? 'text/vcard; charset=utf-8' : 'text/csv; charset=utf-8';
}
