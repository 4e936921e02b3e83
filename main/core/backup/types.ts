// The shapes of the backup domain's state (settings, a backup file, the status the UI shows, the background
// check's status). Kept apart from the services so the UI event union can name them without an import cycle.
import { z } from 'zod';
import type { RecoveryInfo } from './integrity';

export type IntegrityState = 'never' | 'running' | 'ok' | 'damaged' | 'failed';
export type IntegrityReason = 'unclean-shutdown' | 'weekly';

export interface IntegrityStatus {
  state: IntegrityState;
  /** When the last finished check ended (null: never checked). */
  checkedAt: number | null;
  reason: IntegrityReason | null;
  /** SQLite's words for the damage, or why the check could not run. */
  detail: string;
  /** When the next check is due (null while one runs). */
  nextAt: number | null;
}

export const backupSettingsSchema = z.object({
  enabled: z.boolean(),
  /** How many backups to keep; older ones are deleted after each new backup. */
  keep: z.number().int().min(1).max(100),
  /** Another folder (a USB disk, a synced folder); empty means <data>/backups. */
  dir: z.string().trim().max(1000),
});
export type BackupSettings = z.infer<typeof backupSettingsSchema>;
export const DEFAULT_BACKUP: BackupSettings = { enabled: true, keep: 7, dir: '' };

export type BackupKind = 'auto' | 'manual' | 'before-restore';

export interface BackupInfo {
  name: string;
  kind: BackupKind;
  createdAt: number;
  size: number;
}

export interface BackupStatus {
  settings: BackupSettings;
  dir: string;
  lastBackupAt: number | null;
  nextBackupAt: number | null;
  lastError: string | null;
  running: boolean;
  recovery: (RecoveryInfo & { latest: BackupInfo | null }) | null;
  /** The background database check (after an unclean shutdown, weekly); null when not wired. */
  integrity: IntegrityStatus | null;
}
