// Contact panel section: the customer's recent orders with status and total; a click opens the order.
import { useEffect } from 'react';
import { useTranslation } from '../../i18n/react';
import { useAppStore } from '../../stores/app';
import { useOrdersStore } from '../../stores/orders';
import { formatMoney } from '../catalog/money';
import { StatusPill } from './StatusPill';
import { formatShortDate } from './format';

export function ContactOrdersSection({ contactId }: { contactId: number }) {
  const { t } = useTranslation();
  const tz = useAppStore((s) => s.settings?.business.timeZone);
  const go = useAppStore((s) => s.go);
  const list = useOrdersStore((s) => s.byContact[contactId]);
  const { loadForContact, select, setFilter } = useOrdersStore.getState();

  useEffect(() => {
    void loadForContact(contactId).catch(() => {});
  }, [contactId, loadForContact]);

  const open = (id: number) => {
    go('orders');
    void select(id);
  };
  return (
    <section className="contact-orders" data-testid="contact-orders">
      <h3>{t('orders.panel.title')}</h3>
      {list && list.length === 0 && <p className="muted small">{t('orders.panel.none')}</p>}
      <ul className="mini-orders">
        {list?.slice(0, 5).map((o) => (
          <li key={o.id}>
            <button className="mini-order" onClick={() => open(o.id)} data-testid="contact-order">
              <span className="mono">#{o.number}</span>
              <span className="muted small">{o.placedAt ? formatShortDate(o.placedAt, tz) : ''}</span>
              <span className="spacer" />
              <span className="small">{formatMoney(o.totalMinor, o.currency)}</span>
              <StatusPill status={o.status} />
            </button>
          </li>
        ))}
      </ul>
      {list && list.length > 5 && (
        <button
          className="link"
          onClick={() => {
            go('orders');
            void setFilter({ status: 'all', period: 'all', query: list[0].customerName });
          }}
        >
          {t('orders.panel.more')}
        </button>
      )}
    </section>
  );
}
