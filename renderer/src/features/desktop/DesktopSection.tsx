// Settings → Desktop (only in the desktop app): keep running in the tray, notifications, start at login, and the
// browser WhatsApp uses, chosen with the system's file dialog (the window never sends a program path itself).
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { desktop, type DesktopSettingsValue } from './bridge';
import { useChannelsStore } from '../../stores/channels';
import { BrowserPicker } from './BrowserPicker';

export function DesktopSection() {
  const { t } = useTranslation();
  const shell = desktop();
  const [settings, setSettings] = useState<DesktopSettingsValue | null>(null);
  const [error, setError] = useState<string | null>(null);
  const wa = useChannelsStore((s) => s.overview?.whatsapp);
  const reloadChannels = useChannelsStore((s) => s.loadOverview);
  useEffect(() => {
    void reloadChannels().catch(() => {});
  }, [reloadChannels]);

  useEffect(() => {
    void shell?.settings().then(setSettings, (err: Error) => setError(err.message));
  }, [shell]);
  if (!shell || !settings) return error ? <div className="error-box">{error}</div> : null;

  const toggle = (key: 'keepRunning' | 'notifyEachMessage' | 'openAtLogin') => (e: React.ChangeEvent<HTMLInputElement>) => {
    void shell.updateSettings({ [key]: e.target.checked }).then(setSettings, (err: Error) => setError(err.message));
  };
  return (
    <div className="form" data-testid="desktop-settings">
      <h2>{t('desktop.settings.title')}</h2>
      <label className="check">
        <input type="checkbox" checked={settings.keepRunning} onChange={toggle('keepRunning')} data-testid="desktop-keep-running" />
        {t('desktop.settings.keepRunning')}
      </label>
      <p className="muted small">{t('desktop.settings.keepRunningHint')}</p>
      <label className="check">
        <input type="checkbox" checked={settings.notifyEachMessage} onChange={toggle('notifyEachMessage')} />
        {t('desktop.settings.notifyEachMessage')}
      </label>
      <label className="check">
        <input type="checkbox" checked={settings.openAtLogin} onChange={toggle('openAtLogin')} />
        {t('desktop.settings.openAtLogin')}
      </label>
      <h3>{t('desktop.settings.browser')}</h3>
      <p>
        <code className="path">{wa?.browser.ok ? wa.browser.path : '—'}</code>
        {wa?.browser.ok && wa.browser.source === 'detected' ? (
          <span className="muted small"> ({t('desktop.settings.browserAuto')})</span>
        ) : null}
      </p>
      <BrowserPicker />
      {error ? <div className="error-box">{error}</div> : null}
    </div>
  );
}
