// What the contacts API methods answer: the declared output of each method (JSON-safe by type, checked in tests).
// The renderer sees these through the contract's types; handlers must return values that fit them.
import { z } from 'zod';
import { privacySettingsSchema } from './privacy';
import { EXPORT_COLUMNS } from './export';

export const IdentitySchema = z.strictObject({
  id: z.number(),
  channel: z.string(),
  externalId: z.string(),
  display: z.string(),
  lastSeenAt: z.number().nullable(),
});

export const ContactSchema = z.strictObject({
  id: z.number(),
  name: z.string(),
  notes: z.string(),
  language: z.string().nullable(),
  languageByOwner: z.boolean(),
  tags: z.array(z.string()),
  identities: z.array(IdentitySchema),
  createdAt: z.number(),
  updatedAt: z.number(),
});

export const ContactListItemSchema = z.strictObject({
  id: z.number(),
  name: z.string(),
  channels: z.array(z.string()),
  phones: z.array(z.string()),
  phonesDisplay: z.array(z.string()),
  emails: z.array(z.string()),
  telegram: z.array(z.string()),
  tags: z.array(z.string()),
  firstContactAt: z.number().nullable(),
  lastContactAt: z.number().nullable(),
  conversationId: z.number().nullable(),
  orderCount: z.number().nullable(),
  orderTotal: z.number().nullable(),
  optedOut: z.boolean().nullable(),
});

export const JobKindSchema = z.enum(['export', 'import-preview', 'import', 'backup', 'restore', 'erase']);

export const ErrorCodeSchema = z.enum([
  'invalid_input',
  'not_found',
  'unknown_method',
  'conflict',
  'setup_required',
  'channel_unavailable',
  'assistant_unavailable',
  'unauthorized',
  'internal',
]);

export const JobStateSchema = z.strictObject({
  id: z.string(),
  kind: JobKindSchema,
  state: z.enum(['failed', 'cancelled', 'running', 'done']),
  done: z.number(),
  total: z.number(),
  phase: z.string(),
  error: z.strictObject({ code: ErrorCodeSchema, message: z.string() }).nullable(),
  result: z.unknown(),
  startedAt: z.number(),
  finishedAt: z.number().nullable(),
});

export const DuplicateReasonSchema = z.enum(['same_phone', 'same_email', 'same_name']);

export const DuplicateSuggestionSchema = z.strictObject({
  a: z.strictObject({ id: z.number(), name: z.string(), channels: z.array(z.string()) }),
  b: z.strictObject({ id: z.number(), name: z.string(), channels: z.array(z.string()) }),
  reason: DuplicateReasonSchema,
  value: z.string(),
});

/** One side of a merge: the contact with how much history and related data it brings. */
const MergeSideSchema = ContactSchema.extend({ messageCount: z.number(), related: z.record(z.string(), z.number()) });

export const MergePreviewSchema = z.strictObject({ survivor: MergeSideSchema, other: MergeSideSchema });

export const MergeResultSchema = z.strictObject({
  contact: ContactSchema,
  movedMessages: z.number(),
  moved: z.record(z.string(), z.number()),
});

export const ContactsListOutput = z.strictObject({ items: z.array(ContactListItemSchema), total: z.number() });

export const ContactsFacetsOutput = z.strictObject({
  total: z.number(),
  tags: z.array(z.strictObject({ tag: z.string(), count: z.number() })),
  channels: z.array(z.strictObject({ channel: z.string(), count: z.number() })),
  hasOrders: z.boolean(),
  hasOptOut: z.boolean(),
  currency: z.string(),
  exportColumns: z.array(z.enum(EXPORT_COLUMNS)),
  defaultExportColumns: z.array(z.enum(EXPORT_COLUMNS)),
});

export const ContactsImportBeginOutput = z.strictObject({ uploadId: z.string() });

export const ContactsImportChunkOutput = z.strictObject({ received: z.number() });

export const ContactsDuplicatesOutput = z.array(DuplicateSuggestionSchema);

export const ContactsErasePreviewOutput = z.strictObject({
  name: z.string(),
  messages: z.number(),
  related: z.record(z.string(), z.number()),
});

export const ContactsEraseOutput = z.strictObject({
  backupsDeleted: z.number(),
  contactId: z.number(),
  messages: z.number(),
  related: z.record(z.string(), z.number()),
  walTruncated: z.boolean(),
});

export const ContactsExportDataOutput = z.strictObject({ downloadId: z.string(), fileName: z.string(), size: z.number() });

export const PrivacyGetOutput = z.strictObject({
  preview: z.strictObject({ months: z.number(), messages: z.number(), cutoff: z.number().nullable() }),
  retentionMonths: z.number(),
});

export const PrivacySetOutput = privacySettingsSchema;

export const PrivacyRetentionPreviewOutput = z.strictObject({ months: z.number(), messages: z.number(), cutoff: z.number().nullable() });

export const PrivacyApplyRetentionOutput = z.strictObject({ deleted: z.number() });
