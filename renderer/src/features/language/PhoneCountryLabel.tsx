// The country a stored phone number belongs to, as a flag and name, so a number read with the wrong country shows.
// Loaded on demand through PhoneCountry: libphonenumber's metadata is not part of the first inbox screen.
import { useTranslation } from 'react-i18next';
import { countryName, flagOf, phoneCountry } from '../../../../main/shared/countries';

export function PhoneCountryLabel({ e164 }: { e164: string }) {
  const { t, i18n } = useTranslation();
  const code = phoneCountry(e164);
  if (!code) return <span className="muted small phone-country">{t('customerLanguage.phone.unknown')}</span>;
  const name = countryName(code, i18n.language || 'en');
  return (
    <span className="muted small phone-country" title={name} data-testid="phone-country">
      {t('customerLanguage.phone.country', { flag: flagOf(code), country: name })}
    </span>
  );
}
