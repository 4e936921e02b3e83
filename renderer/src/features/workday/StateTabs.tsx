// Inbox tabs by conversation state (with counts) and the label filter, above the conversation list.
import { useEffect } from 'react';
import { useTranslation } from '../../i18n/react';
import { useInboxStore } from '../../stores/inbox';
import { useWorkdayStore } from '../../stores/workday';
import { InboxShortcuts } from './shortcuts';
import { AlertsControls } from './alerts';

const VIEWS = ['active', 'open', 'waiting', 'snoozed', 'resolved'] as const;

export function StateTabs() {
  const { t } = useTranslation();
  const filter = useInboxStore((s) => s.filter);
  const setFilter = useInboxStore((s) => s.setFilter);
  const counts = useWorkdayStore((s) => s.counts);
  const labels = useWorkdayStore((s) => s.labels);
  const load = useWorkdayStore((s) => s.load);

  useEffect(() => {
    void load();
  }, [load]);

  const countOf = (v: (typeof VIEWS)[number]) => (counts ? (v === 'active' ? counts.open + counts.waiting : counts[v]) : null);
  return (
    <div className="state-tabs-row">
      <div className="state-tabs" role="tablist" aria-label={t('workday.tabsLabel')}>
        {VIEWS.map((v) => {
          const n = countOf(v);
          return (
            <button
              key={v}
              role="tab"
              aria-selected={filter.state === v}
              className={`state-tab ${filter.state === v ? 'on' : ''}`}
              onClick={() => void setFilter({ state: filter.state === v && v !== 'active' ? 'active' : v })}
              title={t(`workday.tabHint.${v}`)}
              data-testid={`state-tab-${v}`}
            >
              {t(`workday.tabs.${v}`)}
              {n !== null && (
                <span className="tab-count" data-testid={`state-count-${v}`}>
                  {n}
                </span>
              )}
            </button>
          );
        })}
      </div>
      {labels.length > 0 && (
        <select
          className="label-filter"
          value={filter.label ?? ''}
          onChange={(e) => void setFilter({ label: e.target.value ? Number(e.target.value) : null })}
          aria-label={t('workday.labels')}
          data-testid="label-filter"
        >
          <option value="">{t('workday.allLabels')}</option>
          {labels.map((l) => (
            <option key={l.id} value={l.id}>
              {l.name} ({l.conversations})
            </option>
          ))}
        </select>
      )}
      <InboxShortcuts />
      <AlertsControls />
    </div>
  );
}
