// The conversation header's order button and the draft-order card under it: what the customer asked for as priced
// lines, what is still unclear, and the message that waits for the owner (Suggest mode) — send, edit or drop it.
import { useEffect, useState } from 'react';
import { useTranslation } from '../../i18n/react';
import { useAppStore } from '../../stores/app';
import { useOrdersStore, type ChatState } from '../../stores/orders';
import { formatMoney } from '../catalog/money';
import { OrderEditor } from './OrderEditor';
import { StatusPill } from './StatusPill';
import { errorText } from '../../i18n/errors';

type Draft = NonNullable<ChatState['draft']>;
type Issue = Draft['issues'][number];

export function OrderButton({ conversationId }: { conversationId: number }) {
  const { t } = useTranslation();
  const state = useOrdersStore((s) => s.chat[conversationId]);
  const loadChat = useOrdersStore((s) => s.loadChat);
  const [open, setOpen] = useState(false);
  const [editing, setEditing] = useState(false);
  const waitingKey = state
    ? [
        state.draft?.pendingText ? `d${state.draft.id}:${state.draft.updatedAt}` : '',
        ...state.pending.map((p) => `p${p.id}:${p.updatedAt}`),
      ].join('|')
    : '';
  const [seen, setSeen] = useState('');

  useEffect(() => {
    void loadChat(conversationId);
  }, [conversationId, loadChat]);

  // Something new waits for the owner: open the card without a click (it stays open until closed).
  const waiting = waitingKey.replace(/\|/g, '') !== '';
  useEffect(() => {
    if (waiting && seen !== waitingKey) {
      setOpen(true);
      setSeen(waitingKey);
    }
  }, [waiting, waitingKey, seen]);
  const show = open;
  const label = waiting ? t('orders.chat.buttonWaiting') : state?.draft ? t('orders.chat.buttonDraft') : t('orders.chat.button');
  return (
    <div className="order-tools">
      <button
        className={`btn small ${waiting ? 'attention' : ''}`}
        onClick={() => setOpen(!open)}
        data-testid="order-button"
        aria-expanded={show}
      >
        🧾 {label}
      </button>
      {show && state && (
        <OrderCard conversationId={conversationId} state={state} onEdit={() => setEditing(true)} onClose={() => setOpen(false)} />
      )}
      {editing && <OrderEditor conversationId={conversationId} draft={state?.draft ?? null} onClose={() => setEditing(false)} />}
    </div>
  );
}

