// Inbox times: the same text the browser's toLocale*String gives, in the business time zone, without building a new
// Intl formatter per row (that cost 70% of the CPU while scrolling a long inbox — see npm run bench).
import { beforeAll, describe, expect, it } from 'vitest';
import i18next from 'i18next';
import { formatDay, formatListTime, formatTime } from '../../renderer/src/components/format';

beforeAll(async () => {
  await i18next.init({ lng: 'en', resources: { en: { translation: { common: { time: { yesterday: 'Yesterday' } } } } } });
});

const NOW = Date.UTC(2026, 10, 21, 22, 30); // Saturday 21 Nov, 23:30 in Berlin — already Sunday in Tokyo
const HOUR = 3_600_000;

describe('inbox time formatting', () => {
  it('shows the time for today, "Yesterday", a weekday within the week and a date before that', () => {
    const tz = 'Europe/Berlin';
    expect(formatListTime(NOW - 2 * HOUR, tz, NOW)).toBe(
      new Date(NOW - 2 * HOUR).toLocaleTimeString('en', { hour: '2-digit', minute: '2-digit', timeZone: tz }),
    );
    expect(formatListTime(NOW - 24 * HOUR, tz, NOW)).toBe('Yesterday');
    expect(formatListTime(NOW - 3 * 24 * HOUR, tz, NOW)).toBe('Wed');
    expect(formatListTime(NOW - 30 * 24 * HOUR - 12 * HOUR, tz, NOW)).toBe('Oct 22');
  });

  it('decides "today" in the business time zone, not the computer\'s', () => {
    const earlier = NOW - 2 * HOUR; // 21:30 Berlin (same day), 06:30 Sunday Tokyo
    expect(formatListTime(earlier, 'Europe/Berlin', NOW)).toMatch(/\d\d:\d\d/);
    expect(formatListTime(NOW - 23 * HOUR, 'Asia/Tokyo', NOW)).toBe('Yesterday');
  });

  it('matches toLocale*String in every UI language for times, days and dates', () => {
    for (const lng of ['en', 'ru']) {
      void i18next.changeLanguage(lng);
      for (const tz of ['Europe/Berlin', 'Asia/Ho_Chi_Minh', 'America/New_York']) {
        for (let i = 0; i < 50; i++) {
          const ms = NOW - i * 37 * HOUR;
          expect(formatTime(ms, tz)).toBe(new Date(ms).toLocaleTimeString(lng, { hour: '2-digit', minute: '2-digit', timeZone: tz }));
          expect(formatDay(ms, tz)).toBe(
            new Date(ms).toLocaleDateString(lng, { weekday: 'long', day: 'numeric', month: 'long', timeZone: tz }),
          );
        }
      }
    }
    void i18next.changeLanguage('en');
  });

  it('reuses its Intl formatters, so scrolling a long inbox never builds one per row', () => {
    // A new Intl formatter per call cost ~0.2 ms a row (x30 rows a frame = a dropped frame). The speed itself is a
    // bench figure; here we count constructions, which does not depend on how busy the machine is.
    const Real = Intl.DateTimeFormat;
    let built = 0;
    const Counting = function (this: unknown, ...args: ConstructorParameters<typeof Intl.DateTimeFormat>) {
      built++;
      return new Real(...args);
    } as unknown as typeof Intl.DateTimeFormat;
    Counting.supportedLocalesOf = (...args) => Real.supportedLocalesOf(...args);
    Intl.DateTimeFormat = Counting;
    try {
      for (let i = 0; i < 20; i++) formatListTime(NOW - i * 20 * HOUR, 'Europe/Berlin', NOW); // warm up the caches
      built = 0;
      for (let i = 0; i < 5_000; i++) formatListTime(NOW - (i % 200) * 7 * HOUR, 'Europe/Berlin', NOW);
    } finally {
      Intl.DateTimeFormat = Real;
    }
    expect(built).toBeLessThan(10);
  });
});
