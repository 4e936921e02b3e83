// Reading a CSV the owner brought: decode (UTF-8 with or without BOM; a clear error otherwise), guess the separator,
// and split records per RFC 4180 — but forgivingly: a record with broken quoting becomes one error for that row and
// reading carries on at the next line, instead of the rest of the file vanishing into one runaway quoted field.
import { AppError } from '../errors';

export type Encoding = 'utf-8' | 'windows-1251' | 'windows-1252';

export interface Decoded {
  text: string;
  /** What was found: 'utf-8-bom', 'utf-8', or the legacy code page the owner chose. */
  encoding: string;
}

/** Bytes → text. UTF-8 is required unless the owner explicitly picked a legacy code page. */
export function decodeCsv(bytes: Uint8Array, encoding: Encoding = 'utf-8'): Decoded {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    throw new AppError(
      'invalid_input',
      'This file is in UTF-16 ("Unicode text"). In Excel use File → Save As → "CSV UTF-8 (Comma delimited)" and import that file.',
      { reason: 'utf16' },
    );
  }
  const hasBom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = hasBom ? bytes.subarray(3) : bytes;
  if (encoding !== 'utf-8') return { text: new TextDecoder(encoding).decode(body), encoding };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: hasBom ? 'utf-8-bom' : 'utf-8' };
  } catch {
    const at = firstInvalidUtf8(body);
    const guess = guessLegacy(body);
    throw new AppError(
      'invalid_input',
      `This file is not UTF-8 (the first unreadable byte is at position ${at}).` +
        (guess === 'windows-1251' ? ' It looks like Cyrillic text saved as Windows-1251.' : '') +
        ' In Excel use File → Save As → "CSV UTF-8 (Comma delimited)", or pick the file\'s encoding below.',
      { reason: 'not_utf8', position: at, guess },
    );
  }
}

function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    const n = c < 0x80 ? 1 : c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
    if (n === 0 || i + n > b.length) return i;
    for (let k = 1; k < n; k++) if ((b[i + k] & 0xc0) !== 0x80) return i;
    i += n;
  }
  return i;
}

/** High bytes mostly in 0xC0–0xFF (А–я in Windows-1251) suggest Cyrillic; otherwise probably Western European. */
function guessLegacy(b: Uint8Array): Encoding {
  let high = 0;
  let cyr = 0;
  for (const c of b) {
    if (c >= 0x80) {
      high++;
      if (c >= 0xc0) cyr++;
    }
  }
  return high > 0 && cyr / high > 0.7 ? 'windows-1251' : 'windows-1252';
}

export type Delimiter = ',' | ';' | '\t';
const CANDIDATES: Delimiter[] = [';', ',', '\t'];

/**
 * The separator that splits the first lines most consistently. Excel writes ";" where the decimal mark is a comma
 * (Germany, Russia), "," elsewhere; tabs come from copy-paste.
 */
export function detectDelimiter(text: string): Delimiter {
  const lines: string[] = [];
  let start = 0;
  let inQuotes = false;
  for (let i = 0; i < text.length && lines.length < 20; i++) {
    const ch = text[i];
    if (ch === '"') inQuotes = !inQuotes;
    else if (ch === '\n' && !inQuotes) {
      lines.push(text.slice(start, i));
      start = i + 1;
    }
  }
  if (lines.length < 20 && start < text.length) lines.push(text.slice(start));
  let best: Delimiter = ',';
  let bestScore = 0;
  for (const d of CANDIDATES) {
    const counts = lines.filter((l) => l.trim()).map((l) => countOutsideQuotes(l, d));
    if (counts.length === 0 || counts[0] === 0) continue;
    const header = counts[0];
    const consistent = counts.filter((n) => n === header).length;
    const score = consistent * 1000 + header;
    if (score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}

function countOutsideQuotes(line: string, d: string): number {
  let n = 0;
  let q = false;
  for (const ch of line) {
    if (ch === '"') q = !q;
    else if (ch === d && !q) n++;
  }
  return n;
}

export type CsvRecord =
  | { ok: true; fields: string[]; row: number; line: number; end: number }
  | { ok: false; row: number; line: number; end: number; reason: 'unclosed_quote' | 'bad_quote' };

/** A quoted field longer than this many lines is treated as a missing closing quote, not as one giant note. */
const MAX_LINES_PER_RECORD = 200;

/**
 * Splits text into records. `row` is the spreadsheet row number (the header is row 1); `line` is the text line where
 * the record starts. Blank lines are rows too (Excel shows them), but they yield no record.
 */
export function* readRecords(text: string, delimiter: Delimiter): Generator<CsvRecord> {
  let pos = 0;
  let line = 1;
  let row = 0;
  const n = text.length;
  while (pos < n) {
    row++;
    const startLine = line;
    const startPos = pos;
    const fields: string[] = [];
    let field = '';
    let i = pos;
    let linesInRecord = 0;
    let failure: 'unclosed_quote' | 'bad_quote' | null = null;
    // One record: fields until an unquoted line break or the end of text.
    for (;;) {
      if (i < n && text[i] === '"') {
        // Quoted field: "" is a literal quote; the closing quote must be followed by a separator or a line break.
        i++;
        let closed = false;
        while (i < n) {
          const ch = text[i];
          if (ch === '"') {
            if (text[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            closed = true;
            i++;
            break;
          }
          if (ch === '\n') {
            linesInRecord++;
            if (linesInRecord > MAX_LINES_PER_RECORD) break;
          }
          field += ch;
          i++;
        }
        if (!closed) {
          failure = 'unclosed_quote';
          break;
        }
        // Tolerate spaces between the closing quote and the separator ("a" , "b"); anything else is broken quoting.
        while (i < n && text[i] === ' ') i++;
        if (i < n && text[i] !== delimiter && text[i] !== '\n' && !(text[i] === '\r' && text[i + 1] === '\n')) {
          failure = 'bad_quote';
          break;
        }
      } else {
        // Unquoted field: runs to the separator or line end. A stray quote inside is kept as text (Bob "Bobby" Smith).
        while (i < n && text[i] !== delimiter && text[i] !== '\n') {
          if (text[i] === '\r' && text[i + 1] === '\n') break;
          field += text[i];
          i++;
        }
      }
      fields.push(field);
      field = '';
      if (i < n && text[i] === delimiter) {
        i++;
        continue;
      }
      // End of record.
      if (i < n && text[i] === '\r') i++;
      if (i < n && text[i] === '\n') i++;
      break;
    }
    if (failure) {
      // Resynchronise at the line after the one where this record started.
      const nl = text.indexOf('\n', startPos);
      pos = nl === -1 ? n : nl + 1;
      line = startLine + 1;
      yield { ok: false, row, line: startLine, end: pos, reason: failure };
      continue;
    }
    const consumed = text.slice(startPos, i);
    line = startLine + countNewlines(consumed);
    pos = i;
    if (fields.length === 1 && fields[0].trim() === '' && !consumed.startsWith('"')) continue;
    yield { ok: true, fields, row, line: startLine, end: pos };
  }
}

function countNewlines(s: string): number {
  let k = 0;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) === 10) k++;
  return k;
}
