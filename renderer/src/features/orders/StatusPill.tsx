// An order's status as a coloured pill, in the owner's language; the order list, the detail pane and tools share it.
import { useTranslation } from '../../i18n/react';
import { runtimeKey } from '../../i18n/keys';

export function StatusPill({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <span className={`pill status-pill st-${status}`} data-testid="status-pill">
      {t(runtimeKey('orders.status', status))}
    </span>
  );
}
