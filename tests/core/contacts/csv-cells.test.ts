// The cell helpers every contacts CSV uses, held to what they replaced. csvRows is compared with csv-stringify on every
// short string of awkward characters; formatDateTime skips Intl for most dates, so it is compared with plain Intl on the
// instants where that could go wrong: daylight-saving changes, half-hour and 45-minute zones, local mean time with
// second offsets, and years Intl writes differently.
import { describe, expect, it } from 'vitest';
import { stringify } from 'csv-stringify/sync';
import { csvRows, formatDateTime, neutraliseFormula } from '../../../main/core/contacts/csv-cells';

const formats = new Map<string, Intl.DateTimeFormat>();
/** What formatDateTime produced before it cached offsets: Intl for every date. */
function viaIntl(ms: number, timeZone: string): string {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formats.set(timeZone, f);
  }
  const parts = f.formatToParts(new Date(ms));
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}

/** "2026-03-02 10:00" read back as if it were UTC, to see how far the local clock moved. */
const asUtc = (s: string) => Date.UTC(+s.slice(0, 4), +s.slice(5, 7) - 1, +s.slice(8, 10), +s.slice(11, 13), +s.slice(14, 16));

const ZONES = [
  'Europe/Berlin',
  'America/New_York',
  'America/St_Johns', // -3:30, DST
  'Australia/Lord_Howe', // DST moves the clock by 30 minutes
  'Asia/Kathmandu', // +5:45
  'Pacific/Chatham', // +12:45 / +13:45
  'Africa/Casablanca', // DST switched off during Ramadan: several changes a year
  'Pacific/Apia', // skipped 30 December 2011 entirely
  'Europe/Moscow',
  'America/Sao_Paulo',
  'UTC',
];
const HOUR = 3_600_000;

/** Deterministic instants, so a failure can be reproduced. */
function* spread(from: number, to: number, n: number): Generator<number> {
  let x = 12345;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    yield Math.floor(from + (to - from) * (x / 2 ** 31));
  }
}

describe('formatDateTime', () => {
  it('writes the same text as Intl around every offset change from 2012 to 2028, in zones with odd offsets', () => {
    let changes = 0;
    for (const tz of ZONES) {
      const wrong: string[] = [];
      const check = (ms: number) => {
        const want = viaIntl(ms, tz);
        const got = formatDateTime(ms, tz);
        if (got !== want) wrong.push(`${new Date(ms).toISOString()}: ${got}, want ${want}`);
      };
      // Six hours at a time; where the local clock did not move on by exactly that much, the offset changed in between:
      // find the instant by bisection and check every minute for an hour either side of it.
      const STEP = 6 * HOUR;
      const offset = (t: number) => asUtc(viaIntl(t, tz)) - Math.floor(t / 60_000) * 60_000;
      for (let t = Date.UTC(2012, 0, 1); t < Date.UTC(2028, 0, 1); t += STEP) {
        if (offset(t) === offset(t + STEP)) continue;
        let [lo, hi] = [t, t + STEP];
        while (hi - lo > 1) {
          const mid = Math.floor((lo + hi) / 2);
          if (offset(mid) === offset(lo)) lo = mid;
          else hi = mid;
        }
        changes++;
        for (let d = -HOUR; d <= HOUR; d += 60_000) for (const e of [-1, 0, 1, 999]) check(hi + d + e);
      }
      expect(wrong, tz).toEqual([]);
    }
    // Two changes a year in most of these zones: the scan really did walk across them.
    expect(changes).toBeGreaterThan(150);
  }, 60_000);

  it('writes the same text as Intl for any instant from year 1000 to 9999, before 1970, and in local mean time', () => {
    for (const tz of ZONES) {
      const wrong: string[] = [];
      for (const ms of [
        ...spread(Date.UTC(1000, 0, 1), Date.UTC(9999, 11, 31), 3000),
        ...spread(Date.UTC(1850, 0, 1), Date.UTC(1980, 0, 1), 3000), // Berlin's LMT was +0:53:28 until 1893
        ...spread(Date.UTC(2020, 0, 1), Date.UTC(2030, 0, 1), 3000),
        Date.UTC(1000, 0, 1) - 1,
        Date.UTC(999, 11, 31, 23, 59),
        Date.UTC(9999, 11, 31, 23, 59),
        Date.UTC(10000, 0, 1),
        -1,
        0,
      ]) {
        if (formatDateTime(ms, tz) !== viaIntl(ms, tz)) wrong.push(`${ms}: ${formatDateTime(ms, tz)}, want ${viaIntl(ms, tz)}`);
      }
      expect(wrong, tz).toEqual([]);
    }
  }, 60_000);

  it('keeps its known answers: business time zone, DST, and empty for no date', () => {
    expect(formatDateTime(Date.parse('2026-03-01T23:30:00Z'), 'Europe/Berlin')).toBe('2026-03-02 00:30');
    expect(formatDateTime(Date.parse('2025-10-26T00:30:00Z'), 'Europe/Berlin')).toBe('2025-10-26 02:30');
    expect(formatDateTime(Date.parse('2025-10-26T01:30:00Z'), 'Europe/Berlin')).toBe('2025-10-26 02:30');
    expect(formatDateTime(Date.parse('2026-01-01T12:59:59.999Z'), 'Asia/Kathmandu')).toBe('2026-01-01 18:44');
    expect(formatDateTime(null, 'Europe/Berlin')).toBe('');
  });
});

