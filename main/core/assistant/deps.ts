// What the assistant service is built from, and the pipeline's gate other domains use to take an Auto turn first.
import type { Clock } from '../clock';
import type { EventBus } from '../events';
import type { DomainBus } from '../domain-events';
import type { AutoTurn } from '../inbound/stage';
import type { InboxService } from '../inbox/service';
import type { KnowledgeService } from '../knowledge/service';
import type { SettingsService } from '../settings/service';
import type { AssistantRepo } from '../db/repos/assistant-repo';
import type { ContactsRepo } from '../db/repos/contacts-repo';
import type { ConversationsRepo } from '../db/repos/conversations-repo';
import type { MessagesRepo } from '../db/repos/messages-repo';
import type { TranslationsRepo } from '../db/repos/translations-repo';
import type { ChatModel } from './chat-model';

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
  /** Owner replies (message.stored) close Needs-you items; handled items are told here (needsYou.resolved). */
  domain: DomainBus;
}

/** The inbound pipeline's Auto-turn gates (opt-out, owner's phone, orders): true when one of them handled the turn. */
export type BeforeAutoReply = (turn: AutoTurn) => Promise<boolean>;
