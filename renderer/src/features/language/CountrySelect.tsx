// A searchable country picker: every country libphonenumber-js knows, named in the UI language, with flag and
// calling code. Typing filters by name, ISO code or "+7".
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { countryMatches, countryOptions } from '../../../../main/shared/countries';

export function CountrySelect({ value, onChange, testId }: { value: string; onChange: (code: string) => void; testId?: string }) {
  const { t, i18n } = useTranslation();
  const all = useMemo(() => countryOptions(i18n.language || 'en'), [i18n.language]);
  const [query, setQuery] = useState('');
  const shown = all.filter((c) => c.code === value || countryMatches(c, query));
  return (
    <div className="country-select">
      <input
        type="search"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          // A search that leaves one country picks it.
          const hits = all.filter((c) => countryMatches(c, e.target.value));
          if (e.target.value.trim() && hits.length === 1) onChange(hits[0].code);
        }}
        placeholder={t('customerLanguage.country.search')}
        aria-label={t('customerLanguage.country.search')}
        data-testid={testId ? `${testId}-search` : undefined}
      />
      <select
        value={value}
        onChange={(e) => onChange(e.target.value)}
        data-testid={testId}
        size={query.trim() ? Math.min(6, Math.max(2, shown.length)) : undefined}
      >
        {shown.map((c) => (
          <option key={c.code} value={c.code}>
            {c.flag} {c.name} ({c.callingCode})
          </option>
        ))}
      </select>
      {query.trim() && shown.length === 0 && <span className="field-hint">{t('customerLanguage.country.none')}</span>}
    </div>
  );
}
