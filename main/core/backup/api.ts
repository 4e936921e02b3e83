// backup.* API methods: status and list, "Back up now", restore, settings, and the damaged-database recovery choices.
import { z } from 'zod';
import type { BackupService } from './service';
import { method, noInput } from '../api/define';
import { BackupListOutput, BackupStatusSchema } from './outputs';
import { JobStateSchema } from '../contacts/outputs';
import { backupSettingsSchema } from './service';

/** The services these methods call, and nothing else. */
export interface BackupApiDeps {
  backup: BackupService;
}

export function backupApi(s: BackupApiDeps) {
  const b = s.backup;
  return {
    'backup.status': method(
      noInput,
      BackupStatusSchema,
      () => b.status(),
      'Last and next backup, settings, and whether the database needs recovery.',
    ),
    'backup.list': method(noInput, BackupListOutput, () => b.list(), 'Backups, newest first.'),
    'backup.now': method(noInput, JobStateSchema, () => b.startBackup(), 'Makes a backup now (job).'),
    'backup.restore': method(
      z.object({ name: z.string().min(1).max(200) }),
      JobStateSchema,
      (i) => b.startRestore(i.name),
      'Replaces all data with a checked backup (job); the present data is saved as a backup first.',
    ),
    'backup.setSettings': method(
      backupSettingsSchema,
      BackupStatusSchema,
      (i) => b.setSettings(i),
      'Daily backups on/off, how many to keep, and where.',
    ),
    'backup.startFresh': method(noInput, BackupStatusSchema, () => b.startFresh(), 'After a damaged database: continue with an empty one.'),
  };
}
