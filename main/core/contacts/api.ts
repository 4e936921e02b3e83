// contacts.* and privacy.* API methods: the contact card, the Contacts page, export/import jobs, merge and erase.
import { z } from 'zod';
import type { ContactsService } from './service';
import type { Jobs } from './jobs';
import type { BackupService } from '../backup/service';
import { method, noInput, nothing } from '../api/define';
import {
  ContactSchema,
  ContactsDuplicatesOutput,
  ContactsEraseOutput,
  ContactsErasePreviewOutput,
  ContactsExportDataOutput,
  ContactsFacetsOutput,
  ContactsImportBeginOutput,
  ContactsImportChunkOutput,
  ContactsListOutput,
  JobStateSchema,
  MergePreviewSchema,
  MergeResultSchema,
  PrivacyApplyRetentionOutput,
  PrivacyGetOutput,
  PrivacyRetentionPreviewOutput,
  PrivacySetOutput,
} from './outputs';
import { EXPORT_COLUMNS } from './export';
import { IMPORT_FIELDS, MAX_IMPORT_BYTES } from './import';
import { privacySettingsSchema } from './privacy';

const id = z.number().int().positive();
const channel = z.enum(['whatsapp', 'telegram', 'email', 'phone', 'sandbox']);
const filter = z
  .object({
    query: z.string().max(200).optional(),
    tag: z.string().max(40).optional(),
    channel: z.string().max(40).optional(),
    optedOut: z.boolean().optional(),
  })
  .default({});
const sort = z.enum(['name', 'lastContact', 'spent']).default('name');
const jobId = z.object({ jobId: z.string().min(1).max(40) });
const delimiter = z.enum([',', ';', '\t']);
const importOptions = {
  uploadId: z.string().min(1).max(40),
  delimiter: delimiter.optional(),
  encoding: z.enum(['utf-8', 'windows-1251', 'windows-1252']).optional(),
  mapping: z.array(z.enum(IMPORT_FIELDS)).max(500).optional(),
  duplicates: z.enum(['merge', 'skip']).default('merge'),
};

/** The services these methods call, and nothing else. */
export interface ContactsApiDeps {
  contacts: ContactsService;
  jobs: Jobs;
  backup: BackupService;
}

