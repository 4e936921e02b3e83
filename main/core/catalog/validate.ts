// Product validation beyond the zod schema: rules that span fields (an option may not make a price negative).
import { AppError } from '../errors';
import { productInputSchema, type ProductData, type ProductInput } from './types';

/** Parses product input and applies the cross-field rule zod cannot: an option may not make the price negative. */
export function validate(input: ProductInput): ProductData {
  const data = productInputSchema.parse(input);
  for (const g of data.options) {
    const seen = new Set<string>();
    for (const v of g.values) {
      const key = v.value.toLowerCase();
      if (seen.has(key)) throw new AppError('invalid_input', `Option "${g.name}" lists "${v.value}" twice`);
      seen.add(key);
      if (data.priceMinor + v.priceDeltaMinor < 0) {
        throw new AppError('invalid_input', `Option "${g.name}: ${v.value}" would make the price negative`);
      }
    }
  }
  const names = new Set<string>();
  for (const g of data.options) {
    if (names.has(g.name.toLowerCase())) throw new AppError('invalid_input', `Option "${g.name}" is listed twice`);
    names.add(g.name.toLowerCase());
  }
  data.synonyms = [...new Map(data.synonyms.map((s) => [s.toLowerCase(), s])).values()];
  return data;
}
