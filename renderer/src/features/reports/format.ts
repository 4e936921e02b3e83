// How report numbers read: waits as a person says them, shares as whole percents, counts with the locale's grouping.
import i18next from 'i18next';

const MIN = 60_000;

/** A wait or a duration the way a person says it: 45 s, 7 min, 2.5 h, 3 d. */
export function duration(ms: number | null): string {
  const t = i18next.t.bind(i18next);
  if (ms === null) return t('reports.none');
  const n = (x: number) => new Intl.NumberFormat(i18next.language, { maximumFractionDigits: x < 10 ? 1 : 0 }).format(x);
  if (ms < MIN) return t('reports.seconds', { n: n(Math.round(ms / 1000)) });
  if (ms < 60 * MIN) return t('reports.minutes', { n: n(ms / MIN) });
  if (ms < 48 * 60 * MIN) return t('reports.hours', { n: n(ms / (60 * MIN)) });
  return t('reports.days', { n: n(ms / (24 * 60 * MIN)) });
}

export function percent(n: number, of: number): string {
  if (of <= 0) return i18next.t('reports.none');
  return i18next.t('reports.percent', { n: new Intl.NumberFormat(i18next.language, { maximumFractionDigits: 0 }).format((100 * n) / of) });
}

export function count(n: number): string {
  return new Intl.NumberFormat(i18next.language).format(n);
}
