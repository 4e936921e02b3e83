// Every UI text key, typed from the English locale files: t('inbox.tilte') is a compile error. Plural variants
// (`count_one`, `count_few`…) are one key (`count`) whose form i18next picks from `{ count }` via Intl.PluralRules.
// Kept here rather than in i18next's global CustomTypeOptions so the customer-text instance (main/shared) stays
// untyped by the owner's UI keys.
import type { TOptions } from 'i18next';
import type en from '../locales/en';

type PluralSuffix = 'zero' | 'one' | 'two' | 'few' | 'many' | 'other';
type Base<K extends string> = K extends `${infer B}_${PluralSuffix}` ? B : K;
type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${Base<K>}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];

/** A key of the owner's UI texts, e.g. 'inbox.status.sent'. */
export type UiKey = Leaves<typeof en>;

/** The keys under a prefix: SubKey<'orders.status'> = 'draft' | 'new' | … — for keys picked by a value at run time. */
export type SubKey<P extends string> = UiKey extends infer K ? (K extends `${P}.${infer R}` ? R : never) : never;

/** t() over the typed keys; always returns the text (never null, never an object). */
export type UiT = (key: UiKey, options?: TOptions) => string;

/**
 * A key picked at run time from a value the core sends (a channel id, an event kind). The type cannot prove it exists,
 * so callers pass a `defaultValue`; the coverage test keeps the known values present in every language.
 */
export function runtimeKey(prefix: string, value: string | null | undefined): UiKey {
  return `${prefix}.${value ?? ''}` as UiKey;
}
