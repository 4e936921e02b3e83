// Settings → About: Lavka's version, where its data lives, and (desktop) buttons to open the logs and data folders.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../stores/app';
import { desktop } from './bridge';

export function AboutSection() {
  const { t } = useTranslation();
  const shell = desktop();
  const coreDataDir = useAppStore((s) => s.dataDir);
  const coreVersion = useAppStore((s) => s.version);
  const [info, setInfo] = useState<{ version: string; dataDir: string } | null>(null);
  useEffect(() => {
    void shell?.info().then(setInfo, () => {});
  }, [shell]);
  const version = info?.version ?? coreVersion;
  const dataDir = info?.dataDir ?? coreDataDir;
  return (
    <div className="form" data-testid="about">
      <h2>{t('desktop.about.title')}</h2>
      <p data-testid="about-version">Lavka — {t('desktop.about.version', { version })}</p>
      <h3>{t('desktop.about.dataFolder')}</h3>
      <p>
        <code className="path" data-testid="about-data-dir">
          {dataDir}
        </code>
      </p>
      {shell ? (
        <div className="desktop-actions">
          <button type="button" className="btn" onClick={() => void shell.openLogsFolder()} data-testid="about-open-logs">
            {t('desktop.about.openLogs')}
          </button>
          <button type="button" className="btn" onClick={() => void shell.openDataFolder()}>
            {t('desktop.about.openData')}
          </button>
        </div>
      ) : null}
    </div>
  );
}
