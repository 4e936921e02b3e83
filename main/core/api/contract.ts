// The one API contract between UI and core: every domain's methods merged, each handed only the services it uses,
// plus the client-side types. The renderer imports only the types from here; inputs and outputs are zod schemas.
import type { Services } from '../services';
import { mergeMethods, type ApiOf } from './define';
import { inboxApi } from '../inbox/api';
import { contactsApi } from '../contacts/api';
import { backupApi } from '../backup/api';
import { settingsApi } from '../settings/api';
import { channelsApi } from '../channels/api';
import { sandboxApi } from '../channels/sandbox/api';
import { SandboxDesk } from '../channels/sandbox/sandbox-desk';
import { SandboxRepo } from '../channels/sandbox/sandbox-repo';
import { quickRepliesApi } from '../quickreplies/api';
import { remindersApi } from '../reminders/api';
import { optoutApi } from '../optout/api';
import { assistantApi } from '../assistant/api';
import { knowledgeApi } from '../knowledge/api';
import { catalogApi } from '../catalog/api';
import { ordersApi } from '../orders/api';
import { languageApi } from '../language/api';
import { reportsApi } from '../reports/api';
import { mediaApi } from '../media/api';
import { telegramBusinessApi } from '../channels/telegram/business-api';
import { workdayApi } from '../workday/api';
import { firstRunChecklist } from '../workday/checklist';
import { writeOnWhatsApp } from '../workday/write-on-whatsapp';

export function createMethods(s: Services) {
  const { repos } = s;
  const sandbox = new SandboxDesk({
    sandbox: s.sandbox,
    repo: new SandboxRepo(s.db),
    contacts: repos.contacts,
    messages: repos.messages,
    inbox: s.inbox,
  });
  return mergeMethods(
    inboxApi({ inbox: s.inbox, outbox: s.outbox, conversations: repos.conversations }),
    contactsApi({ contacts: s.contacts, jobs: s.jobs, backup: s.backup }),
    backupApi({ backup: s.backup }),
    settingsApi({ settings: s.settings, clock: s.clock, dataDir: s.config.dataDir }),
    channelsApi({ hub: s.hub, channels: s.channels, outboxRepo: repos.outbox }),
    sandboxApi({ sandbox }),
    quickRepliesApi({ quickReplies: s.quickReplies }),
    remindersApi({ reminders: s.reminders }),
    optoutApi({ optout: s.optout }),
    assistantApi({ assistant: s.assistant, clock: s.clock }),
    knowledgeApi({ knowledge: s.knowledge, assistant: s.assistant }),
    catalogApi({ catalog: s.catalog }),
    ordersApi({ orders: s.orders }),
    languageApi({ languages: s.languages }),
    reportsApi({ reports: s.reports }),
    mediaApi({ media: s.media, catalog: s.catalog, messages: repos.messages, ownerPause: s.ownerPause }),
    telegramBusinessApi({ hub: s.hub, conversations: repos.conversations, contacts: repos.contacts }),
    workdayApi({
      workday: s.workday,
      greetings: s.greetings,
      checklist: () => firstRunChecklist(s),
      writeOnWhatsApp: (contactId, phone) => writeOnWhatsApp(s, contactId, phone),
    }),
  );
}

export type Methods = ReturnType<typeof createMethods>;
/** What the renderer calls: each method from its input type to its declared output type. */
export type Api = ApiOf<Methods>;
export type MethodName = Extract<keyof Api, string>;
export type ApiInput<K extends MethodName> = Parameters<Api[K]>[0];
export type ApiOutput<K extends MethodName> = Awaited<ReturnType<Api[K]>>;
