// Orders page: status and date filters, money per day, the order list, and the chosen order beside it.
import { useEffect } from 'react';
import { useTranslation } from '../../i18n/react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../stores/app';
import { ALL_STATUSES, useOrdersStore, type DailyTotals, type Period, type StatusFilter } from '../../stores/orders';
import { formatMoney } from '../catalog/money';
import { DateRange } from '../../components/DateRange';
import { OrderDetailPane } from './OrderDetail';
import { formatDate, formatDateTime } from './format';
import { runtimeKey } from '../../i18n/keys';

const PERIODS: Period[] = ['today', 'week', 'month', 'all', 'custom'];

export function OrdersScreen() {
  const { t } = useTranslation();
  const tz = useAppStore((s) => s.settings?.business.timeZone);
  const { items, next, loading, error, filter, totals, selectedId, today } = useOrdersStore(
    useShallow((s) => ({
      items: s.items,
      next: s.next,
      loading: s.loading,
      error: s.error,
      filter: s.filter,
      totals: s.totals,
      selectedId: s.selectedId,
      today: s.today,
    })),
  );
  const { load, loadMore, setFilter, select } = useOrdersStore.getState();

  useEffect(() => {
    void load();
  }, [load]);

  const periodLabel = (p: Period) => t(`orders.filter.${p === 'all' ? 'allTime' : p}`);
  return (
    <div className="page orders" data-testid="orders-screen">
      <header className="page-head orders-head">
        <h1>{t('orders.title')}</h1>
        <select
          value={filter.status}
          onChange={(e) => void setFilter({ status: e.target.value as StatusFilter })}
          data-testid="orders-status-filter"
        >
          <option value="open">{t('orders.filter.open')}</option>
          <option value="all">{t('orders.filter.all')}</option>
          {ALL_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`orders.status.${s}`)}
            </option>
          ))}
        </select>
        <div className="filters" role="group">
          {PERIODS.map((p) => (
            <button
              key={p}
              className={`chip ${filter.period === p ? 'on' : ''}`}
              onClick={() => void setFilter({ period: p, from: filter.from || today, to: filter.to || today })}
              data-testid={`orders-period-${p}`}
            >
              {periodLabel(p)}
            </button>
          ))}
        </div>
        {filter.period === 'custom' && (
          <DateRange
            from={filter.from}
            to={filter.to}
            onChange={(patch) => void setFilter(patch)}
            fromLabel={t('orders.filter.from')}
            toLabel={t('orders.filter.to')}
            testId="orders"
          />
        )}
        <input
          className="search orders-search"
          type="search"
          value={filter.query}
          onChange={(e) => void setFilter({ query: e.target.value })}
          placeholder={t('orders.filter.search')}
          data-testid="orders-search"
          dir="auto"
        />
      </header>
      {totals && <TotalsStrip totals={totals} today={today} />}
      <div className="orders-body">
        <div className="orders-list">
          {error && <p className="error-box">{error}</p>}
          {!loading && items.length === 0 && <p className="muted list-empty">{t('orders.empty')}</p>}
          {items.length > 0 && (
            <table className="data orders-table" data-testid="orders-table">
              <thead>
                <tr>
                  <th>{t('orders.col.number')}</th>
                  <th>{t('orders.col.date')}</th>
                  <th>{t('orders.col.customer')}</th>
                  <th>{t('orders.col.items')}</th>
                  <th className="num">{t('orders.col.total')}</th>
                  <th>{t('orders.col.status')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((o) => (
                  <tr
                    key={o.id}
                    className={`clickable ${o.id === selectedId ? 'selected' : ''}`}
                    onClick={() => void select(o.id)}
                    data-testid="order-row"
                    data-number={o.number ?? ''}
                    data-status={o.status}
                  >
                    <td className="mono">#{o.number}</td>
                    <td className="small nowrap">{o.placedAt ? formatDateTime(o.placedAt, tz) : ''}</td>
                    <td dir="auto">{o.customerName}</td>
                    <td className="small items-cell" dir="auto" title={o.itemsText}>
                      {o.itemsText}
                    </td>
                    <td className="num">{formatMoney(o.totalMinor, o.currency)}</td>
                    <td>
                      <StatusPill status={o.status} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {next && (
            <button className="btn small load-more" onClick={() => void loadMore()} disabled={loading}>
              {t('orders.loadMore')}
            </button>
          )}
        </div>
        <aside className="order-detail-pane">
          {selectedId ? <OrderDetailPane /> : <p className="muted pick-one">{t('orders.pickOne')}</p>}
        </aside>
      </div>
    </div>
  );
}

export function StatusPill({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <span className={`pill status-pill st-${status}`} data-testid="status-pill">
      {t(runtimeKey('orders.status', status))}
    </span>
  );
}

function TotalsStrip({ totals, today }: { totals: DailyTotals; today: string }) {
  const { t } = useTranslation();
  const max = Math.max(1, ...totals.days.map((d) => d.totalMinor));
  const days = totals.days.length > 31 ? totals.days.slice(-31) : totals.days;
  return (
    <section className="totals-strip" data-testid="daily-totals">
      <div className="totals-sum">
        <span className="muted small">{t('orders.totals.period')}</span>
        <strong data-testid="period-total">{formatMoney(totals.totalMinor, totals.currency)}</strong>
        <span className="muted small">{t('orders.totals.count', { count: totals.orders })}</span>
      </div>
      <div className="totals-days">
        {days.map((d) => (
          <div
            key={d.date}
            className={`day ${d.date === today ? 'today' : ''}`}
            title={
              d.orders
                ? t('orders.totals.sum', { count: d.orders, total: formatMoney(d.totalMinor, totals.currency) })
                : t('orders.totals.none')
            }
            data-testid="day-total"
            data-date={d.date}
          >
            <div className="bar-wrap">
              <div className="bar" style={{ height: `${Math.round((d.totalMinor / max) * 100)}%` }} />
            </div>
            <span className="day-money">{d.totalMinor ? formatMoney(d.totalMinor, totals.currency) : '·'}</span>
            <span className="day-label">{d.date === today ? t('orders.totals.today') : formatDate(d.date)}</span>
          </div>
        ))}
      </div>
    </section>
  );
}
