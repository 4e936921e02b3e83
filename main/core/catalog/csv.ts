// Catalog CSV: export (csv-stringify) and import (csv-parse) with column mapping, a preview with per-row errors
// numbered as in the file, and an all-or-nothing commit — a file with any bad row changes nothing.
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { AppError } from '../errors';
import { formatMoney, minorToDecimal, parseMoney } from '../../shared/money';
import { CSV_FIELDS, MAX_IMPORT_CHARS, MAX_IMPORT_ROWS, type CsvField, type CsvMapping } from '../../shared/import-fields';
import type { CatalogService } from './service';
import { validate } from './validate';
import type { OptionGroup, Product, ProductData } from './types';

export { CSV_FIELDS, MAX_IMPORT_CHARS, MAX_IMPORT_ROWS, type CsvField, type CsvMapping };

/** Header words (several languages) recognised when guessing the mapping. Compared after lower-casing. */
const HEADER_ALIASES: Record<CsvField, string[]> = {
  sku: ['sku', 'code', 'article', 'артикул', 'код', 'mã', 'ma', 'mã hàng'],
  name: ['name', 'product', 'item', 'title', 'название', 'наименование', 'товар', 'назва', 'tên', 'ten', 'sản phẩm'],
  category: ['category', 'group', 'категория', 'группа', 'категорія', 'danh mục'],
  price: ['price', 'cost', 'цена', 'стоимость', 'ціна', 'giá', 'gia'],
  unit: ['unit', 'units', 'единица', 'ед', 'ед.', 'одиниця', 'đơn vị'],
  stock: ['stock', 'qty', 'quantity', 'in stock', 'остаток', 'количество', 'кол-во', 'залишок', 'tồn kho'],
  available: ['available', 'in sale', 'active', 'в наличии', 'доступен', 'є в наявності', 'còn hàng'],
  synonyms: ['synonyms', 'aliases', 'other names', 'синонимы', 'другие названия', 'синоніми', 'tên khác'],
  options: ['options', 'variants', 'опции', 'варианты', 'опції', 'варіанти', 'tùy chọn'],
  description: ['description', 'details', 'описание', 'опис', 'mô tả'],
  archived: ['archived', 'hidden', 'в архиве', 'архив', 'архів', 'lưu trữ'],
};

/** What is wrong with a row, as a stable code the UI words in the owner's language (`message` is the English). */
export type RowErrorCode =
  | 'column_twice'
  | 'column_missing'
  | 'cell_count'
  | 'bad_price'
  | 'bad_stock'
  | 'bad_yes_no'
  | 'bad_options'
  | 'name_empty'
  | 'sku_repeated'
  | 'name_repeated'
  | 'invalid';

export interface RowError {
  /** Line in the file where the row starts (the header is line 1), as a text editor or spreadsheet shows it. */
  row: number;
  column?: string;
  message: string;
  code: RowErrorCode;
  params?: Record<string, string | number>;
}

export interface PreviewRow {
  row: number;
  action: 'new' | 'update';
  sku: string;
  name: string;
  priceMinor: number;
  priceText: string;
  unit: string;
  stock: number | null;
  available: boolean;
  category: string;
  synonyms: string[];
  options: string;
}

export interface ImportPreview {
  delimiter: string;
  columns: string[];
  mapping: CsvMapping;
  totalRows: number;
  newCount: number;
  updateCount: number;
  errors: RowError[];
  /** The first rows as Lavka read them, for the owner to check before committing. */
  rows: PreviewRow[];
}

interface Planned {
  row: number;
  action: 'new' | 'update';
  productId?: number;
  data: ProductData & { sku: string };
  archived?: boolean;
}

