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

// Building an Intl formatter costs far more than using one; an export formats 200,000 dates.
const dateFormats = new Map<string, Intl.DateTimeFormat>();
function dateFormat(timeZone: string): Intl.DateTimeFormat {
  let f = dateFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    dateFormats.set(timeZone, f);
  }
  return f;
}

/** "2026-03-02 10:00" in the business's time zone: sortable, and Excel and Sheets read it as a date. */
export function formatDateTime(ms: number | null, timeZone: string): string {
  if (ms === null) return '';
  const parts = dateFormat(timeZone).formatToParts(new Date(ms));
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}

/** A money amount as a plain decimal with a dot ("1234.50"), the form every spreadsheet can parse back. */
export function formatAmount(amount: number | null, digits: number): string {
  if (amount === null) return '';
  return amount.toFixed(digits);
}
