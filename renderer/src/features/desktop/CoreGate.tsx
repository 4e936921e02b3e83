// Desktop: the window appears at once and says "Starting Lavka…" until the core process is up (or why it could not
// start). Once it was up, a restart does not unmount the app: the status strip shows the reconnect instead.
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from '../../i18n/react';
import { useCoreStatus } from './useCoreStatus';
import { desktop } from './bridge';

export function CoreGate({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const core = useCoreStatus();
  const [wasReady, setWasReady] = useState(false);
  useEffect(() => {
    if (core.state === 'ready') setWasReady(true);
  }, [core.state]);
  if (core.state === 'failed') {
    const shell = desktop();
    return (
      <div className="boot">
        <div className="core-failed" data-testid="core-failed">
          <h2>{t('desktop.startFailed.title')}</h2>
          <p className="error-box">{core.message}</p>
          {shell ? (
            <button type="button" className="btn" onClick={() => void shell.openLogsFolder()}>
              {t('desktop.about.openLogs')}
            </button>
          ) : null}
        </div>
      </div>
    );
  }
  if (!wasReady && core.state !== 'ready') {
    return (
      <div className="boot" data-testid="boot">
        {t('desktop.starting')}
      </div>
    );
  }
  return <>{children}</>;
}
