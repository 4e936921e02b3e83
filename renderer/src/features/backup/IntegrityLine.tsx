// One line in Settings → Backups: the result of the background database check (after an unclean shutdown, weekly).
import { useTranslation } from 'react-i18next';
import type { BackupStatus } from '../../stores/backup';
import { formatWhen } from './format';

export function IntegrityLine({ integrity, tz }: { integrity: BackupStatus['integrity']; tz: string | undefined }) {
  const { t } = useTranslation();
  if (!integrity) return null;
  const when = integrity.checkedAt ? formatWhen(integrity.checkedAt, tz) : '';
  const text =
    integrity.state === 'running'
      ? t('integrity.running')
      : integrity.state === 'never'
        ? t('integrity.never')
        : t(`integrity.${integrity.state}`, { when, detail: integrity.detail });
  return (
    <div
      className={integrity.state === 'damaged' || integrity.state === 'failed' ? 'error-box small' : 'muted small'}
      data-testid="integrity-line"
    >
      {text}
      {integrity.nextAt && integrity.state !== 'running' ? ` ${t('integrity.next', { when: formatWhen(integrity.nextAt, tz) })}` : ''}
    </div>
  );
}
