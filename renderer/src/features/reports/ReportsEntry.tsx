// The Reports screen as the navigation sees it: a lazy import, so Recharts and the report code load only when the
// owner opens Reports (the inbox bundle stays as it was).
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { retryAfterReconnect } from '../../reconnect';

const ReportsScreen = lazy(() => retryAfterReconnect(() => import('./ReportsScreen')));

export function ReportsEntry() {
  const { t } = useTranslation();
  return (
    <Suspense fallback={<div className="boot">{t('reports.loading')}</div>}>
      <ReportsScreen />
    </Suspense>
  );
}
