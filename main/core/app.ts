// Composition root: builds every service from a config. The Electron shell and the headless server both call
// createApp(); tests call it with a temp data dir and a fake clock. Nothing here imports Electron or the DOM.
import { CustomerLanguageService } from './language/service';
import { detectLanguage } from './assistant/language';
import { CustomerTextsService } from './language/texts-service';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { systemClock, type Clock } from './clock';
import { openDatabase, closeDatabase, type Db } from './db/connection';
import { currentVersion, migrate } from './db/migrate';
import { createPrivateFile, secureDataDir } from './file-modes';
import { removeStaleWorkFiles } from './temp-files';
import { pruneAssistantAudit } from './assistant/audit-retention';
import { forgetSecretsInBackups, SECRETS_LEFT_DB_AT } from './secrets/backups';
import { ContactsRepo } from './db/repos/contacts-repo';
import { ConversationsRepo } from './db/repos/conversations-repo';
import { MessagesRepo } from './db/repos/messages-repo';
import { OutboxRepo } from './db/repos/outbox-repo';
import { SearchRepo } from './db/repos/search-repo';
import { SettingsRepo } from './db/repos/settings-repo';
import { EventBus } from './events';
import { ChannelHub } from './channels/hub';
import { Outbox, DEFAULT_OUTBOX_OPTIONS, type OutboxOptions } from './channels/outbox';
import { SandboxChannel } from './channels/sandbox/sandbox-channel';
import { ChannelManager, type ChannelManagerOptions } from './channels/manager';
import { InboxService } from './inbox/service';
import { ContactsService } from './contacts/service';
import { ORDER_CONTACT_FACTS } from './orders/contact-facts';
import { OPT_OUT_CONTACT_FACTS } from './optout/contact-facts';
import { Jobs } from './contacts/jobs';
import { Downloads } from './contacts/downloads';
import { BackupService } from './backup/service';
import { isCorruption, quarantine, type RecoveryInfo } from './backup/integrity';
import { takeShutdownMarker, writeShutdownMarker } from './backup/shutdown-marker';
import { IntegritySchedule, takeRecordedDamage } from './backup/integrity-schedule';
import { SettingsService } from './settings/service';
import { QuickRepliesService } from './quickreplies/service';
import { createMethods } from './api/contract';
import { mergeMethods, type MethodMap } from './api/define';
import { OptOutRepo } from './db/repos/optout-repo';
import { RemindersRepo } from './db/repos/reminders-repo';
import { ReminderOrdersRepo } from './db/repos/reminder-orders-repo';
import { OptOutService } from './optout/service';
import { RemindersService } from './reminders/service';
import { RuleEngine } from './reminders/rules';
import { ReminderScheduler } from './reminders/scheduler';
import { ReminderPersonaliser } from './reminders/personalise';
import { devClockMethods, type AdjustableClock } from './dev-clock';
import { KnowledgeRepo } from './db/repos/knowledge-repo';
import { AssistantRepo } from './db/repos/assistant-repo';
import { TranslationsRepo } from './db/repos/translations-repo';
import { KnowledgeService } from './knowledge/service';
import { AssistantService } from './assistant/service';
import type { ChatModel } from './assistant/chat-model';
import { createOrdersDomain } from './orders/domain';
import { FileSecretStore, SECRETS_FILE, type SecretStore } from './secrets/secret-store';
import type { CatalogService } from './catalog/service';
import type { OrdersService } from './orders/service';
import type { OrderCapture } from './orders/capture';
import { createReportsDomain, type ReportsService } from './reports/domain';
import { MediaRepo } from './media/media-repo';
import { MediaStore } from './media/store';
import { MediaService } from './media/service';
import { MediaBackups } from './media/backups';
import { OwnerPause } from './channels/owner-pause';
import { WorkdayService } from './workday/service';
import { LabelsRepo } from './db/repos/labels-repo';
import { GreetingService } from './workday/greetings';

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

export const DB_FILE = 'lavka.sqlite';

export interface Services {
  config: Required<Pick<AppConfig, 'dataDir'>> & AppConfig;
  db: Db;
  clock: Clock;
  env: Record<string, string | undefined>;
  events: EventBus;
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
  /** Called in reverse order on close; domains register their own shutdown work here. */
  onClose: (fn: () => void | Promise<void>) => void;
}

