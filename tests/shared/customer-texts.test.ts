// The customer-text renderer: keys come from main/shared/locales/<lang>/<ns>.json, unknown languages fall back to
// English, values are interpolated as plain text.
import { describe, expect, it } from 'vitest';
import { customerText, hasCustomerText, localeResources, textLanguage } from '../../main/shared/i18n/customer-texts';
import { CUSTOMER_LANGUAGE_CODES, isCustomerLanguage } from '../../main/shared/languages';

describe('customer texts', () => {
  it('loads every locale folder as resources', () => {
    expect(Object.keys(localeResources())).toContain('en');
  });

  it('renders a key with values and never escapes them as HTML', () => {
    expect(customerText('en', 'common:signature', { business: 'Tom & <Jerry>' })).toBe('— Tom & <Jerry>');
  });

  it('falls back to English for a language Lavka does not speak', () => {
    expect(textLanguage('xx')).toBe('en');
    expect(customerText('xx', 'common:signature', { business: 'B' })).toBe('— B');
    expect(hasCustomerText('en', 'common:signature')).toBe(true);
    expect(hasCustomerText('en', 'common:nope')).toBe(false);
  });

  it('knows its customer languages', () => {
    expect(CUSTOMER_LANGUAGE_CODES).toContain('pt');
    expect(isCustomerLanguage('ar')).toBe(true);
    expect(isCustomerLanguage('zz')).toBe(false);
  });
});
