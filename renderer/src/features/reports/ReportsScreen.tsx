// Reports page: period picker (shop's time zone), then each section with the previous period beside every figure.
// Loaded on demand (see ReportsEntry.tsx) so the chart library never delays the inbox.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { useReportsStore, type Preset } from '../../stores/reports';
import { AssistantSection, CustomersSection, RemindersSection, ResolutionSection, SalesSection, SpeedSection } from './sections';
import { DateRange } from '../../components/DateRange';
import './reports.css';

const PRESETS: Preset[] = ['today', '7d', '30d', 'custom'];

export default function ReportsScreen() {
  const { t } = useTranslation();
  const s = useReportsStore(
    useShallow((x) => ({
      preset: x.preset,
      from: x.from,
      to: x.to,
      loading: x.loading,
      errors: x.errors,
      conversations: x.conversations,
      assistant: x.assistant,
      sales: x.sales,
      reminders: x.reminders,
      customers: x.customers,
    })),
  );
  const { load, setPeriod } = useReportsStore.getState();
  useEffect(() => {
    void load();
  }, [load]);

  const info = s.conversations ?? s.sales;
  const errors = Object.values(s.errors);
  return (
    <div className="page reports" data-testid="reports-screen">
      <header className="page-head reports-head">
        <h1>{t('reports.title')}</h1>
        <div className="filters" role="group">
          {PRESETS.map((p) => (
            <button
              key={p}
              className={`chip ${s.preset === p ? 'on' : ''}`}
              onClick={() => void setPeriod({ preset: p })}
              data-testid={`reports-period-${p}`}
            >
              {t(`reports.period.${p}`)}
            </button>
          ))}
        </div>
        {s.preset === 'custom' && (
          <DateRange
            from={s.from}
            to={s.to}
            onChange={(patch) => void setPeriod(patch)}
            fromLabel={t('reports.from')}
            toLabel={t('reports.to')}
            testId="reports"
          />
        )}
        {s.loading && <span className="muted">{t('reports.loading')}</span>}
        <span className="spacer" />
        <button className="btn reports-print" onClick={() => window.print()} data-testid="reports-print">
          🖨 {t('reports.print')}
        </button>
      </header>
      <div className="page-body reports-body">
        {info && (
          <p className="muted reports-period" data-testid="reports-period">
            <strong>{t('reports.range', { from: info.period.fromDate, to: info.period.toDate })}</strong>
            {' · '}
            {t('reports.compared', { from: info.previous.fromDate, to: info.previous.toDate, tz: info.timeZone })}
          </p>
        )}
        {s.preset === 'custom' && (!s.from || !s.to) && <p className="muted">{t('reports.pickDates')}</p>}
        {s.conversations?.preparing && (
          <div className="card reports-preparing" data-testid="reports-preparing">
            {t('reports.preparing', {
              done: s.conversations.preparing.done.toLocaleString(),
              total: s.conversations.preparing.total.toLocaleString(),
            })}
          </div>
        )}
        {errors.length > 0 && <div className="error-box">{[...new Set(errors)].join('\n')}</div>}
        {s.conversations && <SpeedSection r={s.conversations} />}
        {s.conversations && <ResolutionSection r={s.conversations} />}
        {s.assistant && <AssistantSection r={s.assistant} />}
        {s.sales && <SalesSection r={s.sales} />}
        {s.reminders && <RemindersSection r={s.reminders} />}
        {s.customers && <CustomersSection r={s.customers} />}
      </div>
    </div>
  );
}
