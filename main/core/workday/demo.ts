// The demo bakery's starter labels, a few already on conversations so the label filter has something to show. They
// are demo data in the owner's UI language: created in it, and renamed when the owner switches the UI language,
// as long as the owner has not renamed them (then they are the owner's words and stay as they are).
import type { Services } from '../services';
import type { UiLanguage } from '../../shared/ui-languages';

type DemoLabelKey = 'newCustomer' | 'paid' | 'toDeliver';

/** Demo data, not UI text: the starter label names per UI language. */
export const DEMO_LABEL_NAMES: Record<DemoLabelKey, Record<UiLanguage, string>> = {
  newCustomer: {
    en: 'New customer',
    ru: 'Новый клиент',
    uk: 'Новий клієнт',
    es: 'Cliente nuevo',
    'pt-BR': 'Cliente novo',
    vi: 'Khách mới',
  },
  paid: { en: 'Paid', ru: 'Оплачено', uk: 'Оплачено', es: 'Pagado', 'pt-BR': 'Pago', vi: 'Đã thanh toán' },
  toDeliver: { en: 'To deliver', ru: 'Доставить', uk: 'Доставити', es: 'Por entregar', 'pt-BR': 'A entregar', vi: 'Cần giao' },
};
const COLORS: Record<DemoLabelKey, string> = { newCustomer: '#1565c0', paid: '#2e7d32', toDeliver: '#ef6c00' };
/** Which labels are the demo's (settings row), so an owner's own "Paid" in a real shop is never renamed. */
export const DEMO_LABELS_KEY = 'workday.demoLabels';

export type DemoLabelRecord = { id: number; key: DemoLabelKey }[];

export function seedWorkdayDemo(s: Services): void {
  const lang = s.settings.get().preferences.uiLanguage as UiLanguage;
  const keys = Object.keys(DEMO_LABEL_NAMES) as DemoLabelKey[];
  s.workday.seedDemoLabels(keys.map((k) => ({ name: DEMO_LABEL_NAMES[k][lang] ?? DEMO_LABEL_NAMES[k].en, color: COLORS[k] })));
  const ids = new Map(s.workday.labels().map((l) => [l.name, l.id]));
  const idOf = (k: DemoLabelKey) => ids.get(DEMO_LABEL_NAMES[k][lang] ?? DEMO_LABEL_NAMES[k].en);
  const record: DemoLabelRecord = keys.flatMap((key) => (idOf(key) === undefined ? [] : [{ id: idOf(key)!, key }]));
  s.repos.settings.set(DEMO_LABELS_KEY, record);
  const newest = s.repos.conversations.list({}, 3);
  const put = (conversation: { id: number } | undefined, key: DemoLabelKey) => {
    const labelId = idOf(key);
    if (conversation && labelId !== undefined) s.workday.setLabel(conversation.id, labelId, true);
  };
  put(newest[0], 'paid');
  put(newest[0], 'toDeliver');
  put(newest[2], 'newCustomer');
}

/** The demo label names for `lang`, for the labels the owner has not renamed: [id, new name]. */
export function demoLabelRenames(record: DemoLabelRecord, current: { id: number; name: string }[], lang: string): [number, string][] {
  const names = new Map(current.map((l) => [l.id, l.name]));
  return record.flatMap(({ id, key }) => {
    const all = DEMO_LABEL_NAMES[key];
    const now = names.get(id);
    const next = all[lang as UiLanguage];
    if (now === undefined || !next || now === next || !Object.values(all).includes(now)) return [];
    return [[id, next] as [number, string]];
  });
}
