// The demo bakery's starter label names per UI language and which labels are the demo's. Demo data in the owner's
// UI language: renamed when the owner switches the UI language, unless the owner renamed them (then they are theirs).
import type { UiLanguage } from '../../shared/ui-languages';

export type DemoLabelKey = 'newCustomer' | 'paid' | 'toDeliver';

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
export const COLORS: Record<DemoLabelKey, string> = { newCustomer: '#1565c0', paid: '#2e7d32', toDeliver: '#ef6c00' };
/** Which labels are the demo's (settings row), so an owner's own "Paid" in a real shop is never renamed. */
export const DEMO_LABELS_KEY = 'workday.demoLabels';

export type DemoLabelRecord = { id: number; key: DemoLabelKey }[];

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
