// Business profile: name, what it sells, address, phone, currency, time zone, country, opening hours.
import { useState } from 'react';
import { useTranslation } from '../../i18n/react';
import { useAppStore, type Settings } from '../../stores/app';
import { Field, Select } from './fields';
import { HoursEditor } from './HoursEditor';
import { currencyOptions, timeZoneOptions } from './options';
import { CountrySelect } from '../language/CountrySelect';
import { useSaveState } from './useSaveState';

export function BusinessSection() {
  const settings = useAppStore((s) => s.settings);
  if (!settings) return null;
  return <BusinessForm initial={settings.business} />;
}

function BusinessForm({ initial }: { initial: Settings['business'] }) {
  const { t, i18n } = useTranslation();
  const update = useAppStore((s) => s.updateSettings);
  const [b, setB] = useState(initial);
  const save = useSaveState();
  const set = <K extends keyof typeof b>(k: K, v: (typeof b)[K]) => setB({ ...b, [k]: v });
  return (
    <form
      className="form"
      onSubmit={(e) => {
        e.preventDefault();
        void save.run(() => update({ business: b }));
      }}
    >
      <h2>{t('settings.sections.business')}</h2>
      <div className="grid2">
        <Field label={t('setup.businessName')}>
          <input value={b.name} onChange={(e) => set('name', e.target.value)} maxLength={120} data-testid="settings-name" />
        </Field>
        <Field label={t('settings.phone')}>
          <input value={b.phone} onChange={(e) => set('phone', e.target.value)} maxLength={60} />
        </Field>
      </div>
      <Field label={t('setup.description')}>
        <textarea rows={3} value={b.description} onChange={(e) => set('description', e.target.value)} maxLength={2000} />
      </Field>
      <Field label={t('settings.address')}>
        <input value={b.address} onChange={(e) => set('address', e.target.value)} maxLength={500} />
      </Field>
      <div className="grid3">
        <Field label={t('setup.currency')}>
          <Select value={b.currency} onChange={(v) => set('currency', v)} options={currencyOptions(i18n.language)} />
        </Field>
        <Field label={t('setup.timeZone')}>
          <Select value={b.timeZone} onChange={(v) => set('timeZone', v)} options={timeZoneOptions(b.timeZone)} />
        </Field>
        <Field label={t('setup.region')}>
          <CountrySelect value={b.region} onChange={(v) => set('region', v)} testId="settings-region" />
        </Field>
      </div>
      <h3>{t('setup.stepHours')}</h3>
      <HoursEditor value={b.openingHours} onChange={(h) => set('openingHours', h)} />
      <SaveBar busy={save.busy} saved={save.saved} error={save.error} />
    </form>
  );
}

export function SaveBar({ busy, saved, error }: { busy: boolean; saved: boolean; error: string | null }) {
  const { t } = useTranslation();
  return (
    <div className="save-bar">
      <button className="btn primary" type="submit" disabled={busy} data-testid="settings-save">
        {t('common.save')}
      </button>
      {saved && <span className="ok">✓ {t('common.saved')}</span>}
      {error && <span className="field-error">{error}</span>}
    </div>
  );
}
