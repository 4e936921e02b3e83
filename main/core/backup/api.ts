// backup.* API methods: status and list, "Back up now", restore, settings, and the damaged-database recovery choices.
import { z } from 'zod';
import type { Services } from '../services';
import { method, noInput } from '../api/define';
import { backupSettingsSchema } from './service';

export function backupMethods(s: Services) {
  const b = s.backup;
  return {
    'backup.status': method(noInput, () => b.status(), 'Last and next backup, settings, and whether the database needs recovery.'),
    'backup.list': method(noInput, () => b.list(), 'Backups, newest first.'),
    'backup.now': method(noInput, () => b.startBackup(), 'Makes a backup now (job).'),
    'backup.restore': method(
      z.object({ name: z.string().min(1).max(200) }),
      (i) => b.startRestore(i.name),
      'Replaces all data with a checked backup (job); the present data is saved as a backup first.',
    ),
    'backup.setSettings': method(backupSettingsSchema, (i) => b.setSettings(i), 'Daily backups on/off, how many to keep, and where.'),
    'backup.startFresh': method(noInput, () => b.startFresh(), 'After a damaged database: continue with an empty one.'),
  };
}
