// The media domain assembled: photos, voice notes and files of messages (<data>/media), and how it hooks into the
// backups (media travels with them) and into erasing a customer (their files follow their rows).
import { join } from 'node:path';
import type { Clock } from '../clock';
import type { Db } from '../db/connection';
import type { MessagesRepo } from '../db/repos/messages-repo';
import type { DomainBus } from '../domain-events';
import type { EventBus } from '../events';
import type { BackupService } from '../backup/service';
import type { ChannelHub } from '../channels/hub';
import type { SettingsService } from '../settings/service';
import { MediaBackups } from './backups';
import { MediaRepo } from './media-repo';
import { MediaService } from './service';
import { MediaStore } from './store';

export interface MediaModuleDeps {
  db: Db;
  dataDir: string;
  messages: MessagesRepo;
  hub: ChannelHub;
  events: EventBus;
  domain: DomainBus;
  clock: Clock;
  settings: SettingsService;
  backup: Pick<BackupService, 'dir' | 'addDailyTask' | 'onBackupsChanged' | 'onRestored'>;
}

export interface MediaModule {
  service: MediaService;
  start(): void;
  stop(): void;
}

export function createMediaModule(d: MediaModuleDeps): MediaModule {
  const repo = new MediaRepo(d.db);
  const store = new MediaStore(join(d.dataDir, 'media'));
  const service = new MediaService({
    db: d.db,
    repo,
    store,
    messages: d.messages,
    hub: d.hub,
    events: d.events,
    clock: d.clock,
    settings: d.settings,
  });
  // Erasing a customer (or retention) deletes their media rows with the messages; the files follow here.
  d.domain.on('contact.removed', () => service.sweep());
  d.backup.addDailyTask(() => service.sweep());
  const backups = new MediaBackups(
    store,
    () => d.backup.dir(),
    () => repo.storedFiles(),
  );
  d.backup.onBackupsChanged(() => backups.afterBackup());
  d.backup.onRestored(() => {
    backups.afterRestore();
    service.sweep();
  });
  return { service, start: () => service.start(), stop: () => service.stop() };
}
