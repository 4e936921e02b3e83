// What the assistant service is built from, and the hook other domains use to take an Auto turn first.
import type { Clock } from '../clock';
import type { EventBus } from '../events';
import type { InboxService } from '../inbox/service';
import type { Message } from '../inbox/types';
import type { KnowledgeService } from '../knowledge/service';
import type { SettingsService } from '../settings/service';
import type { AssistantRepo } from '../db/repos/assistant-repo';
import type { ContactsRepo } from '../db/repos/contacts-repo';
import type { ConversationsRepo } from '../db/repos/conversations-repo';
import type { MessagesRepo } from '../db/repos/messages-repo';
import type { TranslationsRepo } from '../db/repos/translations-repo';
import type { ChatModel } from './chat-model';
import type { Mode } from './settings';

export interface AssistantDeps {
  clock: Clock;
  events: EventBus;
  env: Record<string, string | undefined>;
  settings: SettingsService;
  inbox: InboxService;
  knowledge: KnowledgeService;
  repos: {
    assistant: AssistantRepo;
    contacts: ContactsRepo;
    conversations: ConversationsRepo;
    messages: MessagesRepo;
    translations: TranslationsRepo;
  };
  /** Replaces the Ollama-backed model (tests of other domains); the connection is still used for status. */
  model?: ChatModel;
}

/** Another domain's chance to handle a fresh customer message in Auto mode before the generic reply (e.g. orders). */
export interface TurnHandler {
  id: string;
  /** Return true when it answered or queued something itself; the assistant then stays quiet for this message. */
  handle(turn: { conversationId: number; contactId: number; message: Message; mode: Mode }): boolean | Promise<boolean>;
}