export interface App {
  services: Services;
  methods: MethodMap;
  start(): Promise<void>;
  close(): Promise<void>;
}

export function createApp(config: AppConfig): App {
  secureDataDir(config.dataDir);
  const clock = config.devClock ?? config.clock ?? systemClock;
  const env = config.env ?? process.env;
  const dbPath = join(config.dataDir, DB_FILE);
  // No full check before the first screen (it reads the whole file: seconds on a big shop). A file SQLite cannot even
  // open is moved aside at once and Lavka starts on an empty one, offering a backup; subtler damage is found by the
  // background check, which runs after an unclean shutdown and weekly.
  const lastShutdown = takeShutdownMarker(config.dataDir, dbPath);
  const secrets = new FileSecretStore(join(config.dataDir, SECRETS_FILE), config.secretKey);
  const { db, recovery, schemaBefore } = openOrQuarantine(dbPath, config.dataDir, clock.now(), secrets);

  const events = new EventBus();
  const repos = {
    settings: new SettingsRepo(db),
    contacts: new ContactsRepo(db),
    conversations: new ConversationsRepo(db),
    messages: new MessagesRepo(db),
    outbox: new OutboxRepo(db),
    search: new SearchRepo(db),
    knowledge: new KnowledgeRepo(db),
    assistant: new AssistantRepo(db),
    translations: new TranslationsRepo(db),
  };
  const settings = new SettingsService(repos.settings, events);
  const inbox = new InboxService(db, repos.contacts, repos.conversations, repos.messages, repos.outbox, repos.search, events, clock);
  // Customer language first among inbound listeners: everyone after it reads the contact's up-to-date language.
  const languages = new CustomerLanguageService({
    contacts: repos.contacts,
    messages: repos.messages,
    settings,
    events,
    clock,
    texts: new CustomerTextsService(settings),
  });
  inbox.onInbound((e) => languages.observe(e));
  const jobs = new Jobs(events, clock);
  const downloads = new Downloads(join(config.dataDir, 'exports'), clock);
  const integrity = new IntegritySchedule({
    dbPath,
    dataDir: config.dataDir,
    clock,
    events,
    lastShutdown: recovery ? 'clean' : lastShutdown,
  });
  const backup = new BackupService({ db, dataDir: config.dataDir, clock, events, settings, jobs, recovery, integrity });
  // Backups made before the token left the database still hold it: it is wiped from them once, on that upgrade.
  if (schemaBefore > 0 && schemaBefore < SECRETS_LEFT_DB_AT) forgetSecretsInBackups(backup.dir());
  const contacts = new ContactsService({
    db,
    repo: repos.contacts,
    conversations: repos.conversations,
    events,
    clock,
    settings,
    jobs,
    downloads,
    dataDir: config.dataDir,
    quiesce: () => backup.whenIdle(),
    facts: { orders: ORDER_CONTACT_FACTS, optOut: OPT_OUT_CONTACT_FACTS },
  });
  backup.addDailyTask(() => contacts.privacy.applyRetention());
  backup.addDailyTask(async () => pruneAssistantAudit(repos.assistant, settings, clock));
  removeStaleWorkFiles(config.dataDir, backup.dir());
  const hub = new ChannelHub(events, {
    receive: (m) => inbox.receive(m),
    receiveMany: (ms) => inbox.receiveMany(ms),
    ack: (ch, id, status, err) => inbox.ack(ch, id, status, err),
    changed: (ch, id, change) => inbox.changed(ch, id, change),
  });
  const outbox = new Outbox(db, repos.outbox, repos.messages, hub, events, clock, { ...DEFAULT_OUTBOX_OPTIONS, ...config.outbox });
  inbox.onQueued = () => outbox.kick();
  const mediaRepo = new MediaRepo(db);
  const mediaStore = new MediaStore(join(config.dataDir, 'media'));
  const media = new MediaService({
    db,
    repo: mediaRepo,
    store: mediaStore,
    messages: repos.messages,
    hub,
    events,
    clock,
    settings,
  });
  inbox.media = media;
  contacts.privacy.attachments = (conversationId) => media.exportOf(conversationId);
  outbox.attachmentOf = (messageId) => media.outgoing(messageId);
  // Erasing a customer (or retention) deletes their media rows with the messages; the files follow here.
  events.subscribe((e) => {
    if (e.type === 'contact.removed') media.sweep();
  });
  backup.addDailyTask(async () => media.sweep());
  const mediaBackups = new MediaBackups(
    mediaStore,
    () => backup.dir(),
    () => mediaRepo.storedFiles(),
  );
  backup.onBackupsChanged(() => mediaBackups.afterBackup());
  backup.onRestored(() => {
    mediaBackups.afterRestore();
    media.sweep();
  });
  backup.onRestored(() => outbox.kick());
  const sandbox = new SandboxChannel(clock);
  const channels = new ChannelManager(
    { dataDir: config.dataDir, env, clock, settings, settingsRepo: repos.settings, outboxRepo: repos.outbox, hub, outbox, secrets, events },
    config.channels,
  );
  const optout = new OptOutService(db, new OptOutRepo(db), repos.contacts, repos.settings, settings, inbox, events, clock, languages);
  const reminderOrders = new ReminderOrdersRepo(db);
  const remindersRepo = new RemindersRepo(db);
  const reminders = new RemindersService(
    db,
    remindersRepo,
    reminderOrders,
    repos.contacts,
    inbox,
    optout,
    settings,
    events,
    clock,
    languages,
  );
  const reminderRules = new RuleEngine(db, reminders, remindersRepo, reminderOrders, events, clock);
  reminders.ruleCheck = reminderRules;
  optout.onOptOut((contactId) => reminders.cancelForOptOut(contactId));
  const reminderScheduler = new ReminderScheduler(clock, reminders, reminderRules);
  const knowledge = new KnowledgeService(repos.knowledge, settings, events, clock);
  const assistant = new AssistantService({ clock, events, env, settings, inbox, knowledge, repos, model: config.chatModel });
  reminders.personaliser = new ReminderPersonaliser({
    model: () => assistant.model,
    grounding: (conversationId) => assistant.context(conversationId, 'auto').grounding,
    prompt: (conversationId, task) => assistant.conversationPrompt(conversationId, task),
    clock,
  });
  // A stop word is answered by the opt-out confirmation alone, never by a chatty Auto reply (registered before orders).
  assistant.addTurnHandler({ id: 'optout', handle: (t) => optout.isOptOutMessage(t.message.body) });
  // An unclear opt-out waits in Needs you; once the owner has handled it without opting the customer out, reminders go on.
  events.subscribe((e) => {
    if (e.type !== 'optout.unclear') return;
    const q = e.payload as { conversationId: number; messageId: number; said: string };
    assistant.flagOptOutQuestion(q.conversationId, q.messageId, q.said);
  });
  assistant.onResolved((item) => {
    const contactId = item.reason === 'optout_unclear' ? repos.conversations.contactId(item.conversationId) : undefined;
    if (contactId !== undefined && optout.unclear(contactId)) optout.decide(contactId, false);
  });
  // Greeting / away messages answer a customer's message on their own; a stop word gets only the opt-out reply.
  const greetings = new GreetingService({
    db,
    clock,
    settingsRepo: repos.settings,
    settings,
    contacts: repos.contacts,
    inbox,
    isOptedOut: (id) => optout.isOptedOut(id),
    // A first message that clearly is Russian gets the Russian greeting even before the contact's language is decided.
    languageFor: (contactId, text) => languages.languageFor(contactId, detectLanguage(text)?.confident ? detectLanguage(text)?.lang : null),
  });
  inbox.onInbound((e) => (optout.isOptOutMessage(e.message.body) ? undefined : greetings.onInbound(e)));
  const ownerPause = new OwnerPause(repos.messages, settings, clock);
  assistant.addTurnHandler({ id: 'owner-phone', handle: (t) => ownerPause.pausedUntil(t.conversationId) !== null });
  const ordersDomain = createOrdersDomain({ db, clock, events, settings, inbox, repos, assistant, languages });
  const reportsDomain = createReportsDomain({ db, clock, events, settings });

  const workday = new WorkdayService({
    db,
    conversations: repos.conversations,
    labels: new LabelsRepo(db),
    messages: repos.messages,
    outbox: repos.outbox,
    events,
    clock,
    timeZone: () => settings.get().business.timeZone,
  });

  const closers: (() => void | Promise<void>)[] = [];
  const services: Services = {
    config: { ...config, dataDir: config.dataDir },
    db,
    clock,
    env,
    events,
    secrets,
    repos,
    settings,
    languages,
    quickReplies: new QuickRepliesService(settings),
    inbox,
    contacts,
    jobs,
    downloads,
    backup,
    hub,
    outbox,
    sandbox,
    channels,
    optout,
    reminders,
    knowledge,
    assistant,
    catalog: ordersDomain.catalog,
    orders: ordersDomain.orders,
    orderCapture: ordersDomain.orderCapture,
    reports: reportsDomain.reports,
    media,
    ownerPause,
    workday,
    greetings,
    onClose: (fn) => closers.push(fn),
  };
  // dev.clock.* exists only when a test clock was asked for; it is not part of the typed contract.
  const methods = config.devClock ? mergeMethods(createMethods(services), devClockMethods(config.devClock)) : createMethods(services);
  closers.push(
    () => optout.stop(),
    () => reminderScheduler.stop(),
    () => assistant.stop(),
    () => ordersDomain.stop(),
    () => reportsDomain.stop(),
  );
  closers.push(
    () => backup.stop(),
    () => jobs.stopAll(),
    () => integrity.stop(),
    () => media.stop(),
    () => workday.stop(),
  );
  // First on close: model calls waiting for their turn go now (and end), so no domain waits on a timer.
  closers.push(() => assistant.flushDeferred());
  let closed = false;

  return {
    services,
    methods,
    async start() {
      // Recovering from a damaged database: channels wait until the owner restored a backup or chose to start fresh.
      if (backup.holdStart(() => void this.start())) return;
      await hub.add(sandbox);
      if (config.startWorkers !== false) await channels.start();
      media.start();
      if (config.startWorkers !== false) outbox.start();
      if (config.startWorkers !== false) backup.start();
      if (config.startWorkers !== false) integrity.start();
      optout.start();
      workday.start();
      if (config.startWorkers !== false) reminderScheduler.start();
      if (config.startWorkers !== false) reportsDomain.start();
      if (config.startWorkers !== false) assistant.start();
    },
    async close() {
      if (closed) return;
      closed = true;
      for (const fn of closers.reverse()) {
        try {
          await fn();
        } catch (err) {
          console.error('[app] close step failed', err);
        }
      }
      await outbox.stop();
      await hub.stopAll();
      closeDatabase(db);
      // Only now is the file complete as it lies: the next start may skip the check.
      writeShutdownMarker(config.dataDir, dbPath, clock.now());
    },
  };
}

