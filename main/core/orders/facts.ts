// What the assistant's composed replies may say about the catalog: price per unit, options and availability of one
// product, read fresh from the database and worded by Lavka's own texts in the customer's language.
import type { CatalogFacts } from '../assistant/compose';
import type { CatalogService } from '../catalog/service';
import { formatMoney } from '../../shared/money';
import { customerText } from '../../shared/i18n/customer-texts';
import { languageInfo } from '../../shared/languages';

/** A product scoring this against the customer's words is one they named. */
const FIND_MIN = 0.5;

export function catalogFacts(catalog: CatalogService, currency: () => string): CatalogFacts {
  return {
    find: (words) => catalog.matchIndex().search(words, FIND_MIN),
    describe(id, lang) {
      const p = catalog.repo.activeByIds([id])[0];
      if (!p) return null;
      if (!p.available || p.stock === 0) return customerText(lang, 'auto:sold_out', { product: p.name });
      const locale = languageInfo(lang)?.locale ?? 'en';
      const cur = currency();
      const price = formatMoney(p.priceMinor, cur, locale);
      const lines = [customerText(lang, p.unit.trim() ? 'auto:price_unit' : 'auto:price', { product: p.name, price, unit: p.unit.trim() })];
      if (p.options.length) {
        const options = p.options
          .map(
            (g) =>
              `${g.name}: ${g.values.map((v) => (v.priceDeltaMinor ? `${v.value} (${v.priceDeltaMinor > 0 ? '+' : '−'}${formatMoney(Math.abs(v.priceDeltaMinor), cur, locale)})` : v.value)).join(', ')}`,
          )
          .join('; ');
        lines.push(customerText(lang, 'auto:options', { options }));
      }
      return lines.join(' ');
    },
  };
}
