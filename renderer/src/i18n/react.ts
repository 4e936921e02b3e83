// react-i18next's useTranslation with t() typed by the English locale files (see keys.ts). Components import this,
// not react-i18next, so a misspelt key fails the typecheck.
import { useTranslation as useI18nextTranslation } from 'react-i18next';
import type { i18n as I18n } from 'i18next';
import type { UiT } from './keys';

export type { UiKey, UiT, SubKey } from './keys';

export function useTranslation(): { t: UiT; i18n: I18n } {
  const { t, i18n } = useI18nextTranslation();
  return { t: t as UiT, i18n };
}
