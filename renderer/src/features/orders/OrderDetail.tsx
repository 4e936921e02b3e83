// One order: customer (with a link to the chat), lines and totals, the next statuses with the message the customer
// would get (editable, or not sent at all), and the order's history.
import { useState } from 'react';
import { useTranslation } from '../../i18n/react';
import { call } from '../../api';
import { useAppStore } from '../../stores/app';
import { useInboxStore } from '../../stores/inbox';
import { useOrdersStore, type OrderDetail, type OrderStatus } from '../../stores/orders';
import { formatMoney } from '../catalog/money';
import { StatusPill } from './StatusPill';
import { formatDateTime } from './format';
import { runtimeKey } from '../../i18n/keys';
import { errorText, technicalText } from '../../i18n/errors';
import { languageName } from '../../components/format';

/** Opens the Inbox on a conversation, even one outside the loaded page of the list. */
export async function openConversation(conversationId: number): Promise<void> {
  const conv = await call('inbox.get', { conversationId });
  useInboxStore.getState().select(conversationId);
  useInboxStore.getState().upsert(conv);
  useAppStore.getState().go('inbox');
}

export function OrderDetailPane() {
  const detail = useOrdersStore((s) => s.detail);
  if (!detail) return null;
  return <OrderView key={detail.id} order={detail} />;
}