export function exportCsv(products: Product[], currency: string): string {
  const rows = products.map((p) => ({
    sku: p.sku,
    name: p.name,
    category: p.category,
    price: minorToDecimal(p.priceMinor, currency),
    unit: p.unit,
    stock: p.stock === null ? '' : String(p.stock),
    available: p.available ? 'yes' : 'no',
    synonyms: p.synonyms.join(' | '),
    options: formatOptions(p.options, currency),
    description: p.description,
    archived: p.archived ? 'yes' : 'no',
  }));
  // A BOM so spreadsheet programs read Cyrillic and Vietnamese names as UTF-8.
  return '\ufeff' + stringify(rows, { header: true, columns: [...CSV_FIELDS], record_delimiter: '\n', quoted_match: /[\r\n]/ });
}

/** "size: small, large +0.80; milk: regular, oat +0.40" */
export function formatOptions(groups: OptionGroup[], currency: string): string {
  return groups
    .map(
      (g) =>
        `${g.name}: ${g.values
          .map((v) =>
            v.priceDeltaMinor
              ? `${v.value} ${v.priceDeltaMinor > 0 ? '+' : '-'}${minorToDecimal(Math.abs(v.priceDeltaMinor), currency)}`
              : v.value,
          )
          .join(', ')}`,
    )
    .join('; ');
}

export function parseOptions(text: string, currency: string): { ok: true; groups: OptionGroup[] } | { ok: false; error: string } {
  const groups: OptionGroup[] = [];
  for (const part of text
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const colon = part.indexOf(':');
    if (colon <= 0) return { ok: false, error: `option "${part}" needs a name and values, e.g. "size: small, large +0.80"` };
    const name = part.slice(0, colon).trim();
    const values = [];
    for (const raw of part
      .slice(colon + 1)
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)) {
      const m = /^(.*?)\s+([+-])\s*(\S+)$/u.exec(raw);
      if (m) {
        const amount = parseMoney(m[3], currency);
        if (!amount.ok) return { ok: false, error: `option "${name}: ${raw}": ${amount.error}` };
        values.push({ value: m[1].trim(), priceDeltaMinor: m[2] === '-' ? -amount.minor : amount.minor });
      } else {
        values.push({ value: raw, priceDeltaMinor: 0 });
      }
    }
    if (!values.length) return { ok: false, error: `option "${name}" has no values` };
    groups.push({ name, values });
  }
  return { ok: true, groups };
}

function detectDelimiter(text: string): string {
  const firstLine = text.replace(/^\ufeff/, '').split(/\r?\n/, 1)[0] ?? '';
  const outsideQuotes = firstLine.replace(/"[^"]*"/g, '');
  const counts = [',', ';', '\t'].map((d) => [d, outsideQuotes.split(d).length - 1] as const);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0][1] > 0 ? counts[0][0] : ',';
}

export function guessMapping(columns: string[]): CsvMapping {
  const used = new Set<CsvField>();
  return columns.map((c) => {
    const h = c.trim().toLowerCase().replace(/\s+/g, ' ');
    const field = CSV_FIELDS.find((f) => !used.has(f) && (f === h || HEADER_ALIASES[f].includes(h)));
    if (field) used.add(field);
    return field ?? null;
  });
}

const YES = new Set(['yes', 'y', 'true', '1', 'да', 'так', 'có', 'co', 'x', '+', 'ja', 'oui', 'sí', 'si']);
const NO = new Set(['no', 'n', 'false', '0', 'нет', 'ні', 'không', 'khong', '-', 'nein', 'non']);

function parseBool(v: string): boolean | undefined {
  const s = v.trim().toLowerCase();
  if (YES.has(s)) return true;
  if (NO.has(s)) return false;
  return undefined;
}

/**
 * Reads and checks the whole file against the current catalog. Never writes. `mapping` (one entry per column)
 * overrides the guessed mapping.
 */
