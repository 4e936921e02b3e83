// Add or edit a product: name, SKU, category, price, unit, stock, availability, other names, options with
// extra prices, and a photo (shrunk in the browser before it is saved).
import { useState } from 'react';
import { useTranslation } from '../../i18n/react';
import { useAppStore } from '../../stores/app';
import { useCatalogStore, type Product, type ProductInput } from '../../stores/catalog';
import { Field } from '../settings/fields';
import { parseAmount, toAmount } from './money';
import { errorText } from '../../i18n/errors';

interface OptionRow {
  name: string;
  values: { value: string; delta: string }[];
}

const PHOTO_MAX_PX = 480;

export function ProductDialog({ product, onClose }: { product: Product | null; onClose: () => void }) {
  const { t } = useTranslation();
  const currency = useAppStore((s) => s.settings?.business.currency ?? 'EUR');
  const categories = useCatalogStore((s) => s.categories);
  const save = useCatalogStore((s) => s.save);
  const [name, setName] = useState(product?.name ?? '');
  const [sku, setSku] = useState(product?.sku ?? '');
  const [category, setCategory] = useState(product?.category ?? '');
  const [price, setPrice] = useState(product ? toAmount(product.priceMinor, currency) : '');
  const [unit, setUnit] = useState(product?.unit ?? 'pcs');
  const [stock, setStock] = useState(product?.stock === null || product?.stock === undefined ? '' : String(product.stock));
  const [available, setAvailable] = useState(product?.available ?? true);
  const [description, setDescription] = useState(product?.description ?? '');
  const [synonyms, setSynonyms] = useState((product?.synonyms ?? []).join('\n'));
  const [options, setOptions] = useState<OptionRow[]>(
    (product?.options ?? []).map((g) => ({
      name: g.name,
      values: g.values.map((v) => ({ value: v.value, delta: v.priceDeltaMinor ? toAmount(v.priceDeltaMinor, currency) : '' })),
    })),
  );
  const [photo, setPhoto] = useState<string | null>(product?.photo ?? null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const priceMinor = parseAmount(price, currency);
  const stockValue = stock.trim() === '' ? null : /^\d+$/.test(stock.trim()) ? Number(stock.trim()) : undefined;
  const badDelta = options.some((g) => g.values.some((v) => v.delta.trim() !== '' && parseAmount(v.delta, currency, true) === null));

  async function submit() {
    if (priceMinor === null || stockValue === undefined || badDelta) return;
    const input: ProductInput = {
      name,
      sku,
      category,
      priceMinor,
      unit: unit.trim() || 'pcs',
      stock: stockValue,
      available,
      description,
      synonyms: synonyms
        .split('\n')
        .map((s) => s.trim())
        .filter(Boolean),
      options: options
        .filter((g) => g.name.trim() || g.values.some((v) => v.value.trim()))
        .map((g) => ({
          name: g.name,
          values: g.values
            .filter((v) => v.value.trim())
            .map((v) => ({ value: v.value, priceDeltaMinor: v.delta.trim() ? (parseAmount(v.delta, currency, true) ?? 0) : 0 })),
        })),
      photo,
    };
    setBusy(true);
    setError(null);
    try {
      await save(product?.id ?? null, input);
      onClose();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  async function pickPhoto(file: File | undefined) {
    if (!file) return;
    try {
      setPhoto(await shrinkPicture(file));
      setError(null);
    } catch {
      setError(t('catalog.form.photoError'));
    }
  }

  const setGroup = (i: number, g: OptionRow) => setOptions(options.map((x, k) => (k === i ? g : x)));

  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <form
        className="modal product-dialog"
        data-testid="product-dialog"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <h2>{product ? t('catalog.form.editTitle') : t('catalog.form.addTitle')}</h2>
        <div className="product-top">
          <div className="photo-box">
            {photo ? (
              <img src={photo} alt="" className="photo-preview" />
            ) : (
              <div className="photo-preview empty">{name.trim().charAt(0).toUpperCase() || '?'}</div>
            )}
            <label className="btn small">
              {t('catalog.form.choosePhoto')}
              <input
                type="file"
                accept="image/png,image/jpeg,image/webp,image/gif"
                hidden
                onChange={(e) => void pickPhoto(e.target.files?.[0])}
              />
            </label>
            {photo && (
              <button type="button" className="link" onClick={() => setPhoto(null)}>
                {t('catalog.form.removePhoto')}
              </button>
            )}
          </div>
          <div className="product-main">
            <Field label={t('catalog.form.name')}>
              <input
                value={name}
                onChange={(e) => setName(e.target.value)}
                maxLength={200}
                required
                dir="auto"
                data-testid="product-name"
                autoFocus
              />
            </Field>
            <div className="grid3">
              <Field label={t('catalog.form.price', { currency })} error={price && priceMinor === null ? t('catalog.form.badPrice') : null}>
                <input
                  value={price}
                  onChange={(e) => setPrice(e.target.value)}
                  inputMode="decimal"
                  required
                  data-testid="product-price-input"
                />
              </Field>
              <Field label={t('catalog.form.unit')} hint={t('catalog.form.unitHint')}>
                <input value={unit} onChange={(e) => setUnit(e.target.value)} maxLength={20} />
              </Field>
              <Field
                label={t('catalog.form.stock')}
                hint={t('catalog.form.stockHint')}
                error={stockValue === undefined ? t('catalog.form.badStock') : null}
              >
                <input value={stock} onChange={(e) => setStock(e.target.value)} inputMode="numeric" data-testid="product-stock" />
              </Field>
            </div>
            <div className="grid3">
              <Field label={t('catalog.form.sku')} hint={t('catalog.form.skuHint')}>
                <input value={sku} onChange={(e) => setSku(e.target.value)} maxLength={64} data-testid="product-sku" />
              </Field>
              <Field label={t('catalog.form.category')}>
                <input value={category} onChange={(e) => setCategory(e.target.value)} maxLength={80} list="catalog-categories" dir="auto" />
              </Field>
              <label className="check available-check">
                <input type="checkbox" checked={available} onChange={(e) => setAvailable(e.target.checked)} />
                {t('catalog.form.available')}
              </label>
            </div>
            <datalist id="catalog-categories">
              {categories.map((c) => (
                <option key={c} value={c} />
              ))}
            </datalist>
          </div>
        </div>
        <Field label={t('catalog.form.synonyms')} hint={t('catalog.form.synonymsHint')}>
          <textarea rows={3} value={synonyms} onChange={(e) => setSynonyms(e.target.value)} dir="auto" data-testid="product-synonyms" />
        </Field>
        <Field label={t('catalog.form.description')}>
          <textarea rows={2} value={description} onChange={(e) => setDescription(e.target.value)} maxLength={2000} dir="auto" />
        </Field>
        <div className="field">
          <span className="field-label">{t('catalog.form.options')}</span>
          <span className="field-hint">{t('catalog.form.optionsHint')}</span>
          {options.map((g, gi) => (
            <div className="option-group" key={gi}>
              <div className="option-head">
                <input
                  value={g.name}
                  placeholder={t('catalog.form.optionName')}
                  onChange={(e) => setGroup(gi, { ...g, name: e.target.value })}
                  maxLength={60}
                />
                <button type="button" className="link danger" onClick={() => setOptions(options.filter((_, k) => k !== gi))}>
                  {t('catalog.form.remove')}
                </button>
              </div>
              {g.values.map((v, vi) => (
                <div className="option-value" key={vi}>
                  <input
                    value={v.value}
                    placeholder={t('catalog.form.value')}
                    maxLength={60}
                    onChange={(e) =>
                      setGroup(gi, { ...g, values: g.values.map((x, k) => (k === vi ? { ...x, value: e.target.value } : x)) })
                    }
                  />
                  <input
                    className={v.delta.trim() && parseAmount(v.delta, currency, true) === null ? 'invalid' : ''}
                    value={v.delta}
                    placeholder={`${t('catalog.form.delta')} (+0.80)`}
                    inputMode="decimal"
                    onChange={(e) =>
                      setGroup(gi, { ...g, values: g.values.map((x, k) => (k === vi ? { ...x, delta: e.target.value } : x)) })
                    }
                  />
                  <button
                    type="button"
                    className="link"
                    aria-label={t('catalog.form.remove')}
                    onClick={() => setGroup(gi, { ...g, values: g.values.filter((_, k) => k !== vi) })}
                  >
                    ✕
                  </button>
                </div>
              ))}
              <button
                type="button"
                className="link"
                onClick={() => setGroup(gi, { ...g, values: [...g.values, { value: '', delta: '' }] })}
              >
                + {t('catalog.form.addValue')}
              </button>
            </div>
          ))}
          {badDelta && <span className="field-error">{t('catalog.form.badDelta')}</span>}
          <button
            type="button"
            className="btn small add-option"
            onClick={() =>
              setOptions([
                ...options,
                {
                  name: '',
                  values: [
                    { value: '', delta: '' },
                    { value: '', delta: '' },
                  ],
                },
              ])
            }
          >
            + {t('catalog.form.addOption')}
          </button>
        </div>
        {error && (
          <p className="error-box" data-testid="product-error">
            {error}
          </p>
        )}
        <div className="modal-actions">
          <button type="button" className="btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button
            className="btn primary"
            type="submit"
            disabled={busy || !name.trim() || priceMinor === null || stockValue === undefined || badDelta}
            data-testid="product-save"
          >
            {t('catalog.form.save')}
          </button>
        </div>
      </form>
    </div>
  );
}

/** Reads a picture and redraws it at most 480 px wide/high as JPEG on white, so a photo stays a few dozen KB. */
async function shrinkPicture(file: File): Promise<string> {
  const url = URL.createObjectURL(file);
  try {
    const img = await new Promise<HTMLImageElement>((resolve, reject) => {
      const i = new Image();
      i.onload = () => resolve(i);
      i.onerror = () => reject(new Error('not a picture'));
      i.src = url;
    });
    const scale = Math.min(1, PHOTO_MAX_PX / Math.max(img.naturalWidth, img.naturalHeight));
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(img.naturalWidth * scale));
    canvas.height = Math.max(1, Math.round(img.naturalHeight * scale));
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no canvas');
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    return canvas.toDataURL('image/jpeg', 0.85);
  } finally {
    URL.revokeObjectURL(url);
  }
}
