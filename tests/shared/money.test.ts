import { describe, expect, it } from 'vitest';
import { formatMoney, minorToDecimal, parseMoney } from '../../main/shared/money';

const ok = (s: string, cur = 'EUR') => {
  const r = parseMoney(s, cur);
  if (!r.ok) throw new Error(r.error);
  return r.minor;
};
const err = (s: string, cur = 'EUR') => {
  const r = parseMoney(s, cur);
  if (r.ok) throw new Error(`expected an error for ${s}, got ${r.minor}`);
  return r.error;
};

describe('prices as people write them', () => {
  it('reads dot and comma decimals, currency signs and thousands separators into integer cents', () => {
    expect(ok('3.50')).toBe(350);
    expect(ok('3,5')).toBe(350);
    expect(ok('€ 3.50')).toBe(350);
    expect(ok('3,50 €')).toBe(350);
    expect(ok('12')).toBe(1200);
    expect(ok('1 200,00')).toBe(120000);
    expect(ok('1.200,00')).toBe(120000);
    expect(ok('1,200.00')).toBe(120000);
    expect(ok('0.10')).toBe(10);
    expect(ok('EUR 4.20')).toBe(420);
  });

  it('never produces float drift: 0.29 stays 29 cents', () => {
    expect(ok('0.29')).toBe(29);
    expect(ok('1.13')).toBe(113);
  });

  it('follows the currency: yen have no cents, "1,200" in yen is twelve hundred', () => {
    expect(ok('1200', 'JPY')).toBe(1200);
    expect(ok('1,200', 'JPY')).toBe(1200);
    expect(err('12.50', 'JPY')).toMatch(/no cents/);
  });

  it('refuses negative, ambiguous, over-precise and non-numeric prices with a reason', () => {
    expect(err('-3.50')).toMatch(/negative/);
    expect(err('1,200')).toMatch(/ambiguous/);
    expect(err('3.505')).toMatch(/decimals|ambiguous/);
    expect(err('3.5.1')).toMatch(/not a price/);
    expect(err('abc')).toMatch(/not a price/);
    expect(err('')).toMatch(/empty/);
    expect(err('99999999999')).toMatch(/too large/);
  });

  it('formats for the reader and exports a locale-free decimal', () => {
    expect(formatMoney(350, 'EUR', 'en')).toBe('€3.50');
    expect(formatMoney(350, 'EUR', 'ru')).toMatch(/^3,50\s€$/);
    expect(minorToDecimal(350, 'EUR')).toBe('3.50');
    expect(minorToDecimal(5, 'EUR')).toBe('0.05');
    expect(minorToDecimal(1200, 'JPY')).toBe('1200');
  });
});
