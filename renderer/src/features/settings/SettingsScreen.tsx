// Settings: a section list on the left, the chosen section on the right.
import { useState } from 'react';
import { useTranslation } from '../../i18n/react';
import { SETTINGS_SECTIONS } from './sections';
import { useAppStore } from '../../stores/app';

export function SettingsScreen() {
  const { t } = useTranslation();
  const requested = useAppStore((s) => s.settingsSection);
  const [active, setActive] = useState(requested ?? SETTINGS_SECTIONS[0].id);
  const Section = SETTINGS_SECTIONS.find((s) => s.id === active)?.component ?? SETTINGS_SECTIONS[0].component;
  return (
    <div className="page settings">
      <header className="page-head">
        <h1>{t('settings.title')}</h1>
      </header>
      <div className="settings-body">
        <aside className="settings-nav">
          {SETTINGS_SECTIONS.map((s) => (
            <button
              key={s.id}
              className={`settings-tab ${s.id === active ? 'active' : ''}`}
              onClick={() => setActive(s.id)}
              data-testid={`settings-tab-${s.id}`}
            >
              {t(s.label)}
            </button>
          ))}
        </aside>
        <section className="settings-section">
          <Section />
        </section>
      </div>
    </div>
  );
}
