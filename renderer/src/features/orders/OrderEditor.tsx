// The owner writes or fixes a conversation's order by hand: exact products from the catalog, quantities, option
// choices, pickup or delivery. Saving prices it in the core and leaves the summary waiting in the card to be sent.
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from '../../i18n/react';
import { call } from '../../api';
import { useAppStore } from '../../stores/app';
import { useInboxStore } from '../../stores/inbox';
import { useOrdersStore, type ChatState } from '../../stores/orders';
import type { Product } from '../../stores/catalog';
import { Field } from '../settings/fields';
import { formatMoney } from '../catalog/money';
import { errorText } from '../../i18n/errors';

interface Line {
  productId: number;
  quantity: number;
  options: Record<string, string>;
}

export function OrderEditor({
  conversationId,
  draft,
  onClose,
}: {
  conversationId: number;
  draft: ChatState['draft'];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const currency = useAppStore((s) => s.settings?.business.currency ?? 'EUR');
  const customer = useInboxStore((s) => s.items.find((c) => c.id === conversationId)?.contactName ?? '');
  const saveDraft = useOrdersStore((s) => s.saveDraft);
  const [products, setProducts] = useState<Product[]>([]);
  const [query, setQuery] = useState('');
  const [lines, setLines] = useState<Line[]>(
    (draft?.lines ?? [])
      .filter((l) => l.productId !== null)
      .map((l) => ({
        productId: l.productId!,
        quantity: l.quantity,
        options: Object.fromEntries(l.options.map((o) => [o.group, o.value])),
      })),
  );
  const [fulfilment, setFulfilment] = useState<'pickup' | 'delivery'>(draft?.fulfilment ?? 'pickup');
  const [address, setAddress] = useState(draft?.address ?? '');
  const [wantedTime, setWantedTime] = useState(draft?.wantedTime ?? '');
  const [note, setNote] = useState(draft?.note ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void call('catalog.list', { limit: 2000 })
      .then(setProducts)
      .catch((err: unknown) => setError(errorText(err)));
  }, []);

  const byId = useMemo(() => new Map(products.map((p) => [p.id, p])), [products]);
  const found = useMemo(() => {
    const q = query.trim().toLowerCase();
    if (!q) return [];
    return products.filter((p) => [p.name, p.sku, ...p.synonyms].some((n) => n.toLowerCase().includes(q))).slice(0, 8);
  }, [products, query]);

  const unitPrice = (l: Line) => {
    const p = byId.get(l.productId);
    if (!p) return 0;
    return p.priceMinor + p.options.reduce((s, g) => s + (g.values.find((v) => v.value === l.options[g.name])?.priceDeltaMinor ?? 0), 0);
  };
  const total = lines.reduce((s, l) => s + unitPrice(l) * l.quantity, 0);

  function add(p: Product) {
    setLines([
      ...lines,
      {
        productId: p.id,
        quantity: 1,
        options: Object.fromEntries(p.options.filter((g) => g.values.length === 1).map((g) => [g.name, g.values[0].value])),
      },
    ]);
    setQuery('');
  }

  async function save() {
    setBusy(true);
    setError(null);
    try {
      await saveDraft({ conversationId, lines, fulfilment, address, wantedTime, note });
      onClose();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div className="modal order-editor" data-testid="order-editor">
        <h2 dir="auto">{t('orders.editor.title', { name: customer })}</h2>
        <div className="editor-search">
          <input
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            placeholder={t('orders.editor.search')}
            dir="auto"
            data-testid="editor-search"
            autoFocus
          />
          {query.trim() && (
            <ul className="editor-results">
              {found.length === 0 && <li className="muted small">{t('orders.editor.noProducts')}</li>}
              {found.map((p) => (
                <li key={p.id}>
                  <button className="link" onClick={() => add(p)} data-testid="editor-result">
                    <span dir="auto">{p.name}</span> <span className="muted">{formatMoney(p.priceMinor, currency)}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
        {lines.length === 0 && <p className="muted small">{t('orders.editor.empty')}</p>}
        <table className="data editor-lines">
          <tbody>
            {lines.map((l, i) => {
              const p = byId.get(l.productId);
              return (
                <tr key={i} data-testid="editor-line">
                  <td dir="auto">{p?.name ?? `#${l.productId}`}</td>
                  <td>
                    {p?.options.map((g) => (
                      <select
                        key={g.name}
                        value={l.options[g.name] ?? ''}
                        onChange={(e) =>
                          setLines(lines.map((x, k) => (k === i ? { ...x, options: { ...x.options, [g.name]: e.target.value } } : x)))
                        }
                        aria-label={g.name}
                      >
                        <option value="">
                          {g.name}: {t('orders.editor.choose')}
                        </option>
                        {g.values.map((v) => (
                          <option key={v.value} value={v.value}>
                            {v.value}
                            {v.priceDeltaMinor ? ` (+${formatMoney(v.priceDeltaMinor, currency)})` : ''}
                          </option>
                        ))}
                      </select>
                    ))}
                  </td>
                  <td>
                    <input
                      type="number"
                      min={1}
                      max={10000}
                      value={l.quantity}
                      className="qty"
                      onChange={(e) =>
                        setLines(
                          lines.map((x, k) =>
                            k === i ? { ...x, quantity: Math.max(1, Math.min(10000, Math.floor(Number(e.target.value) || 1))) } : x,
                          ),
                        )
                      }
                      data-testid="editor-qty"
                    />
                  </td>
                  <td className="num">{formatMoney(unitPrice(l) * l.quantity, currency)}</td>
                  <td>
                    <button
                      className="link"
                      onClick={() => setLines(lines.filter((_, k) => k !== i))}
                      aria-label={t('orders.editor.remove')}
                    >
                      ✕
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
          {lines.length > 0 && (
            <tfoot>
              <tr className="total-row">
                <td colSpan={3}>{t('orders.detail.total')}</td>
                <td className="num">{formatMoney(total, currency)}</td>
                <td />
              </tr>
            </tfoot>
          )}
        </table>
        <div className="filters">
          <button className={`chip ${fulfilment === 'pickup' ? 'on' : ''}`} onClick={() => setFulfilment('pickup')}>
            {t('orders.editor.pickup')}
          </button>
          <button className={`chip ${fulfilment === 'delivery' ? 'on' : ''}`} onClick={() => setFulfilment('delivery')}>
            {t('orders.editor.delivery')}
          </button>
        </div>
        {fulfilment === 'delivery' && (
          <Field label={t('orders.editor.address')}>
            <input value={address} onChange={(e) => setAddress(e.target.value)} maxLength={300} dir="auto" />
          </Field>
        )}
        <div className="grid2">
          <Field label={t('orders.editor.when')}>
            <input value={wantedTime} onChange={(e) => setWantedTime(e.target.value)} maxLength={120} dir="auto" />
          </Field>
          <Field label={t('orders.editor.note')}>
            <input value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} dir="auto" />
          </Field>
        </div>
        {error && <p className="error-box">{error}</p>}
        <div className="modal-actions">
          <button className="btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button className="btn primary" disabled={busy || lines.length === 0} onClick={() => void save()} data-testid="editor-save">
            {t('orders.editor.save')}
          </button>
        </div>
      </div>
    </div>
  );
}
