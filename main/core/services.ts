// The shapes createApp() takes and builds: the config and the services bag. Kept apart from app.ts so that the
// API modules, which app.ts wires, can name these types without importing app.ts back (no import cycle).
import type { Clock } from './clock';
import type { Db } from './db/connection';
import type { OutboxOptions } from './channels/outbox';
import type { ChannelManagerOptions } from './channels/manager';
import type { AdjustableClock } from './dev-clock';
import type { ChatModel } from './assistant/chat-model';
import type { ContactsRepo } from './db/repos/contacts-repo';
import type { ConversationsRepo } from './db/repos/conversations-repo';
import type { MessagesRepo } from './db/repos/messages-repo';
import type { OutboxRepo } from './db/repos/outbox-repo';
import type { SearchRepo } from './db/repos/search-repo';
import type { SettingsRepo } from './db/repos/settings-repo';
import type { KnowledgeRepo } from './db/repos/knowledge-repo';
import type { AssistantRepo } from './db/repos/assistant-repo';
import type { TranslationsRepo } from './db/repos/translations-repo';
import type { EventBus } from './events';
import type { DomainBus } from './domain-events';
import type { InboundPipeline } from './inbound/pipeline';
import type { SecretStore } from './secrets/secret-store';
import type { SettingsService } from './settings/service';
import type { QuickRepliesService } from './quickreplies/service';
import type { InboxService } from './inbox/service';
import type { ContactsService } from './contacts/service';
import type { Jobs } from './contacts/jobs';
import type { Downloads } from './contacts/downloads';
import type { BackupService } from './backup/service';
import type { ChannelHub } from './channels/hub';
import type { Outbox } from './channels/outbox';
import type { SandboxChannel } from './channels/sandbox/sandbox-channel';
import type { ChannelManager } from './channels/manager';
import type { OptOutService } from './optout/service';
import type { RemindersService } from './reminders/service';
import type { KnowledgeService } from './knowledge/service';
import type { AssistantService } from './assistant/service';
import type { CatalogService } from './catalog/service';
import type { OrdersService } from './orders/service';
import type { OrderCapture } from './orders/capture';
import type { CustomerLanguageService } from './language/service';
import type { ReportsService } from './reports/domain';
import type { MediaService } from './media/service';
import type { OwnerPause } from './channels/owner-pause';
import type { WorkdayService } from './workday/service';
import type { GreetingService } from './workday/greetings';

export interface AppConfig {
  dataDir: string;
  clock?: Clock;
  /** Environment for channel/assistant defaults (OLLAMA_HOST, LAVKA_TELEGRAM_BOT_TOKEN…); defaults to process.env. */
  env?: Record<string, string | undefined>;
  outbox?: Partial<OutboxOptions>;
  /** Channel drivers and timings (tests pass the WhatsApp double and short backoffs). */
  channels?: ChannelManagerOptions;
  /** Start channels and background workers (false in unit tests that drive services directly). */
  startWorkers?: boolean;
  /** DEV/TEST ONLY (serve --fake-clock): a clock tests can move forward through dev.clock.*; never set by default. */
  devClock?: AdjustableClock;
  /** Replaces the Ollama-backed model (other domains' tests use a scripted one). */
  chatModel?: ChatModel;
  /**
   * 32 bytes that seal the secrets file (AES-256-GCM). The desktop app passes a key kept by the OS keychain
   * (Electron safeStorage); headless mode has none and relies on the file being owner-only.
   */
  secretKey?: Uint8Array;
}

export interface Services {
  config: Required<Pick<AppConfig, 'dataDir'>> & AppConfig;
  db: Db;
  clock: Clock;
  env: Record<string, string | undefined>;
  /** Core → UI pushes (the renderer's stream). */
  events: EventBus;
  /** Domain-to-domain reactions after a commit (domain-events.ts). */
  domain: DomainBus;
  /** Bot tokens and other secrets, kept outside the database. */
  secrets: SecretStore;
  repos: {
    settings: SettingsRepo;
    contacts: ContactsRepo;
    conversations: ConversationsRepo;
    messages: MessagesRepo;
    outbox: OutboxRepo;
    search: SearchRepo;
    knowledge: KnowledgeRepo;
    assistant: AssistantRepo;
    translations: TranslationsRepo;
  };
  settings: SettingsService;
  quickReplies: QuickRepliesService;
  inbox: InboxService;
  contacts: ContactsService;
  /** Long work with progress and Cancel (exports, imports, backups, restores). */
  jobs: Jobs;
  /** Files made for the owner to take away (exports, a customer's data). */
  downloads: Downloads;
  /** Daily backups, restore, and the damaged-database recovery state. */
  backup: BackupService;
  hub: ChannelHub;
  outbox: Outbox;
  sandbox: SandboxChannel;
  /** Telegram and WhatsApp from their settings, pacing, and the sending queue. */
  channels: ChannelManager;
  optout: OptOutService;
  reminders: RemindersService;
  knowledge: KnowledgeService;
  /** Ollama connection, modes, suggestions, Auto replies, Needs you; `assistant.model` is the ChatModel for everyone. */
  assistant: AssistantService;
  catalog: CatalogService;
  orders: OrdersService;
  /** Reads order requests in chat; the assistant's Auto turn asks it first. */
  orderCapture: OrderCapture;
  /** Which language each customer is written to in, and how (texts, money, the owner's wording). */
  languages: CustomerLanguageService;
  reports: ReportsService;
  /** Photos, voice notes and files of messages (<data>/media). */
  media: MediaService;
  /** Auto keeps out of a conversation for a while after the owner wrote there from the phone. */
  ownerPause: OwnerPause;
  /** Conversation states, snooze, pin, labels, take-back of queued replies. */
  workday: WorkdayService;
  /** Greeting and away messages. */
  greetings: GreetingService;
  /** The stages a customer's message goes through, in their declared order (inbound/pipeline.ts). */
  inbound: InboundPipeline;
  /** Called in reverse order on close; domains register their own shutdown work here. */
  onClose: (fn: () => void | Promise<void>) => void;
}
