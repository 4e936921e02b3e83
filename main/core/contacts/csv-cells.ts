// Cell-level rules shared by every CSV Lavka writes. Contact names and notes come from customers, so any cell a
// spreadsheet would run as a formula is defused before it is written.

/** Characters that make Excel, LibreOffice or Google Sheets treat a cell as a formula (OWASP "CSV injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;
/** A plain number ("-5", "12.50", "+4915112345678") cannot call a function, so it is left as is. */
const PLAIN_NUMBER = /^[+-]?\d+(?:[.,]\d+)?$/;
/** Lavka's own list of E.164 numbers ("+49151…, +7912…" or Google's " ::: "): digits and separators only, no function. */
const PHONE_LIST = /^\+\d{6,15}(?:(?:, | ::: )\+\d{6,15})*$/;

/** Prefixes a formula-looking cell with an apostrophe, which spreadsheets show as text and never evaluate. */
export function neutraliseFormula(value: string): string {
  if (!FORMULA_START.test(value) || PLAIN_NUMBER.test(value) || PHONE_LIST.test(value)) return value;
  return `'${value}`;
}

export const UTF8_BOM = '\uFEFF';

// An export formats two dates per contact, and Intl's formatToParts is the slow part of that. A zone's offset changes a
// few times a year at most, so the offset is asked of Intl once per whole UTC hour; when an hour starts and ends with the
// same offset, its dates are plain arithmetic. An hour whose ends disagree (a DST change inside it), or a year Intl would
// write differently (before 1000 or after 9999), goes through Intl as before, so the text is the same either way.
const HOUR_MS = 3_600_000;
/** Bounds the per-zone memo in a long-running app: a few years of hours, then it starts over. */
const MAX_HOURS = 50_000;

interface Zone {
  minutes: Intl.DateTimeFormat;
  seconds: Intl.DateTimeFormat;
  /** UTC hour number → the zone's offset in ms at the start of that hour (NaN: a year Intl writes differently). */
  offsets: Map<number, number>;
  /** UTC day number → the offset of the whole day, or null when it changes within the day (a DST change). */
  days: Map<number, number | null>;
}

const zones = new Map<string, Zone>();
function zone(timeZone: string): Zone {
  let z = zones.get(timeZone);
  if (!z) {
    const parts = {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    } as const;
    z = {
      minutes: new Intl.DateTimeFormat('en-CA', parts),
      seconds: new Intl.DateTimeFormat('en-CA', { ...parts, second: '2-digit' }),
      offsets: new Map(),
      days: new Map(),
    };
    zones.set(timeZone, z);
  }
  return z;
}

function partsOf(f: Intl.DateTimeFormat, ms: number): (t: Intl.DateTimeFormatPartTypes) => string {
  const parts = f.formatToParts(new Date(ms));
  return (t) => parts.find((p) => p.type === t)?.value ?? '';
}

/** The zone's offset at a whole-second instant, in ms; NaN for years outside 1000–9999. */
function offsetAt(z: Zone, ms: number): number {
  const get = partsOf(z.seconds, ms);
  const year = Number(get('year'));
  if (!(year >= 1000 && year <= 9999)) return NaN;
  return (
    Date.UTC(year, Number(get('month')) - 1, Number(get('day')), Number(get('hour')), Number(get('minute')), Number(get('second'))) - ms
  );
}

function viaIntl(z: Zone, ms: number): string {
  const get = partsOf(z.minutes, ms);
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}

function offsetOfHour(z: Zone, hour: number): number {
  let offset = z.offsets.get(hour);
  if (offset === undefined) {
    offset = offsetAt(z, hour * HOUR_MS);
    if (z.offsets.size >= MAX_HOURS) z.offsets.clear();
    z.offsets.set(hour, offset);
  }
  return offset;
}

/**
 * One offset for a whole UTC day when its start, middle and end agree (an export's dates spread over years hit a few
 * thousand days, not tens of thousands of hours); null sends the day's instants to the hourly check.
 */
function offsetOfDay(z: Zone, day: number): number | null {
  let offset = z.days.get(day);
  if (offset === undefined) {
    const [a, b, c] = [offsetOfHour(z, day * 24), offsetOfHour(z, day * 24 + 12), offsetOfHour(z, day * 24 + 24)];
    offset = a === b && b === c ? a : null;
    if (z.days.size >= MAX_HOURS) z.days.clear();
    z.days.set(day, offset);
  }
  return offset;
}

const two = (n: number) => (n < 10 ? '0' : '') + n;

/** "2026-03-02 10:00" in the business's time zone: sortable, and Excel and Sheets read it as a date. */
export function formatDateTime(ms: number | null, timeZone: string): string {
  if (ms === null) return '';
  const z = zone(timeZone);
  // Near the ends of the Date range the next hour would not exist.
  if (!(Math.abs(ms) < 8.64e15 - HOUR_MS)) return viaIntl(z, ms);
  const hour = Math.floor(ms / HOUR_MS);
  let offset = offsetOfDay(z, Math.floor(hour / 24));
  if (offset === null) {
    offset = offsetOfHour(z, hour);
    // NaN never equals itself, so an hour at the edge of the years Intl writes as 1000–9999 goes to Intl too.
    if (offset !== offsetOfHour(z, hour + 1)) return viaIntl(z, ms);
  }
  // Both ends of the hour are within 1000–9999 (offsetAt said so), hence this instant's year is too.
  const d = new Date(ms + offset);
  return `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;
}

/** Leading or trailing whitespace: quoted so that spreadsheets and parsers that trim keep it. */
const EDGE_SPACE = /^\s|\s$/;

/**
 * One CSV cell, defused and quoted (RFC 4180) as csv-stringify writes it with `quote_record_delimiter: true` and
 * `quoted_match: EDGE_SPACE`: quotes doubled and the cell quoted when it holds a quote, the delimiter, any line break
 * (a note typed with Enter has a bare LF, which spreadsheets and Lavka's own import read as a new row) or edge
 * whitespace. Done by hand because the export writes millions of cells and the library's per-cell overhead was a
 * third of its time; tests/core/contacts/csv-cells.test.ts holds the two to the same output.
 */
function csvCell(raw: string, delimiter: string): string {
  if (raw === '') return '';
  const value = neutraliseFormula(raw);
  const quote = value.includes('"');
  if (quote || value.includes(delimiter) || value.includes('\n') || value.includes('\r') || EDGE_SPACE.test(value)) {
    return `"${quote ? value.replaceAll('"', '""') : value}"`;
  }
  return value;
}

/** Rows as CSV text, each ended by CRLF (RFC 4180), every cell through neutraliseFormula. */
export function csvRows(rows: readonly (readonly string[])[], delimiter: string): string {
  let out = '';
  for (const row of rows) {
    for (let i = 0; i < row.length; i++) out += (i === 0 ? '' : delimiter) + csvCell(row[i], delimiter);
    out += '\r\n';
  }
  return out;
}

/** A money amount as a plain decimal with a dot ("1234.50"), the form every spreadsheet can parse back. */
export function formatAmount(amount: number | null, digits: number): string {
  if (amount === null) return '';
  return amount.toFixed(digits);
}
