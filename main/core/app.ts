// Composition root: builds every service from a config. The Electron shell and the headless server both call
// createApp(); tests call it with a temp data dir and a fake clock. Nothing here imports Electron or the DOM.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { systemClock, type Clock } from './clock';
import { openDatabase, closeDatabase, type Db } from './db/connection';
import { migrate } from './db/migrate';
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
import { Jobs } from './contacts/jobs';
import { Downloads } from './contacts/downloads';
import { BackupService } from './backup/service';
import { checkDatabaseFile, quarantine, type RecoveryInfo } from './backup/integrity';
import { SettingsService } from './settings/service';
import { QuickRepliesService } from './quickreplies/service';
import { createMethods } from './api/contract';
import type { MethodMap } from './api/define';

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
}

export const DB_FILE = 'lavka.sqlite';

export interface Services {
  config: Required<Pick<AppConfig, 'dataDir'>> & AppConfig;
  db: Db;
  clock: Clock;
  env: Record<string, string | undefined>;
  events: EventBus;
  repos: {
    settings: SettingsRepo;
    contacts: ContactsRepo;
    conversations: ConversationsRepo;
    messages: MessagesRepo;
    outbox: OutboxRepo;
    search: SearchRepo;
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
  mkdirSync(config.dataDir, { recursive: true });
  const clock = config.clock ?? systemClock;
  const env = config.env ?? process.env;
  const dbPath = join(config.dataDir, DB_FILE);
  // A damaged file is moved aside before anything opens it; Lavka starts on an empty one and the UI offers a backup.
  const health = checkDatabaseFile(dbPath);
  const recovery: RecoveryInfo | null = health.state === 'damaged' ? quarantine(dbPath, config.dataDir, health.detail, clock.now()) : null;
  const db = openDatabase(dbPath);
  migrate(db);

  const events = new EventBus();
  const repos = {
    settings: new SettingsRepo(db),
    contacts: new ContactsRepo(db),
    conversations: new ConversationsRepo(db),
    messages: new MessagesRepo(db),
    outbox: new OutboxRepo(db),
    search: new SearchRepo(db),
  };
  const settings = new SettingsService(repos.settings, events);
  const inbox = new InboxService(db, repos.contacts, repos.conversations, repos.messages, repos.outbox, repos.search, events, clock);
  const jobs = new Jobs(events, clock);
  const downloads = new Downloads(join(config.dataDir, 'exports'), clock);
  const backup = new BackupService({ db, dataDir: config.dataDir, clock, events, settings, jobs, recovery });
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
  });
  backup.addDailyTask(() => contacts.privacy.applyRetention());
  const hub = new ChannelHub(events, {
    receive: (m) => inbox.receive(m),
    ack: (ch, id, status, err) => inbox.ack(ch, id, status, err),
  });
  const outbox = new Outbox(db, repos.outbox, repos.messages, hub, events, clock, { ...DEFAULT_OUTBOX_OPTIONS, ...config.outbox });
  inbox.onQueued = () => outbox.kick();
  backup.onRestored(() => outbox.kick());
  const sandbox = new SandboxChannel(clock);
  const channels = new ChannelManager(
    { dataDir: config.dataDir, env, clock, settings, settingsRepo: repos.settings, outboxRepo: repos.outbox, hub, outbox },
    config.channels,
  );

  const closers: (() => void | Promise<void>)[] = [];
  const services: Services = {
    config: { ...config, dataDir: config.dataDir },
    db,
    clock,
    env,
    events,
    repos,
    settings,
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
    onClose: (fn) => closers.push(fn),
  };
  const methods = createMethods(services);
  closers.push(() => backup.stop(), () => jobs.stopAll());
  let closed = false;

  return {
    services,
    methods,
    async start() {
      // Recovering from a damaged database: channels wait until the owner restored a backup or chose to start fresh.
      if (backup.holdStart(() => void this.start())) return;
      await hub.add(sandbox);
      if (config.startWorkers !== false) await channels.start();
      if (config.startWorkers !== false) outbox.start();
      if (config.startWorkers !== false) backup.start();
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
    },
  };
}
