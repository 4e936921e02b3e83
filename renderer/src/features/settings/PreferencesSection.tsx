// Language of the UI and the default language for replies to customers.
import { useState } from 'react';
import { useTranslation } from '../../i18n/react';
import { useAppStore } from '../../stores/app';
import { UI_LANGUAGE_NAMES, type UiLanguage } from '../../i18n';
import { Field, Select } from './fields';
import { REPLY_LANGUAGES } from './options';
import { SaveBar } from './BusinessSection';
import { useSaveState } from './useSaveState';

export function PreferencesSection() {
  const { t } = useTranslation();
  const prefs = useAppStore((s) => s.settings?.preferences);
  const update = useAppStore((s) => s.updateSettings);
  const [ui, setUi] = useState<UiLanguage>(prefs?.uiLanguage ?? 'en');
  const [reply, setReply] = useState(prefs?.replyLanguage ?? 'en');
  const save = useSaveState();
  return (
    <form
      className="form"
      onSubmit={(e) => {
        e.preventDefault();
        void save.run(() => update({ preferences: { uiLanguage: ui, replyLanguage: reply } }));
      }}
    >
      <h2>{t('settings.sections.preferences')}</h2>
      <Field label={t('setup.uiLanguage')}>
        <Select
          value={ui}
          onChange={(v) => setUi(v as UiLanguage)}
          options={Object.entries(UI_LANGUAGE_NAMES)}
          testId="settings-ui-language"
        />
      </Field>
      <Field label={t('setup.replyLanguage')} hint={t('setup.replyLanguageHint')}>
        <Select value={reply} onChange={setReply} options={Object.entries(REPLY_LANGUAGES)} />
      </Field>
      <SaveBar busy={save.busy} saved={save.saved} error={save.error} />
    </form>
  );
}
