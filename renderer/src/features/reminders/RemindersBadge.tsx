// Navigation badge: how many reminders were missed (Lavka was closed when they were due) and wait for the owner.
import { useEffect } from 'react';
import { useTranslation } from '../../i18n/react';
import { useRemindersStore } from '../../stores/reminders';

export function RemindersBadge() {
  const { t } = useTranslation();
  const missed = useRemindersStore((s) => s.counts.missed);
  const loadCounts = useRemindersStore((s) => s.loadCounts);
  useEffect(() => {
    void loadCounts();
  }, [loadCounts]);
  if (missed === 0) return null;
  return (
    <span
      className="nav-count reminders-missed-count"
      title={t('reminders.missedBanner', { count: missed })}
      data-testid="reminders-missed-count"
    >
      {missed}
    </span>
  );
}
