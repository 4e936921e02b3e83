import { beforeAll, describe, expect, it } from 'vitest';
import { switchUiLanguage } from '../../renderer/src/i18n';
import { count, duration, percent } from '../../renderer/src/features/reports/format';

describe('report numbers as the owner reads them', () => {
  beforeAll(async () => {
    await switchUiLanguage('en');
  });

  it('says waits in seconds, minutes, hours or days', () => {
    expect(duration(42_000)).toBe('42 s');
    expect(duration(7.5 * 60_000)).toBe('7.5 min');
    expect(duration(42 * 60_000)).toBe('42 min');
    expect(duration(150 * 60_000)).toBe('2.5 h');
    expect(duration(3 * 86_400_000)).toBe('3 d');
    expect(duration(null)).toBe('—');
  });

  it('shows shares as whole percents and nothing measured as a dash', () => {
    expect(percent(1, 3)).toBe('33%');
    expect(percent(0, 0)).toBe('—');
    expect(count(12345)).toBe('12,345');
  });

  it('speaks Russian with a decimal comma', async () => {
    await switchUiLanguage('ru');
    expect(duration(7.5 * 60_000)).toBe('7,5 мин');
    expect(count(12345)).toMatch(/^12\s345$/);
    await switchUiLanguage('en');
  });
});
