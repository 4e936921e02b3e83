// The message that confirms an opt-out, in the customer's language. Its words live in
// main/shared/locales/<lang>/optout.json; which language is decided here.
import { isCustomerLanguage, type CustomerLanguage } from '../../shared/languages';
import type { Voice } from '../../shared/i18n/voice';
import type { OptOutMatch } from './keywords';

/**
 * The confirmation's language: a language the owner chose for the contact; else the contact's own language when
 * the word belongs to it (a Ukrainian customer writing "стоп"); else the word's language (the customer just wrote
 * in it); else the contact's detected language, then the shop's reply language, then English.
 */
export function confirmationLanguage(
  match: OptOutMatch,
  contactLanguage: string | null,
  replyLanguage: string,
  chosenByOwner = false,
): CustomerLanguage {
  if (chosenByOwner && isCustomerLanguage(contactLanguage)) return contactLanguage;
  const pick = contactLanguage && match.langs.includes(contactLanguage) ? contactLanguage : match.langs[0];
  for (const l of [pick, contactLanguage, replyLanguage]) if (isCustomerLanguage(l)) return l;
  return 'en';
}

export function confirmationText(v: Voice, businessName: string): string {
  return businessName.trim() ? v.t('optout:confirmation', { business: businessName.trim() }) : v.t('optout:confirmationNoName');
}
