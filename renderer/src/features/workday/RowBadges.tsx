// What a conversation row shows about the owner's working day: pin, labels, and a state other than open.
import type { UiT } from '../../i18n/react';
import type { ConversationSummary } from '../../stores/inbox';
import { useWorkdayStore } from '../../stores/workday';
import { formatListTime } from '../../components/format';

/** `t` comes from the list (see ConversationList's Row: no translation hook per row). */
export function RowBadges({ c, t, timeZone }: { c: ConversationSummary; t: UiT; timeZone?: string }) {
  const labels = useWorkdayStore((s) => s.labels);
  const mine = labels.filter((l) => c.labelIds.includes(l.id));
  const state =
    c.state === 'snoozed' && c.snoozedUntil !== null
      ? t('workday.rowState.snoozed', { time: formatListTime(c.snoozedUntil, timeZone) })
      : c.state === 'waiting' || c.state === 'resolved'
        ? t(`workday.rowState.${c.state}`)
        : null;
  if (!c.pinned && mine.length === 0 && !state) return null;
  return (
    <span className="row-badges" data-testid="row-badges">
      {c.pinned && (
        <span className="row-pin" title={t('workday.pinned')} aria-label={t('workday.pinned')}>
          📌
        </span>
      )}
      {state && (
        <span className={`row-state row-state-${c.state}`} data-testid="row-state">
          {state}
        </span>
      )}
      {mine.map((l) => (
        <span key={l.id} className="label-chip" translate="no" style={{ ['--label' as string]: l.color }} data-testid="row-label">
          {l.name}
        </span>
      ))}
    </span>
  );
}