/** csv-stringify set up the way csvRows claims to write: CRLF rows, any line break quoted, edge whitespace quoted. */
const OPTS = (delimiter: string) =>
  ({ delimiter, record_delimiter: 'windows', quote_record_delimiter: true, quoted_match: /^\s|\s$/ }) as const;

describe('csvRows', () => {
  it('writes what csv-stringify wrote for every cell of up to four awkward characters, with each delimiter', () => {
    const chars = ['a', ' ', '"', ',', ';', '\t', '\r', '\n', '=', '-', '@', '1', '\u00A0', '\uFEFF', 'é', "'"];
    const cells: string[] = [''];
    for (let len = 1; len <= 4; len++) {
      const start = cells.length;
      for (const prefix of cells.filter((c) => c.length === len - 1)) for (const ch of chars) cells.push(prefix + ch);
      expect(cells.length - start).toBe(chars.length ** len);
    }
    for (const delimiter of [',', ';', '\t']) {
      const rows = cells.map((c, i) => [c, cells[(i * 7919) % cells.length], 'plain']);
      const want = stringify(
        rows.map((r) => r.map(neutraliseFormula)),
        OPTS(delimiter),
      );
      const got = csvRows(rows, delimiter);
      if (got !== want) {
        // Name the first row that differs rather than print two 2 MB strings.
        const row = rows.find((r) => csvRows([r], delimiter) !== stringify([r.map(neutraliseFormula)], OPTS(delimiter)));
        expect(row && csvRows([row], delimiter)).toBe(row && stringify([row.map(neutraliseFormula)], OPTS(delimiter)));
      }
      expect(got).toBe(want);
    }
  });

  it('quotes and defuses the cells a spreadsheet would misread', () => {
    expect(csvRows([['Smith, John', 'say "hi"', ' pad', '=1+1', '+4915112345678', '']], ',')).toBe(
      '"Smith, John","say ""hi"""," pad",\'=1+1,+4915112345678,\r\n',
    );
    expect(
      csvRows(
        [
          ['a;b', 'a,b'],
          ['x\ty', ''],
        ],
        ';',
      ),
    ).toBe('"a;b";a,b\r\nx\ty;\r\n');
    // A note typed with Enter: a bare line feed must not end the row.
    expect(csvRows([['line one\nline two', 'x\ry']], ',')).toBe('"line one\nline two","x\ry"\r\n');
  });
});
