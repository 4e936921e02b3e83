// Every feature's strings, merged into i18next resources. Add one line per feature.
import type { StringBundle, Strings } from './types';
import common from '../components/strings';
import setup from '../features/setup/strings';
import inbox from '../features/inbox/strings';
import settings from '../features/settings/strings';
import assistant from '../features/assistant/strings';
import knowledge from '../features/knowledge/strings';
import sandbox from '../features/sandbox/strings';
import contacts from '../features/contacts/strings';
import backup from '../features/backup/strings';
import quickReplies from '../features/quickreplies/strings';
import channels from '../features/channels/strings';
import reminders from '../features/reminders/strings';
import catalog from '../features/catalog/strings';
import orders from '../features/orders/strings';
import whatsappLink from '../features/channels/whatsapp-link-strings';
import media from '../features/media/strings';

export const bundles: StringBundle[] = [common, setup, inbox, settings, sandbox, quickReplies, channels, reminders, assistant, knowledge, catalog, orders, contacts, backup, whatsappLink, media];

function collect(lang: 'en' | 'ru'): Strings {
  const out: Strings = {};
  for (const b of bundles) out[b.ns] = b[lang];
  return out;
}

export const resources = {
  en: { translation: collect('en') },
  ru: { translation: collect('ru') },
};
