// Settings → Orders: orders in chat (off / ask me / follow the assistant), payment instructions, delivery, the
// quantity limit, which status changes tell the customer, and the texts per status and language.
import { useEffect, useState } from 'react';
import { useTranslation } from '../../i18n/react';
import { call, type ApiOutput } from '../../api';
import { useAppStore } from '../../stores/app';
import { useOrdersStore, type OrdersSettings } from '../../stores/orders';
import { Field } from '../settings/fields';
import { SaveBar } from '../settings/BusinessSection';
import { useSaveState } from '../settings/useSaveState';
import { parseAmount, toAmount } from '../catalog/money';
import { languageName } from '../../components/format';
import { CUSTOMER_LANGUAGE_CODES, isCustomerLanguage, type CustomerLanguage } from '../../../../main/shared/languages';

const MODES = ['off', 'suggest', 'auto'] as const;
const NOTIFY = ['confirmed', 'paid', 'ready', 'shipped', 'completed', 'cancelled'] as const;
// Every customer language (main/shared/languages.ts), named in its own language.
const LANGS = CUSTOMER_LANGUAGE_CODES;
type Lang = CustomerLanguage;
const isLang = (l: string | undefined): l is Lang => isCustomerLanguage(l);

export function OrdersSettingsSection() {
  const settings = useOrdersStore((s) => s.settings);
  const loadSettings = useOrdersStore((s) => s.loadSettings);
  const [defaults, setDefaults] = useState<ApiOutput<'orders.defaultTemplates'> | null>(null);
  useEffect(() => {
    void loadSettings();
    void call('orders.defaultTemplates').then(setDefaults);
  }, [loadSettings]);
  if (!settings || !defaults) return null;
  return <OrdersSettingsForm initial={settings} defaults={defaults} />;
}

function OrdersSettingsForm({ initial, defaults }: { initial: OrdersSettings; defaults: ApiOutput<'orders.defaultTemplates'> }) {
  const { t } = useTranslation();
  const currency = useAppStore((s) => s.settings?.business.currency ?? 'EUR');
  const save = useOrdersStore((s) => s.saveSettings);
  const state = useSaveState();
  const [s, setS] = useState(initial);
  const [fee, setFee] = useState(toAmount(initial.delivery.feeMinor, currency));
  const [freeFrom, setFreeFrom] = useState(
    initial.delivery.freeFromMinor === null ? '' : toAmount(initial.delivery.freeFromMinor, currency),
  );
  const reply = useAppStore((x) => x.settings?.preferences.replyLanguage);
  const [lang, setLang] = useState<Lang>(isLang(reply) ? reply : 'en');
  const feeMinor = parseAmount(fee || '0', currency);
  const freeFromMinor = freeFrom.trim() === '' ? null : parseAmount(freeFrom, currency);
  const amountsOk = feeMinor !== null && (freeFrom.trim() === '' || freeFromMinor !== null);

  return (
    <form
      className="form"
      data-testid="orders-settings"
      onSubmit={(e) => {
        e.preventDefault();
        if (!amountsOk) return;
        void state.run(() => save({ ...s, delivery: { ...s.delivery, feeMinor: feeMinor, freeFromMinor } }));
      }}
    >
      <h2>{t('orders.settings.section')}</h2>
      <Field label={t('orders.settings.chatOrders')} hint={t('orders.settings.chatOrdersHint')}>
        <select
          value={s.chatOrders}
          onChange={(e) => setS({ ...s, chatOrders: e.target.value as OrdersSettings['chatOrders'] })}
          data-testid="orders-chat-mode"
        >
          {MODES.map((m) => (
            <option key={m} value={m}>
              {t(`orders.settings.mode.${m}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('orders.settings.payment')} hint={t('orders.settings.paymentHint')}>
        <textarea
          rows={2}
          value={s.paymentInstructions}
          maxLength={1000}
          onChange={(e) => setS({ ...s, paymentInstructions: e.target.value })}
          dir="auto"
          data-testid="orders-payment"
        />
      </Field>
      <label className="check">
        <input
          type="checkbox"
          checked={s.delivery.offered}
          onChange={(e) => setS({ ...s, delivery: { ...s.delivery, offered: e.target.checked } })}
          data-testid="orders-delivery"
        />
        {t('orders.settings.deliveryOffered')}
      </label>
      {s.delivery.offered && (
        <div className="grid2">
          <Field label={t('orders.settings.deliveryFee', { currency })} error={feeMinor === null ? t('orders.settings.badAmount') : null}>
            <input value={fee} onChange={(e) => setFee(e.target.value)} inputMode="decimal" />
          </Field>
          <Field
            label={t('orders.settings.freeFrom', { currency })}
            error={freeFrom.trim() && freeFromMinor === null ? t('orders.settings.badAmount') : null}
          >
            <input value={freeFrom} onChange={(e) => setFreeFrom(e.target.value)} inputMode="decimal" />
          </Field>
        </div>
      )}
      <Field label={t('orders.settings.maxQuantity')} hint={t('orders.settings.maxQuantityHint')}>
        <input
          type="number"
          min={1}
          max={10000}
          value={s.maxQuantity}
          onChange={(e) => setS({ ...s, maxQuantity: Math.max(1, Math.min(10000, Math.floor(Number(e.target.value) || 1))) })}
        />
      </Field>
      <h3>{t('orders.settings.notifyTitle')}</h3>
      <div className="notify-grid">
        {NOTIFY.map((st) => (
          <label className="check" key={st}>
            <input
              type="checkbox"
              checked={s.notify[st]}
              onChange={(e) => setS({ ...s, notify: { ...s.notify, [st]: e.target.checked } })}
              data-testid={`orders-notify-${st}`}
            />
            {t(`orders.status.${st}`)}
          </label>
        ))}
      </div>
      <h3>{t('orders.settings.templatesTitle')}</h3>
      <p className="field-hint">{t('orders.settings.templatesHint')}</p>
      <div className="filters">
        {LANGS.map((l) => (
          <button type="button" key={l} className={`chip ${lang === l ? 'on' : ''}`} onClick={() => setLang(l)}>
            {languageName(l)}
          </button>
        ))}
      </div>
      {NOTIFY.map((st) => (
        <Field key={st} label={t(`orders.status.${st}`)}>
          <textarea
            rows={2}
            value={s.templates[st]?.[lang] ?? ''}
            placeholder={defaults[st][lang]}
            maxLength={1000}
            dir="auto"
            onChange={(e) => setS({ ...s, templates: { ...s.templates, [st]: { ...(s.templates[st] ?? {}), [lang]: e.target.value } } })}
          />
        </Field>
      ))}
      <SaveBar busy={state.busy} saved={state.saved} error={state.error} />
    </form>
  );
}
