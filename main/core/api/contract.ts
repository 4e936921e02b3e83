// The one API contract between UI and core: every domain's methods merged, plus the client-side type.
// The renderer imports only the types from here.
import type { Services } from '../services';
import { mergeMethods, type ApiOf } from './define';
import { inboxMethods } from '../inbox/api';
import { contactsMethods } from '../contacts/api';
import { backupMethods } from '../backup/api';
import { settingsMethods } from '../settings/api';
import { channelsMethods } from '../channels/api';
import { quickRepliesMethods } from '../quickreplies/api';
import { remindersMethods } from '../reminders/api';
import { optoutMethods } from '../optout/api';
import { assistantMethods } from '../assistant/api';
import { knowledgeMethods } from '../knowledge/api';
import { catalogMethods } from '../catalog/api';
import { ordersMethods } from '../orders/api';
import { languageMethods } from '../language/api';
import { reportsMethods } from '../reports/api';
import { mediaMethods } from '../media/api';
import { telegramBusinessMethods } from '../channels/telegram/business-api';
import { workdayMethods } from '../workday/api';

export function createMethods(s: Services) {
  return mergeMethods(
    inboxMethods(s),
    contactsMethods(s),
    backupMethods(s),
    settingsMethods(s),
    channelsMethods(s),
    quickRepliesMethods(s),
    remindersMethods(s),
    optoutMethods(s),
    assistantMethods(s),
    knowledgeMethods(s),
    catalogMethods(s),
    ordersMethods(s),
    languageMethods(s),
    reportsMethods(s),
    mediaMethods(s),
    telegramBusinessMethods(s),
    workdayMethods(s),
  );
}

export type Methods = ReturnType<typeof createMethods>;
export type Api = ApiOf<Methods>;
export type MethodName = Extract<keyof Api, string>;
export type ApiInput<K extends MethodName> = Parameters<Api[K]>[0];
export type ApiOutput<K extends MethodName> = Awaited<ReturnType<Api[K]>>;
