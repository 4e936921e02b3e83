// Composition root: builds every service from a config. The Electron shell and the headless server both call
// createApp(); tests call it with a temp data dir and a fake clock. Nothing here imports Electron or the DOM.
import { detectLanguage } from './assistant/language';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { systemClock } from './clock';
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
import { DomainBus } from './domain-events';
import { InboundPipeline } from './inbound/pipeline';
import { assistantStage, escalationStage, ownerPhoneStage } from './inbound/assistant-stages';
import { createInboxModule } from './inbox/module';
import { createLanguageModule } from './language/module';
import { createMediaModule } from './media/module';
import { createOptOutModule } from './optout/module';
import { createRemindersModule } from './reminders/module';
import { createWorkdayModule } from './workday/module';
import type { InboxService } from './inbox/service';
import { ChannelHub } from './channels/hub';
import { Outbox, DEFAULT_OUTBOX_OPTIONS } from './channels/outbox';
import { SandboxChannel } from './channels/sandbox/sandbox-channel';
import { ChannelManager } from './channels/manager';
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
import { devClockMethods } from './dev-clock';
import { KnowledgeRepo } from './db/repos/knowledge-repo';
import { AssistantRepo } from './db/repos/assistant-repo';
import { TranslationsRepo } from './db/repos/translations-repo';
import { KnowledgeService } from './knowledge/service';
import { AssistantService } from './assistant/service';
import { createOrdersDomain } from './orders/domain';
import { FileSecretStore, SECRETS_FILE, type SecretStore } from './secrets/secret-store';
import { createReportsDomain } from './reports/domain';
import { OwnerPause } from './channels/owner-pause';
import { LabelsRepo } from './db/repos/labels-repo';

import type { AppConfig, Services } from './services';
export type { AppConfig, Services } from './services';

export const DB_FILE = 'lavka.sqlite';

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
  const domain = new DomainBus();
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
  const settings = new SettingsService(repos.settings, events, domain);
  const language = createLanguageModule({ contacts: repos.contacts, messages: repos.messages, settings, events, clock });
  const languages = language.service;
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
    domain,
    clock,
    settings,
    jobs,
    downloads,
    dataDir: config.dataDir,
    quiesce: () => backup.whenIdle(),
    attachments: (conversationId) => media.service.exportOf(conversationId),
    facts: { orders: ORDER_CONTACT_FACTS, optOut: OPT_OUT_CONTACT_FACTS },
  });
  backup.addDailyTask(() => contacts.privacy.applyRetention());
  backup.addDailyTask(() => pruneAssistantAudit(repos.assistant, settings, clock));
  removeStaleWorkFiles(config.dataDir, backup.dir());

  // Channels hand what they receive to the inbox; the inbox hands committed customer messages to the pipeline.
  // (Ports that point at modules built further down are only called once everything below exists.)
  const hub = new ChannelHub(events, {
    receive: (m) => inbox.receive(m),
    receiveMany: (ms) => inbox.receiveMany(ms),
    ack: (ch, id, status, err) => inbox.ack(ch, id, status, err),
    changed: (ch, id, change) => inbox.changed(ch, id, change),
  });
  const media = createMediaModule({ db, dataDir: config.dataDir, messages: repos.messages, hub, events, domain, clock, settings, backup });
  const outbox = new Outbox(
    db,
    repos.outbox,
    repos.messages,
    hub,
    events,
    clock,
    { ...DEFAULT_OUTBOX_OPTIONS, ...config.outbox },
    (messageId) => media.service.outgoing(messageId),
  );
  backup.onRestored(() => outbox.kick());
  const inbox: InboxService = createInboxModule({
    db,
    repos,
    events,
    domain,
    clock,
    media: media.service,
    queued: () => outbox.kick(),
    inbound: (e) => pipeline.arrive(e),
  }).service;
  const sandbox = new SandboxChannel(clock);
  const channels = new ChannelManager(
    { dataDir: config.dataDir, env, clock, settings, settingsRepo: repos.settings, outboxRepo: repos.outbox, hub, outbox, secrets, events },
    config.channels,
  );
  const knowledge = new KnowledgeService(repos.knowledge, settings, events, clock);
  const assistant = new AssistantService({ clock, events, domain, env, settings, inbox, knowledge, repos, model: config.chatModel });
  const optout = createOptOutModule({
    db,
    repo: new OptOutRepo(db),
    contacts: repos.contacts,
    conversations: repos.conversations,
    settingsRepo: repos.settings,
    settings,
    inbox,
    events,
    domain,
    clock,
    languages,
    needsYou: assistant,
  });
  const reminders = createRemindersModule({
    db,
    contacts: repos.contacts,
    inbox,
    optout: optout.service,
    settings,
    languages,
    events,
    domain,
    clock,
    personaliser: {
      model: () => assistant.model,
      grounding: (conversationId) => assistant.context(conversationId, 'auto').grounding,
      prompt: (conversationId, task) => assistant.conversationPrompt(conversationId, task),
    },
  });
  const workday = createWorkdayModule({
    db,
    clock,
    events,
    conversations: repos.conversations,
    labels: new LabelsRepo(db),
    messages: repos.messages,
    outbox: repos.outbox,
    timeZone: () => settings.get().business.timeZone,
    settingsRepo: repos.settings,
    uiLanguage: () => settings.get().preferences.uiLanguage,
    settings,
    contacts: repos.contacts,
    inbox,
    isOptedOut: (id) => optout.service.isOptedOut(id),
    // A first message that clearly is Russian gets the Russian greeting even before the contact's language is decided.
    languageFor: (contactId, text) => languages.languageFor(contactId, detectLanguage(text)?.confident ? detectLanguage(text)?.lang : null),
  });
  const ownerPause = new OwnerPause(repos.messages, settings, clock);
  const ordersDomain = createOrdersDomain({ db, clock, events, domain, settings, inbox, repos, assistant, languages });
  const reportsDomain = createReportsDomain({ db, clock, events, settings });

  // Who answers a customer's message is decided here, in the order declared in inbound/pipeline.ts.
  const pipeline: InboundPipeline = new InboundPipeline({
    language: language.stage,
    optout: optout.stage,
    greeting: workday.stage,
    'owner-phone': ownerPhoneStage(ownerPause),
    orders: ordersDomain.stage,
    escalation: escalationStage(assistant),
    assistant: assistantStage(assistant),
  });

  const closers: (() => void | Promise<void>)[] = [];
  const services: Services = {
    config: { ...config, dataDir: config.dataDir },
    db,
    clock,
    env,
    events,
    domain,
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
    optout: optout.service,
    reminders: reminders.service,
    knowledge,
    assistant,
    catalog: ordersDomain.catalog,
    orders: ordersDomain.orders,
    orderCapture: ordersDomain.orderCapture,
    reports: reportsDomain.reports,
    media: media.service,
    ownerPause,
    workday: workday.service,
    greetings: workday.greetings,
    inbound: pipeline,
    onClose: (fn) => closers.push(fn),
  };
  // dev.clock.* exists only when a test clock was asked for; it is not part of the typed contract.
  const methods = config.devClock ? mergeMethods(createMethods(services), devClockMethods(config.devClock)) : createMethods(services);
  closers.push(
    () => optout.stop(),
    () => reminders.stop(),
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
      if (config.startWorkers !== false) reminders.start();
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