function OrderCard({
  conversationId,
  state,
  onEdit,
  onClose,
}: {
  conversationId: number;
  state: ChatState;
  onEdit: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const go = useAppStore((s) => s.go);
  const { discardDraft, place, select } = useOrdersStore.getState();
  const [error, setError] = useState<string | null>(null);
  const d = state.draft;
  const placedWaiting = state.pending.filter((p) => p.status !== 'draft');

  const run = async (fn: () => Promise<unknown>) => {
    setError(null);
    try {
      await fn();
    } catch (err) {
      setError(errorText(err));
    }
  };

  return (
    <div className="order-card card" data-testid="order-card" role="dialog" aria-label={t('orders.chat.title')}>
      <div className="order-card-head">
        <h3>{d ? t('orders.chat.draftTitle') : t('orders.chat.title')}</h3>
        <button className="link" onClick={onClose} aria-label={t('common.close')}>
          ✕
        </button>
      </div>
      {d && (
        <>
          {d.lines.length > 0 && (
            <ul className="card-lines" data-testid="draft-lines">
              {d.lines.map((l) => (
                <li key={l.id}>
                  <span>
                    {l.quantity} × <span dir="auto">{l.name}</span>
                    {l.options.length > 0 && <span className="muted"> ({l.options.map((o) => o.value).join(', ')})</span>}
                  </span>
                  <span className="num">{formatMoney(l.lineTotalMinor, d.currency)}</span>
                </li>
              ))}
              {d.deliveryMinor > 0 && (
                <li className="muted">
                  <span>{t('orders.detail.deliveryFee')}</span>
                  <span className="num">{formatMoney(d.deliveryMinor, d.currency)}</span>
                </li>
              )}
              <li className="card-total">
                <span>{t('orders.detail.total')}</span>
                <span className="num" data-testid="draft-total">
                  {formatMoney(d.totalMinor, d.currency)}
                </span>
              </li>
            </ul>
          )}
          <div className="small muted">
            {d.fulfilment === 'delivery' ? t('orders.detail.delivery', { address: d.address || '—' }) : t('orders.detail.pickup')}
            {d.wantedTime && (
              <>
                {' '}
                · <span dir="auto">{d.wantedTime}</span>
              </>
            )}
          </div>
          {d.issues.length > 0 && (
            <div className="card-issues" data-testid="draft-issues">
              <b className="small">{t('orders.chat.questions')}</b>
              <ul>
                {d.issues.map((i, k) => (
                  <li key={k} dir="auto">
                    {issueText(t, i)}
                  </li>
                ))}
              </ul>
            </div>
          )}
          {d.pendingText ? (
            <Pending orderId={d.id} conversationId={conversationId} text={d.pendingText} title={t('orders.chat.waiting')} />
          ) : d.quotedAt ? (
            <p className="small ok">✓ {t('orders.chat.sent')}</p>
          ) : d.stage === 'question' ? (
            <p className="small muted">{t('orders.chat.asked')}</p>
          ) : null}
          <div className="row-actions">
            <button className="btn small" onClick={onEdit} data-testid="draft-edit">
              {t('orders.chat.editOrder')}
            </button>
            {d.issues.length === 0 && d.lines.length > 0 && (
              <button
                className="btn small"
                title={t('orders.chat.placeHint')}
                onClick={() => void run(() => place(d.id, conversationId, true))}
                data-testid="draft-place"
              >
                {t('orders.chat.placeNow')}
              </button>
            )}
            <button
              className="btn small danger"
              onClick={() => window.confirm(t('orders.chat.confirmDiscard')) && void run(() => discardDraft(d.id, conversationId))}
              data-testid="draft-discard"
            >
              {t('orders.chat.discard')}
            </button>
          </div>
        </>
      )}
      {placedWaiting.map((p) => (
        <Pending
          key={p.id}
          orderId={p.id}
          conversationId={conversationId}
          text={p.pendingText ?? ''}
          title={t('orders.chat.waitingPlaced', { number: p.number })}
        />
      ))}
      {!d && (
        <>
          {state.latest ? (
            <div className="card-latest small">
              <span>
                {t('orders.chat.latest', {
                  number: state.latest.number,
                  total: formatMoney(state.latest.totalMinor, state.latest.currency),
                })}
              </span>
              <StatusPill status={state.latest.status} />
              <button
                className="link"
                onClick={() => {
                  go('orders');
                  void select(state.latest!.id);
                }}
                data-testid="card-open-order"
              >
                {t('orders.chat.openOrders')}
              </button>
            </div>
          ) : (
            placedWaiting.length === 0 && <p className="muted small">{t('orders.chat.none')}</p>
          )}
          <button className="btn small" onClick={onEdit} data-testid="order-new">
            + {t('orders.chat.newOrder')}
          </button>
        </>
      )}
      {error && <p className="error-box small">{error}</p>}
    </div>
  );
}

function Pending({ orderId, conversationId, text, title }: { orderId: number; conversationId: number; text: string; title: string }) {
  const { t } = useTranslation();
  const { sendPending, dismissPending } = useOrdersStore.getState();
  const [value, setValue] = useState(text);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const act = async (fn: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="pending" data-testid="order-pending">
      <div className="small">{title}</div>
      <textarea
        rows={Math.min(12, value.split('\n').length + 1)}
        value={value}
        onChange={(e) => setValue(e.target.value)}
        dir="auto"
        data-testid="pending-text"
      />
      <div className="row-actions">
        <button className="btn small" disabled={busy} onClick={() => void act(() => dismissPending(orderId, conversationId))}>
          {t('orders.chat.dismiss')}
        </button>
        <button
          className="btn small primary"
          disabled={busy || !value.trim()}
          onClick={() => void act(() => sendPending(orderId, conversationId, value !== text ? value : undefined))}
          data-testid="pending-send"
        >
          {t('orders.chat.send')}
        </button>
      </div>
      {error && <p className="error-box small">{error}</p>}
    </div>
  );
}

type T = ReturnType<typeof useTranslation>['t'];

export function issueText(t: T, i: Issue): string {
  switch (i.kind) {
    case 'ambiguous':
      return t('orders.issue.ambiguous', { text: i.text, names: i.candidates.join(', ') });
    case 'unknown':
    case 'option_unknown':
      return t(`orders.issue.${i.kind}`, { text: i.text, product: 'product' in i ? i.product : '' });
    case 'option_missing':
      return t('orders.issue.option_missing', { product: i.product, group: i.group });
    case 'low_stock':
      return t('orders.issue.low_stock', { product: i.product, left: i.left, wanted: i.wanted });
    case 'quantity_too_large':
      return t('orders.issue.quantity_too_large', { product: i.product, quantity: i.quantity, max: i.max });
    case 'sold_out':
    case 'quantity_invalid':
    case 'gone':
      return t(`orders.issue.${i.kind}`, { product: i.product });
    default:
      return t(`orders.issue.${i.kind}`);
  }
}
