// What the backup API methods answer: the declared output of each method (JSON-safe by type, checked in tests).
// The renderer sees these through the contract's types; handlers must return values that fit them.
import { z } from 'zod';

export const BackupKindSchema = z.enum(['auto', 'manual', 'before-restore']);

export const BackupInfoSchema = z.strictObject({ name: z.string(), kind: BackupKindSchema, createdAt: z.number(), size: z.number() });

export const IntegrityStateSchema = z.enum(['never', 'failed', 'running', 'ok', 'damaged']);

export const IntegrityStatusSchema = z.strictObject({
  state: IntegrityStateSchema,
  checkedAt: z.number().nullable(),
  reason: z.enum(['weekly', 'unclean-shutdown']).nullable(),
  detail: z.string(),
  nextAt: z.number().nullable(),
});

export const BackupStatusSchema = z.strictObject({
  settings: z.strictObject({ enabled: z.boolean(), keep: z.number(), dir: z.string() }),
  dir: z.string(),
  lastBackupAt: z.number().nullable(),
  nextBackupAt: z.number().nullable(),
  lastError: z.string().nullable(),
  running: z.boolean(),
  recovery: z.strictObject({ damagedFile: z.string(), detail: z.string(), at: z.number(), latest: BackupInfoSchema.nullable() }).nullable(),
  integrity: IntegrityStatusSchema.nullable(),
});

export const BackupListOutput = z.array(BackupInfoSchema);
