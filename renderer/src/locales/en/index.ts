// The English UI texts, one JSON file per feature (namespace). English is the source: its shape types every t() key
// (see renderer/src/i18n/i18next.d.ts), so a wrong key is a compile error. tools/strings-to-json.mjs adds lines here.
// @namespaces-imports
import media from './media.json';
import integrity from './integrity.json';
import reports from './reports.json';
import autoTrust from './autoTrust.json';
import customerLanguage from './customerLanguage.json';
import workday from './workday.json';
import desktop from './desktop.json';
import importPhones from './importPhones.json';
import whatsappLink from './whatsappLink.json';
import errors from './errors.json';
import setup from './setup.json';
import settings from './settings.json';
import sandbox from './sandbox.json';
import reminders from './reminders.json';
import quickReplies from './quickReplies.json';
import orders from './orders.json';
import knowledge from './knowledge.json';
import inbox from './inbox.json';
import contacts from './contacts.json';
import channels from './channels.json';
import catalog from './catalog.json';
import backup from './backup.json';
import assistant from './assistant.json';
import common from './common.json';
const en = {
  // @namespaces-list
  media,
  integrity,
  reports,
  autoTrust,
  customerLanguage,
  workday,
  desktop,
  importPhones,
  whatsappLink,
  errors,
  setup,
  settings,
  sandbox,
  reminders,
  quickReplies,
  orders,
  knowledge,
  inbox,
  contacts,
  channels,
  catalog,
  backup,
  assistant,
  common,
};
export default en;
