// Where the data lives. Backups and export join this section as they land.
import { useTranslation } from '../../i18n/react';
import { useAppStore } from '../../stores/app';
import { BackupSection } from '../backup/BackupSection';
import { MediaStorageSettings } from '../media/MediaSettings';

export function DataSection() {
  const { t } = useTranslation();
  const dataDir = useAppStore((s) => s.dataDir);
  const version = useAppStore((s) => s.version);
  return (
    <div className="form">
      <h2>{t('settings.sections.data')}</h2>
      <p>{t('settings.dataIntro')}</p>
      <p>
        <code className="path" data-testid="data-dir">
          {dataDir}
        </code>
      </p>
      <p className="muted">{t('settings.dataBackupHint')}</p>
      <p className="muted">
        {t('common.appName')} {version}
      </p>
      <MediaStorageSettings />
      <BackupSection />
    </div>
  );
}