/** Opens (and migrates) the database; a file SQLite reports as damaged is quarantined and replaced by an empty one. */
function openOrQuarantine(
  dbPath: string,
  dataDir: string,
  now: number,
  secrets: SecretStore,
): { db: Db; recovery: RecoveryInfo | null; schemaBefore: number } {
  // Created owner-only before SQLite opens it (an existing file is tightened to 0600).
  createPrivateFile(dbPath);
  const found = existsSync(dbPath) ? takeRecordedDamage(dataDir) : null;
  if (found) {
    const recovery = quarantine(dbPath, dataDir, found, now);
    createPrivateFile(dbPath);
    const fresh = openDatabase(dbPath);
    migrate(fresh, { secrets });
    return { db: fresh, recovery, schemaBefore: 0 };
  }
  let db: Db | null = null;
  try {
    db = openDatabase(dbPath);
    const schemaBefore = currentVersion(db);
    migrate(db, { secrets });
    return { db, recovery: null, schemaBefore };
  } catch (err) {
    if (!isCorruption(err)) throw err;
    try {
      db?.close();
    } catch {
      // Closing a damaged file may fail too; it is moved aside either way.
    }
    const recovery = quarantine(dbPath, dataDir, (err as Error).message, now);
    createPrivateFile(dbPath);
    const fresh = openDatabase(dbPath);
    migrate(fresh, { secrets });
    return { db: fresh, recovery, schemaBefore: 0 };
  }
}
