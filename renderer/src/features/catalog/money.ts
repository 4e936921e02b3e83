// Money on the owner's screens: main/shared/money.ts, formatted in the UI language. Nothing here computes money.
import i18next from 'i18next';
import { formatMoney as formatIn, minorToDecimal } from '../../../../main/shared/money';

export { currencyDigits, parseAmount } from '../../../../main/shared/money';

export function formatMoney(minor: number, currency: string): string {
  return formatIn(minor, currency, i18next.language || 'en');
}

/** Minor units as an editable amount: 350 → "3.50". */
export const toAmount = minorToDecimal;
