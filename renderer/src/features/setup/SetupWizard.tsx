// First start: three short steps — the business, languages and money/time, opening hours.
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from '../../i18n/react';
import { useAppStore, type Settings } from '../../stores/app';
import { setUiLanguage, UI_LANGUAGE_NAMES, type UiLanguage } from '../../i18n';
import { UI_LANGUAGE_CODES, isUiLanguage } from '../../../../main/shared/ui-languages';
import { Field, Select } from '../settings/fields';
import { HoursEditor } from '../settings/HoursEditor';
import { REPLY_LANGUAGES, currencyOptions, guessTimeZone, timeZoneOptions } from '../settings/options';
import { CountrySelect } from '../language/CountrySelect';
import { proposeSetup } from '../../../../main/shared/setup-defaults';
import { DEFAULT_HOURS } from '../../../../main/shared/opening-hours';
import { errorText } from '../../i18n/errors';

export function SetupWizard() {
  const { t, i18n } = useTranslation();
  const completeSetup = useAppStore((s) => s.completeSetup);
  const [step, setStep] = useState(0);
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  // Language, country, currency and time zone proposed from this computer (an owner in Moscow: ru, RU, RUB).
  const proposal = useMemo(
    () =>
      proposeSetup({ locales: navigator.languages?.length ? navigator.languages : [navigator.language], timeZone: guessTimeZone() }, [
        ...UI_LANGUAGE_CODES,
      ]),
    [],
  );
  // Lavka's own language too: the computer's, when Lavka speaks it; else what is on screen.
  const [uiLanguage, setUi] = useState<UiLanguage>(
    isUiLanguage(proposal.uiLanguage) ? proposal.uiLanguage : isUiLanguage(i18n.language) ? i18n.language : 'en',
  );
  useEffect(() => setUiLanguage(uiLanguage), [uiLanguage]);
  const [replyLanguage, setReply] = useState<string>(proposal.replyLanguage);
  const [currency, setCurrency] = useState(proposal.currency);
  const [timeZone, setTimeZone] = useState(proposal.timeZone);
  const [region, setRegion] = useState(proposal.country);
  const [hours, setHours] = useState<Settings['business']['openingHours']>(DEFAULT_HOURS);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const nameMissing = step === 0 && !name.trim();

  async function finish() {
    setBusy(true);
    setError(null);
    try {
      await completeSetup({
        business: { name, description, currency, timeZone, region, openingHours: hours, address: '', phone: '' },
        preferences: { uiLanguage, replyLanguage },
      });
    } catch (err) {
      setError(errorText(err));
      setBusy(false);
    }
  }

  return (
    <div className="setup">
      <div className="setup-card" data-testid="setup">
        <div className="setup-head">
          <span className="brand-mark large">Л</span>
          <div>
            <h1>{t('setup.welcome')}</h1>
            <p className="muted">{t('setup.intro')}</p>
          </div>
        </div>
        <ol className="steps">
          {[t('setup.stepBusiness'), t('setup.stepRegion'), t('setup.stepHours')].map((label, i) => (
            <li key={label} className={i === step ? 'current' : i < step ? 'done' : ''}>
              {label}
            </li>
          ))}
        </ol>

        {step === 0 && (
          <div className="form">
            <Field label={t('setup.uiLanguage')}>
              <Select
                value={uiLanguage}
                onChange={(v) => {
                  setUi(v as UiLanguage);
                  setReply(v.split('-')[0]); // reply languages are plain codes: pt-BR → pt
                }}
                options={Object.entries(UI_LANGUAGE_NAMES)}
                testId="setup-ui-language"
              />
            </Field>
            <Field label={t('setup.businessName')} hint={t('setup.businessNameHint')}>
              <input autoFocus value={name} onChange={(e) => setName(e.target.value)} maxLength={120} data-testid="setup-name" />
            </Field>
            <Field label={t('setup.description')} hint={t('setup.descriptionHint')}>
              <textarea
                value={description}
                onChange={(e) => setDescription(e.target.value)}
                rows={3}
                maxLength={2000}
                data-testid="setup-description"
              />
            </Field>
          </div>
        )}

        {step === 1 && (
          <div className="form grid2">
            <Field label={t('setup.replyLanguage')} hint={t('setup.replyLanguageHint')}>
              <Select value={replyLanguage} onChange={setReply} options={Object.entries(REPLY_LANGUAGES)} testId="setup-reply-language" />
            </Field>
            <Field label={t('setup.currency')}>
              <Select value={currency} onChange={setCurrency} options={currencyOptions(uiLanguage)} testId="setup-currency" />
            </Field>
            <Field label={t('setup.timeZone')}>
              <Select value={timeZone} onChange={setTimeZone} options={timeZoneOptions(timeZone)} testId="setup-time-zone" />
            </Field>
            <Field label={t('setup.region')} hint={t('setup.regionHint')}>
              <CountrySelect value={region} onChange={setRegion} testId="setup-region" />
            </Field>
          </div>
        )}

        {step === 2 && (
          <div className="form">
            <p className="muted">{t('setup.hoursHint')}</p>
            <HoursEditor value={hours} onChange={setHours} />
          </div>
        )}

        {error && <p className="error-box">{error}</p>}
        <div className="setup-actions">
          {step > 0 && (
            <button className="btn" onClick={() => setStep(step - 1)} disabled={busy}>
              {t('common.back')}
            </button>
          )}
          <span className="spacer" />
          {step < 2 ? (
            <button className="btn primary" onClick={() => setStep(step + 1)} disabled={nameMissing} data-testid="setup-next">
              {t('common.next')}
            </button>
          ) : (
            <button className="btn primary" onClick={() => void finish()} disabled={busy} data-testid="setup-finish">
              {t('setup.finish')}
            </button>
          )}
        </div>
      </div>
    </div>
  );
}