export function contactsApi(s: ContactsApiDeps) {
  const c = s.contacts;
  return {
    'contacts.get': method(z.object({ contactId: id }), ContactSchema, (i) => c.get(i.contactId), 'A contact with identities and tags.'),
    'contacts.update': method(
      z.object({
        contactId: id,
        name: z.string().trim().min(1).max(200).optional(),
        notes: z.string().max(20_000).optional(),
        tags: z.array(z.string().max(40)).max(50).optional(),
        language: z
          .string()
          .regex(/^[a-z]{2}$/)
          .nullable()
          .optional(),
      }),
      ContactSchema,
      ({ contactId, ...patch }) => c.update(contactId, patch),
      'Edits name, notes, tags or language.',
    ),
    'contacts.addIdentity': method(
      z.object({ contactId: id, channel, externalId: z.string().trim().min(1).max(200), display: z.string().max(200).optional() }),
      ContactSchema,
      (i) => c.addIdentity(i.contactId, i.channel, i.externalId, i.display),
      'Adds an address (phone, email, Telegram id) to a contact. Phones are stored in E.164.',
    ),
    'contacts.removeIdentity': method(
      z.object({ contactId: id, identityId: id }),
      ContactSchema,
      (i) => c.removeIdentity(i.contactId, i.identityId),
      'Removes one address from a contact.',
    ),
    'contacts.list': method(
      z.object({ filter, sort, offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(500).default(100) }),
      ContactsListOutput,
      (i) => c.page(i.filter, i.sort, i.offset, i.limit),
      'A window of the Contacts page (filtered, sorted) and the total that matches.',
    ),
    'contacts.facets': method(
      noInput,
      ContactsFacetsOutput,
      () => c.facets(),
      'Tags and channels with counts, and which optional columns exist.',
    ),
    'contacts.export': method(
      z.object({
        format: z.enum(['csv', 'google', 'vcard']).default('csv'),
        columns: z.array(z.enum(EXPORT_COLUMNS)).max(EXPORT_COLUMNS.length).default([]),
        bom: z.boolean().default(true),
        delimiter: delimiter.default(','),
        filter,
        ids: z.array(id).max(200_000).optional(),
      }),
      JobStateSchema,
      (i) => c.startExport(i),
      'Starts a streamed export (job); the finished job names a download.',
    ),
    'contacts.job': method(jobId, JobStateSchema, (i) => s.jobs.get(i.jobId), 'State of an export/import/backup job.'),
    'contacts.jobCancel': method(
      jobId,
      JobStateSchema,
      (i) => s.jobs.cancel(i.jobId),
      'Cancels a running job; nothing it started is kept.',
    ),
    'contacts.importBegin': method(
      z.object({ fileName: z.string().min(1).max(300), size: z.number().int().min(0).max(MAX_IMPORT_BYTES) }),
      ContactsImportBeginOutput,
      (i) => c.importer.begin(i.fileName, i.size),
      'Starts uploading a CSV file for import.',
    ),
    'contacts.importChunk': method(
      z.object({ uploadId: z.string().min(1).max(40), index: z.number().int().min(0), data: z.string().max(1_500_000) }),
      ContactsImportChunkOutput,
      (i) => c.importer.chunk(i.uploadId, i.index, i.data),
      'One base64 piece (up to 1 MB) of the uploaded file, in order.',
    ),
    'contacts.importPreview': method(
      z.object(importOptions),
      JobStateSchema,
      (i) => s.jobs.start('import-preview', (job) => c.importer.preview(i.uploadId, i, job)),
      'Checks the uploaded file (job): mapping, per-row errors, duplicates. Changes nothing.',
    ),
    'contacts.importCommit': method(
      z.object({ ...importOptions, skipErrors: z.boolean().default(false) }),
      JobStateSchema,
      (i) => s.jobs.start('import', (job) => c.importer.commit(i.uploadId, i, job)),
      'Imports the file in one transaction (job); cancelling leaves the contacts untouched.',
    ),
    'contacts.importDiscard': method(
      z.object({ uploadId: z.string().min(1).max(40) }),
      nothing,
      (i) => c.importer.discard(i.uploadId),
      'Forgets an upload.',
    ),
    'contacts.duplicates': method(
      z.object({ limit: z.number().int().min(1).max(500).default(100) }),
      ContactsDuplicatesOutput,
      (i) => c.merger.suggestions(i.limit),
      'Pairs of contacts that look like one person (same phone in another format, same email, same name).',
    ),
    'contacts.dismissDuplicate': method(
      z.object({ a: id, b: id }),
      nothing,
      (i) => c.merger.dismiss(i.a, i.b),
      '"Not the same person": stop suggesting this pair.',
    ),
    'contacts.mergePreview': method(
      z.object({ survivorId: id, otherId: id }),
      MergePreviewSchema,
      (i) => c.merger.preview(i.survivorId, i.otherId),
      'Both contacts with their message and related-record counts, before merging.',
    ),
    'contacts.merge': method(
      z.object({ survivorId: id, otherId: id, name: z.string().trim().min(1).max(200).optional() }),
      MergeResultSchema,
      (i) => c.merger.merge(i.survivorId, i.otherId, { name: i.name }),
      'Moves identities, messages, tags, notes, orders and reminders of otherId to survivorId and removes otherId.',
    ),
    'contacts.erasePreview': method(
      z.object({ contactId: id }),
      ContactsErasePreviewOutput,
      (i) => c.privacy.erasePreview(i.contactId),
      'What erasing this customer removes.',
    ),
    'contacts.erase': method(
      z.object({ contactId: id, purgeBackups: z.boolean().default(false) }),
      ContactsEraseOutput,
      async (i) => {
        const r = await c.privacy.erase(i.contactId);
        return { ...r, backupsDeleted: i.purgeBackups ? await s.backup.purgeAndRenew() : 0 };
      },
      'Erases a customer (messages, reminders, search entries; orders anonymised) and scrubs the database files.',
    ),
    'contacts.exportData': method(
      z.object({ contactId: id, format: z.enum(['json', 'csv']) }),
      ContactsExportDataOutput,
      (i) => c.privacy.exportCustomer(i.contactId, i.format),
      "One customer's data for a data request: JSON (everything) or CSV (messages). Returns a download.",
    ),
    'privacy.get': method(
      noInput,
      PrivacyGetOutput,
      () => ({ ...c.privacy.settings(), preview: c.privacy.retentionPreview() }),
      'Retention setting and what it would delete now.',
    ),
    'privacy.set': method(
      privacySettingsSchema,
      PrivacySetOutput,
      (i) => c.privacy.setSettings(i),
      'Sets the message retention period (0 = keep forever).',
    ),
    'privacy.retentionPreview': method(
      z.object({ months: z.number().int().min(0).max(240) }),
      PrivacyRetentionPreviewOutput,
      (i) => c.privacy.retentionPreview(i.months),
      'How many messages a retention period would delete now.',
    ),
    'privacy.applyRetention': method(
      noInput,
      PrivacyApplyRetentionOutput,
      () => c.privacy.applyRetention(),
      'Deletes messages older than the retention period now.',
    ),
  };
}