export function planImport(
  catalog: CatalogService,
  text: string,
  currency: string,
  mapping?: CsvMapping,
): { preview: ImportPreview; plan: Planned[] } {
  if (text.length > MAX_IMPORT_CHARS)
    throw new AppError('invalid_input', 'The file is larger than 1.5 MB; split it into smaller files', undefined, {
      reason: 'file_too_large',
      params: { size: '1.5 MB' },
    });
  if (!text.replace(/^\ufeff/, '').trim()) throw new AppError('invalid_input', 'The file is empty', undefined, { reason: 'file_empty' });
  const delimiter = detectDelimiter(text);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      delimiter,
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (err) {
    const e = err as { message?: string; lines?: number };
    const line = e.lines ? `Line ${e.lines}: ` : '';
    throw new AppError(
      'invalid_input',
      `${line}the file is not valid CSV (${(e.message ?? 'parse error').replace(/ at line \d+.*$/, '')})`,
    );
  }
  if (records.length === 0) throw new AppError('invalid_input', 'The file is empty', undefined, { reason: 'file_empty' });
  const header = records[0].record.map((h) => h.trim());
  const rows = records.slice(1);
  if (rows.length > MAX_IMPORT_ROWS)
    throw new AppError('invalid_input', `The file has ${rows.length} rows; Lavka imports up to ${MAX_IMPORT_ROWS} at a time`);
  const map = mapping ?? guessMapping(header);
  if (map.length !== header.length)
    throw new AppError('invalid_input', `The mapping has ${map.length} entries but the file has ${header.length} columns`);

  const errors: RowError[] = [];
  const fieldCol = new Map<CsvField, number>();
  map.forEach((f, i) => {
    if (!f) return;
    if (fieldCol.has(f))
      errors.push({ row: 1, column: header[i], message: `"${f}" is chosen for two columns`, code: 'column_twice', params: { field: f } });
    else fieldCol.set(f, i);
  });
  for (const required of ['name', 'price'] as const) {
    if (!fieldCol.has(required))
      errors.push({ row: 1, message: `No column is mapped to "${required}"`, code: 'column_missing', params: { field: required } });
  }

  const plan: Planned[] = [];
  const skuRows = new Map<string, number>();
  const nameRows = new Map<string, number>();
  const taken = new Set<string>();
  const existingByName = new Map(catalog.repo.all().map((p) => [p.name.trim().toLowerCase(), p]));

  if (errors.length === 0) {
    for (const { record, info } of rows) {
      const row = info.lines - record.reduce((n, f) => n + (f.match(/\n/g)?.length ?? 0), 0);
      if (record.length !== header.length) {
        errors.push({
          row,
          message: `has ${record.length} columns, the header has ${header.length} (a missing or extra separator?)`,
          code: 'cell_count',
          params: { cells: record.length, header: header.length },
        });
        continue;
      }
      const cell = (f: CsvField): string | undefined => {
        const i = fieldCol.get(f);
        return i === undefined ? undefined : (record[i] ?? '').trim();
      };
      const rowErrors: RowError[] = [];
      const fail = (f: CsvField, message: string, code: RowErrorCode, value = '') =>
        rowErrors.push({ row, column: header[fieldCol.get(f)!], message, code, params: { value, field: f } });

      const price = parseMoney(cell('price') ?? '', currency);
      if (!price.ok) fail('price', price.error, 'bad_price', cell('price') ?? '');
      const stockText = cell('stock') ?? '';
      let stock: number | null = null;
      if (stockText) {
        if (!/^\d+$/.test(stockText))
          fail('stock', `stock must be a whole number ≥ 0 or empty, got "${stockText}"`, 'bad_stock', stockText);
        else stock = Number(stockText);
      }
      let available = true;
      const availText = cell('available');
      if (availText) {
        const b = parseBool(availText);
        if (b === undefined) fail('available', `write yes or no, got "${availText}"`, 'bad_yes_no', availText);
        else available = b;
      }
      let archived: boolean | undefined;
      const archText = cell('archived');
      if (archText) {
        archived = parseBool(archText);
        if (archived === undefined) fail('archived', `write yes or no, got "${archText}"`, 'bad_yes_no', archText);
      }
      let options: OptionGroup[] = [];
      const optText = cell('options');
      if (optText) {
        const o = parseOptions(optText, currency);
        if (!o.ok) fail('options', o.error, 'bad_options', optText);
        else options = o.groups;
      }
      const synText = cell('synonyms') ?? '';
      const synonyms = synText
        .split(synText.includes('|') ? '|' : ';')
        .map((s) => s.trim())
        .filter(Boolean);
      const name = cell('name') ?? '';
      if (!name) fail('name', 'name is empty', 'name_empty');

      let data: ProductData | undefined;
      if (rowErrors.length === 0 && price.ok) {
        try {
          data = validate({
            sku: cell('sku') ?? '',
            name,
            description: cell('description') ?? '',
            category: cell('category') ?? '',
            priceMinor: price.minor,
            unit: cell('unit') || 'pcs',
            stock,
            available,
            options,
            synonyms,
            photo: null,
          });
        } catch (err) {
          rowErrors.push({ row, message: describe(err), code: 'invalid' });
        }
      }
      if (rowErrors.length || !data) {
        errors.push(...rowErrors);
        continue;
      }

      const skuKey = data.sku.toLowerCase();
      if (skuKey) {
        const first = skuRows.get(skuKey);
        if (first !== undefined) {
          errors.push({
            row,
            column: header[fieldCol.get('sku')!],
            message: `SKU "${data.sku}" is also on row ${first}`,
            code: 'sku_repeated',
            params: { value: data.sku, ref: first },
          });
          continue;
        }
        skuRows.set(skuKey, row);
      }
      const nameKey = data.name.toLowerCase();
      const firstName = nameRows.get(nameKey);
      if (!skuKey && firstName !== undefined) {
        errors.push({
          row,
          column: header[fieldCol.get('name')!],
          message: `"${data.name}" is also on row ${firstName}; give them SKUs to tell them apart`,
          code: 'name_repeated',
          params: { value: data.name, ref: firstName },
        });
        continue;
      }
      nameRows.set(nameKey, row);

      const existing = skuKey ? catalog.repo.bySku(data.sku) : existingByName.get(nameKey);
      if (existing) {
        plan.push({ row, action: 'update', productId: existing.id, data: { ...data, sku: existing.sku, photo: existing.photo }, archived });
      } else {
        plan.push({ row, action: 'new', data: { ...data, sku: data.sku }, archived });
      }
      if (skuKey) taken.add(skuKey);
    }
  }
  // SKUs for new rows that had none: after the loop, so a generated one never collides with a later row's SKU.
  for (const p of plan) {
    if (p.action === 'new' && !p.data.sku) {
      p.data.sku = catalog.nextSku(taken);
      taken.add(p.data.sku.toLowerCase());
    }
  }

  errors.sort((a, b) => a.row - b.row);
  const preview: ImportPreview = {
    delimiter,
    columns: header,
    mapping: map,
    totalRows: rows.length,
    newCount: plan.filter((p) => p.action === 'new').length,
    updateCount: plan.filter((p) => p.action === 'update').length,
    errors: errors.slice(0, 500),
    rows: plan.slice(0, 100).map((p) => ({
      row: p.row,
      action: p.action,
      sku: p.data.sku,
      name: p.data.name,
      priceMinor: p.data.priceMinor,
      priceText: formatMoney(p.data.priceMinor, currency),
      unit: p.data.unit,
      stock: p.data.stock,
      available: p.data.available,
      category: p.data.category,
      synonyms: p.data.synonyms,
      options: formatOptions(p.data.options, currency),
    })),
  };
  return { preview, plan };
}

function describe(err: unknown): string {
  if (err instanceof AppError) return err.message;
  const issues = (err as { issues?: { message: string; path: PropertyKey[] }[] }).issues;
  if (issues?.length) return issues.map((i) => (i.path.length ? `${String(i.path[0])}: ${i.message}` : i.message)).join('; ');
  return err instanceof Error ? err.message : String(err);
}

export type { Planned as PlannedImportRow };