function OrderView({ order }: { order: OrderDetail }) {
  const { t } = useTranslation();
  const tz = useAppStore((s) => s.settings?.business.timeZone);
  const c = order.currency;
  return (
    <div className="order-detail" data-testid="order-detail">
      <div className="order-title">
        <h2 className="mono">#{order.number}</h2>
        <StatusPill status={order.status} />
        <span className="spacer" />
        {order.placedAt && <span className="muted small">{t('orders.detail.placed', { when: formatDateTime(order.placedAt, tz) })}</span>}
      </div>
      <div className="order-customer">
        <strong dir="auto">{order.customerName}</strong>
        {order.conversationId !== null && order.contactExists ? (
          <button className="link" onClick={() => void openConversation(order.conversationId!)} data-testid="order-open-conversation">
            💬 {t('orders.detail.openConversation')}
          </button>
        ) : (
          <span className="muted small">{t('orders.detail.contactGone')}</span>
        )}
      </div>
      <div className="order-facts small">
        <div>
          {order.fulfilment === 'delivery' ? t('orders.detail.delivery', { address: order.address }) : `${t('orders.detail.pickup')}`}
        </div>
        {order.wantedTime && <div dir="auto">{t('orders.detail.when', { time: order.wantedTime })}</div>}
        <div className="muted">{t('orders.detail.language', { lang: languageName(order.language) })}</div>
        {order.note && (
          <div dir="auto">
            {t('orders.detail.note')}: {order.note}
          </div>
        )}
      </div>
      <table className="data order-lines" data-testid="order-lines">
        <thead>
          <tr>
            <th>{t('orders.detail.item')}</th>
            <th className="num">{t('orders.detail.qty')}</th>
            <th className="num">{t('orders.detail.price')}</th>
            <th className="num">{t('orders.detail.sum')}</th>
          </tr>
        </thead>
        <tbody>
          {order.lines.map((l) => (
            <tr key={l.id} data-testid="order-line">
              <td>
                <span dir="auto">{l.name}</span>
                {l.options.length > 0 && <span className="muted small"> ({l.options.map((o) => o.value).join(', ')})</span>}
                {l.label && (
                  <div className="muted small" dir="auto">
                    “{l.label}”
                  </div>
                )}
              </td>
              <td className="num">
                {l.quantity} <span className="muted small">{l.unit}</span>
              </td>
              <td className="num">{formatMoney(l.unitPriceMinor, c)}</td>
              <td className="num">{formatMoney(l.lineTotalMinor, c)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          {order.deliveryMinor > 0 && (
            <>
              <tr>
                <td colSpan={3}>{t('orders.detail.subtotal')}</td>
                <td className="num">{formatMoney(order.subtotalMinor, c)}</td>
              </tr>
              <tr>
                <td colSpan={3}>{t('orders.detail.deliveryFee')}</td>
                <td className="num">{formatMoney(order.deliveryMinor, c)}</td>
              </tr>
            </>
          )}
          <tr className="total-row">
            <td colSpan={3}>{t('orders.detail.total')}</td>
            <td className="num" data-testid="order-total">
              {formatMoney(order.totalMinor, c)}
            </td>
          </tr>
        </tfoot>
      </table>
      <StatusActions order={order} />
      <h3>{t('orders.detail.history')}</h3>
      <ul className="order-history" data-testid="order-history">
        {order.events.map((e) => (
          <li key={e.id}>
            <span className="muted small">{formatDateTime(e.at, tz)}</span>{' '}
            {e.kind === 'status' && e.toStatus ? (
              <>
                {t('orders.event.status')}: {t(runtimeKey('orders.status', e.fromStatus))} → <b>{t(`orders.status.${e.toStatus}`)}</b>
              </>
            ) : (
              t(runtimeKey('orders.event', e.kind), { defaultValue: e.kind })
            )}{' '}
            <span className="muted small">({t(`orders.actor.${e.actor}`)})</span>
            {e.messageId !== null && e.kind === 'status' && <span className="ok small"> · ✉ {t('orders.detail.notified')}</span>}
            {e.note.startsWith('not notified') && <span className="field-error"> · {e.note}</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}

function StatusActions({ order }: { order: OrderDetail }) {
  const { t } = useTranslation();
  const setStatus = useOrdersStore((s) => s.setStatus);
  const [target, setTarget] = useState<OrderStatus | null>(null);
  const [text, setText] = useState('');
  const [original, setOriginal] = useState<string | null>(null);
  const [notify, setNotify] = useState(true);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);

  async function choose(status: OrderStatus) {
    setResult(null);
    const r = await call('orders.statusMessage', { orderId: order.id, status });
    setTarget(status);
    setOriginal(r.text);
    setText(r.text ?? '');
    setNotify(r.text !== null && r.notifyByDefault);
  }

  async function apply() {
    if (!target) return;
    setBusy(true);
    try {
      const r = await setStatus(order.id, target, notify && original !== null, notify && text !== original ? text : undefined);
      setResult(
        r.notifyError
          ? {
              ok: false,
              message: t('orders.detail.notNotified', { error: technicalText(r.notifyError) ?? t('errors.code.channel_unavailable') }),
            }
          : r.notified
            ? { ok: true, message: t('orders.detail.sentOk') }
            : null,
      );
      setTarget(null);
    } catch (err) {
      setResult({ ok: false, message: errorText(err) });
    } finally {
      setBusy(false);
    }
  }

  if (order.next.length === 0) return <p className="muted small">{t('orders.detail.final')}</p>;
  return (
    <div className="status-actions">
      <div className="status-buttons">
        <span className="muted small">{t('orders.detail.next')}:</span>
        {order.next.map((s) => (
          <button
            key={s}
            className={`btn small ${s === 'cancelled' ? 'danger' : target === s ? 'primary' : ''}`}
            onClick={() => void choose(s)}
            data-testid={`order-move-${s}`}
          >
            {t(runtimeKey('orders.move', s))}
          </button>
        ))}
      </div>
      {target && (
        <div className="status-confirm card" data-testid="status-confirm">
          <div>
            <b>{t(`orders.status.${order.status}`)}</b> → <b>{t(`orders.status.${target}`)}</b>
          </div>
          {original === null ? (
            <p className="muted small">{t('orders.detail.notifyNone')}</p>
          ) : (
            <>
              <label className="check">
                <input type="checkbox" checked={notify} onChange={(e) => setNotify(e.target.checked)} data-testid="status-notify" />
                {t('orders.detail.notify')}
              </label>
              {notify && <textarea rows={3} value={text} onChange={(e) => setText(e.target.value)} dir="auto" data-testid="status-text" />}
            </>
          )}
          <div className="row-actions">
            <button className="btn small" onClick={() => setTarget(null)}>
              {t('common.cancel')}
            </button>
            <button
              className="btn small primary"
              onClick={() => void apply()}
              disabled={busy || (notify && original !== null && !text.trim())}
              data-testid="status-apply"
            >
              {t('orders.detail.apply')}
            </button>
          </div>
        </div>
      )}
      {result && (
        <p className={result.ok ? 'ok small' : 'error-box small'} data-testid="status-result">
          {result.message}
        </p>
      )}
    </div>
  );
}
