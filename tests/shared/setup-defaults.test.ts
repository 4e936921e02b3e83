// Setup proposes language, country, currency and time zone from the machine (faked here), and lists every country.
import { describe, expect, it } from 'vitest';
import { proposeSetup } from '../../main/shared/setup-defaults';
import { countryMatches, countryOptions, flagOf, phoneCountry } from '../../main/shared/countries';

const UI = ['en', 'ru', 'uk', 'vi', 'es', 'pt'];

describe('what setup proposes', () => {
  it.each([
    // locales, time zone → ui, reply, country, currency, time zone
    [['ru-RU'], 'Europe/Moscow', ['ru', 'ru', 'RU', 'RUB', 'Europe/Moscow']],
    [['en-US', 'en'], 'Europe/Moscow', ['en', 'ru', 'RU', 'RUB', 'Europe/Moscow']],
    [['pt-BR'], 'America/Sao_Paulo', ['pt', 'pt', 'BR', 'BRL', 'America/Sao_Paulo']],
    [['es-MX'], 'America/Mexico_City', ['es', 'es', 'MX', 'MXN', 'America/Mexico_City']],
    [['uk-UA'], 'Europe/Kyiv', ['uk', 'uk', 'UA', 'UAH', 'Europe/Kyiv']],
    [['vi-VN'], 'Asia/Ho_Chi_Minh', ['vi', 'vi', 'VN', 'VND', 'Asia/Ho_Chi_Minh']],
    [['id-ID'], 'Asia/Jakarta', ['en', 'id', 'ID', 'IDR', 'Asia/Jakarta']],
    [['hi-IN', 'en-IN'], 'Asia/Kolkata', ['en', 'hi', 'IN', 'INR', 'Asia/Kolkata']],
    [['tr-TR'], 'Europe/Istanbul', ['en', 'tr', 'TR', 'TRY', 'Europe/Istanbul']],
    [['ru-KZ'], 'Asia/Almaty', ['ru', 'ru', 'KZ', 'KZT', 'Asia/Almaty']],
    [['de-DE'], 'Europe/Berlin', ['en', 'de', 'DE', 'EUR', 'Europe/Berlin']],
  ] as const)('%j in %s', (locales, timeZone, [ui, reply, country, currency, tz]) => {
    expect(proposeSetup({ locales, timeZone }, UI)).toEqual({ uiLanguage: ui, replyLanguage: reply, country, currency, timeZone: tz });
  });

  it('falls back to the locale when the time zone names no country, and to safe values on nonsense', () => {
    expect(proposeSetup({ locales: ['fr-FR'], timeZone: 'UTC' }, UI)).toMatchObject({
      country: 'FR',
      currency: 'EUR',
      replyLanguage: 'fr',
      timeZone: 'UTC',
    });
    expect(proposeSetup({ locales: ['ar'], timeZone: undefined }, UI)).toMatchObject({
      country: 'EG',
      replyLanguage: 'ar',
      timeZone: 'UTC',
    });
    expect(proposeSetup({ locales: ['not a locale'], timeZone: 'Mars/Olympus' }, UI)).toEqual({
      uiLanguage: 'en',
      replyLanguage: 'en',
      country: 'US',
      currency: 'USD',
      timeZone: 'UTC',
    });
  });
});

describe('countries', () => {
  it('lists every country with a numbering plan, named in the reader’s language, with flag and calling code', () => {
    const ru = countryOptions('ru');
    expect(ru.length).toBeGreaterThan(200);
    expect(ru.find((c) => c.code === 'DE')).toEqual({ code: 'DE', name: 'Германия', flag: '🇩🇪', callingCode: '+49' });
    expect(countryOptions('en').find((c) => c.code === 'BR')?.name).toBe('Brazil');
    expect(ru.filter((c) => countryMatches(c, 'росс')).map((c) => c.code)).toEqual(['RU']);
    expect(
      ru
        .filter((c) => countryMatches(c, '+7'))
        .map((c) => c.code)
        .sort(),
    ).toEqual(['KZ', 'RU']);
  });

  it('tells the country of a stored number', () => {
    expect(phoneCountry('+79161234567')).toBe('RU');
    expect(phoneCountry('+4989123456')).toBe('DE');
    expect(phoneCountry('not a phone')).toBeNull();
    expect(flagOf('UA')).toBe('🇺🇦');
  });
});
