// language.* API methods: which language a contact is written to in (and why), and the owner's wording of
// customer texts per language.
import { z } from 'zod';
import type { CustomerLanguageService } from './service';
import { method } from '../api/define';
import { ContactLanguageSchema, CustomerTextEntrySchema, LanguageTextsOutput } from './outputs';
import { CUSTOMER_LANGUAGE_CODES, type CustomerLanguage } from '../../shared/languages';

const id = z.number().int().positive();
const language = z.enum(CUSTOMER_LANGUAGE_CODES as [CustomerLanguage, ...CustomerLanguage[]]);

/** The services these methods call, and nothing else. */
export interface LanguageApiDeps {
  languages: CustomerLanguageService;
}

export function languageApi(s: LanguageApiDeps) {
  return {
    'language.ofContact': method(
      z.object({ contactId: id }),
      ContactLanguageSchema,
      (i) => s.languages.of(i.contactId),
      "The language Lavka writes to a contact in, and whether the owner chose it, it was detected, or it is the shop's default.",
    ),
    'language.texts': method(
      z.object({ language }),
      LanguageTextsOutput,
      (i) => s.languages.texts.list(i.language),
      'Customer texts of one language with the owner’s wording.',
    ),
    'language.setText': method(
      z.object({ language, key: z.string().min(3).max(120), text: z.string().max(2000) }),
      CustomerTextEntrySchema,
      (i) => s.languages.texts.set(i.language, i.key, i.text),
      'Sets (empty text: removes) the owner’s wording of one customer text in one language.',
    ),
  };
}
