// Desktop only: choose the browser WhatsApp uses with the system's file dialog (the shell sets it; the window never
// sends a program path), or go back to finding it automatically.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useChannelsStore } from '../../stores/channels';
import { desktop } from './bridge';

export function BrowserPicker() {
  const { t } = useTranslation();
  const shell = desktop();
  const browserPath = useChannelsStore((s) => s.overview?.whatsapp.browserPath ?? null);
  const reload = useChannelsStore((s) => s.loadOverview);
  const [error, setError] = useState<string | null>(null);
  if (!shell) return null;
  const run = (fn: () => Promise<{ ok: boolean; error?: string }>) => () => {
    setError(null);
    void fn().then(
      (r) => {
        if (r.error) setError(r.error);
        void reload().catch(() => {});
      },
      (err: Error) => setError(err.message),
    );
  };
  return (
    <div>
      <div className="desktop-actions">
        <button type="button" className="btn" onClick={run(() => shell.chooseBrowser())} data-testid="desktop-choose-browser">
          {t('desktop.settings.browserChoose')}
        </button>
        {browserPath ? (
          <button type="button" className="btn" onClick={run(() => shell.clearBrowser())}>
            {t('desktop.settings.browserClear')}
          </button>
        ) : null}
      </div>
      {error ? <div className="error-box">{error}</div> : null}
    </div>
  );
}
