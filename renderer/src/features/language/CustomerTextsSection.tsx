// Settings → Customer messages: every text Lavka sends to customers by itself, per customer language, with the
// owner's own wording on top. A text may use only the placeholders Lavka's text has (the core checks it).
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLanguageStore, type CustomerTextEntry } from '../../stores/language';
import { languageInfo, type CustomerLanguage } from '../../../../main/shared/languages';
import { CustomerLanguagePicker, useEditedCustomerLanguage } from '../../components/CustomerLanguagePicker';

export function CustomerTextsSection() {
  const { t } = useTranslation();
  const [lang, setLang] = useEditedCustomerLanguage();
  const [query, setQuery] = useState('');
  const entries = useLanguageStore((s) => s.texts[lang]);
  const loadTexts = useLanguageStore((s) => s.loadTexts);
  const error = useLanguageStore((s) => s.error);

  useEffect(() => {
    void loadTexts(lang);
  }, [lang, loadTexts]);

  const q = query.trim().toLocaleLowerCase();
  const shown = (entries ?? []).filter(
    (e) => !q || (e.override ?? e.builtIn).toLocaleLowerCase().includes(q) || e.key.toLowerCase().includes(q),
  );
  const groups = [...new Set(shown.map((e) => e.key.split(':')[0]))];

  return (
    <div className="form customer-texts" data-testid="customer-texts">
      <h2>{t('customerLanguage.settings.section')}</h2>
      <p className="muted">{t('customerLanguage.settings.intro')}</p>
      <div className="ct-head">
        <CustomerLanguagePicker
          label={t('customerLanguage.settings.language')}
          value={lang}
          onChange={setLang}
          testId="customer-texts-language"
        />
        <label className="field">
          <span className="field-label">&nbsp;</span>
          <input
            type="search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            placeholder={t('customerLanguage.settings.filter')}
          />
        </label>
      </div>
      <p className="muted small">{t('customerLanguage.settings.statusElsewhere')}</p>
      {error && <p className="error-box small">{error}</p>}
      {groups.map((g) => (
        <section key={g}>
          <h3>{t(`customerLanguage.settings.groups.${g}`, { defaultValue: g })}</h3>
          {shown
            .filter((e) => e.key.startsWith(`${g}:`))
            .map((e) => (
              <TextRow key={`${lang}|${e.key}|${e.override ?? ''}`} lang={lang} entry={e} />
            ))}
        </section>
      ))}
    </div>
  );
}

function TextRow({ lang, entry }: { lang: CustomerLanguage; entry: CustomerTextEntry }) {
  const { t } = useTranslation();
  const setText = useLanguageStore((s) => s.setText);
  const [value, setValue] = useState(entry.override ?? entry.builtIn);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const dirty = value.trim() !== (entry.override ?? entry.builtIn).trim();
  const rtl = languageInfo(lang)?.rtl;

  const save = async (text: string) => {
    setSaved(false);
    const err = await setText(lang, entry.key, text.trim() === entry.builtIn.trim() ? '' : text);
    setError(err);
    setSaved(!err);
  };

  return (
    <div className="customer-text" data-testid="customer-text" data-key={entry.key}>
      {lang !== 'en' && (
        <span className="muted ct-ref" dir="ltr">
          {t('customerLanguage.settings.english', { text: entry.reference })}
        </span>
      )}
      <textarea
        value={value}
        rows={3}
        dir={rtl ? 'rtl' : 'auto'}
        lang={languageInfo(lang)?.locale}
        onChange={(e) => setValue(e.target.value)}
      />
      <div className="ct-row">
        <span className="muted">
          {entry.placeholders.length
            ? t('customerLanguage.settings.placeholders', { list: entry.placeholders.map((p) => `{${p}}`).join(' ') })
            : t('customerLanguage.settings.noPlaceholders')}
        </span>
        {entry.override !== null && <span className="tag">{t('customerLanguage.settings.changed')}</span>}
        <span className="spacer" />
        {saved && !dirty && <span className="muted">{t('customerLanguage.settings.saved')}</span>}
        {entry.override !== null && (
          <button className="btn small" type="button" onClick={() => void save('')}>
            {t('customerLanguage.settings.reset')}
          </button>
        )}
        <button className="btn small primary" type="button" disabled={!dirty} onClick={() => void save(value)}>
          {t('customerLanguage.settings.save')}
        </button>
      </div>
      {error && <p className="field-error">{error}</p>}
    </div>
  );
}
