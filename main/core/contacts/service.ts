// Contacts: the details the owner edits beside a conversation (name, notes, tags, identities), the Contacts page list,
// streamed export, and the entry points to import, merge and the privacy actions (built here, used through the API).
import { join } from 'node:path';
import type { Clock } from '../clock';
import type { Db } from '../db/connection';
import { AppError, notFound } from '../errors';
import type { EventBus } from '../events';
import type { ContactsRepo } from '../db/repos/contacts-repo';
import { ContactsListRepo } from '../db/repos/contacts-list-repo';
import { ContactDataRepo } from '../db/repos/contact-data-repo';
import type { ConversationsRepo } from '../db/repos/conversations-repo';
import type { SettingsService } from '../settings/service';
import type { Contact, ContactFacets, ContactFilter, ContactListItem, ContactSort } from './types';
import { resolveFacts, type ContactExtensions, type ContactFacts } from './facts';
import { availableColumns, defaultColumns, fileNameFor, mimeFor, writeExport, type ExportColumn, type ExportOptions } from './export';
import type { Downloads } from './downloads';
import type { JobState, Jobs } from './jobs';
import { ContactMerger } from './merge';
import { ContactImporter } from './import';
import { PrivacyService } from './privacy';
import type { DomainBus } from '../domain-events';
import { PHONE_CHANNELS, normaliseEmail, toE164 } from './phone';
import { normaliseTags } from './tags';

export interface ContactsDeps {
  db: Db;
  repo: ContactsRepo;
  conversations: ConversationsRepo;
  events: EventBus;
  clock: Clock;
  settings: SettingsService;
  jobs: Jobs;
  downloads: Downloads;
  dataDir: string;
  /** Waits until no backup is reading the database (see PrivacyService.scrub). */
  quiesce: () => Promise<void>;
  /** Tells 'contact.removed' to other domains (media deletes the files). */
  domain?: DomainBus;
  /** The conversation's photos, voice notes and files for the JSON export (the media domain). */
  attachments?: (conversationId: number) => Promise<unknown[]>;
  /** What other domains (orders, opt-out) show about a contact; absent ones hide their columns. */
  facts: ContactFacts;
}

export class ContactsService {
  readonly merger: ContactMerger;
  readonly importer: ContactImporter;
  readonly privacy: PrivacyService;
  private readonly list: ContactsListRepo;
  private readonly data: ContactDataRepo;
  private extCache: { currency: string; ext: ContactExtensions } | null = null;
  private readonly db: Db;
  private readonly repo: ContactsRepo;
  private readonly events: EventBus;
  private readonly clock: Clock;

  constructor(private readonly d: ContactsDeps) {
    this.db = d.db;
    this.repo = d.repo;
    this.events = d.events;
    this.clock = d.clock;
    this.list = new ContactsListRepo(d.db);
    this.data = new ContactDataRepo(d.db);
    const region = () => d.settings.get().business.region;
    const ext = () => this.extensions();
    this.merger = new ContactMerger(d.db, d.repo, this.data, d.conversations, d.events, d.clock, ext, region);
    this.importer = new ContactImporter(d.db, d.repo, d.events, d.clock, join(d.dataDir, 'imports'), region);
    this.privacy = new PrivacyService({
      db: d.db,
      contacts: d.repo,
      data: this.data,
      list: this.list,
      merger: this.merger,
      events: d.events,
      clock: d.clock,
      settings: d.settings,
      downloads: d.downloads,
      ext,
      quiesce: d.quiesce,
      domain: d.domain,
      attachments: d.attachments,
    });
  }

  /** The registered facts (orders, opt-out) and linked tables; order totals depend on the currency's decimals. */
  extensions(): ContactExtensions {
    const currency = this.d.settings.get().business.currency;
    if (!this.extCache || this.extCache.currency !== currency) this.extCache = { currency, ext: resolveFacts(this.d.facts, currency) };
    return this.extCache.ext;
  }

  get(id: number): Contact {
    const c = this.repo.get(id);
    if (!c) throw notFound('Contact', id);
    return c;
  }

  update(id: number, patch: { name?: string; notes?: string; tags?: string[]; language?: string | null }): Contact {
    if (!this.repo.exists(id)) throw notFound('Contact', id);
    this.db.transaction(() => {
      this.repo.update(id, patch, this.clock.now());
      if (patch.tags) this.repo.setTags(id, normaliseTags(patch.tags));
    })();
    this.events.emit('contact.updated', { contactId: id });
    return this.get(id);
  }

  /** Adds an address the owner knows (e.g. the customer's email or a second phone). Phones are stored as E.164. */
  addIdentity(contactId: number, channel: string, externalId: string, display = ''): Contact {
    if (!this.repo.exists(contactId)) throw notFound('Contact', contactId);
    let ext = externalId.trim();
    if (PHONE_CHANNELS.has(channel)) {
      const e164 = toE164(ext, this.d.settings.get().business.region);
      if (!e164)
        throw new AppError('invalid_input', `"${externalId}" is not a valid phone number`, undefined, {
          reason: 'invalid_phone',
          params: { value: externalId },
        });
      ext = e164;
    } else if (channel === 'email') {
      const e = normaliseEmail(ext);
      if (!e)
        throw new AppError('invalid_input', `"${externalId}" is not a valid email address`, undefined, {
          reason: 'invalid_email',
          params: { value: externalId },
        });
      ext = e;
    }
    const existing = this.repo.findIdentity(channel, ext);
    if (existing && existing.contactId !== contactId) {
      throw new AppError(
        'conflict',
        `${channel} ${ext} already belongs to another contact`,
        { contactId: existing.contactId },
        { reason: 'address_taken', params: { value: ext } },
      );
    }
    if (!existing) this.repo.addIdentity(contactId, channel, ext, display, this.clock.now());
    this.events.emit('contact.updated', { contactId });
    return this.get(contactId);
  }

  /** Removes an address. The last one may go too: the contact and its history stay, it just cannot be written to. */
  removeIdentity(contactId: number, identityId: number): Contact {
    const i = this.repo.identity(identityId);
    if (!i || i.contactId !== contactId) throw notFound('Identity', identityId);
    this.repo.removeIdentity(identityId);
    this.events.emit('contact.updated', { contactId });
    return this.get(contactId);
  }

  /** A window of the Contacts page. The page asks for rows as they scroll into view. */
  page(filter: ContactFilter, sort: ContactSort, offset: number, limit: number): { items: ContactListItem[]; total: number } {
    const ext = this.extensions();
    return { items: this.list.page(filter, sort, offset, limit, ext), total: this.list.count(filter, ext) };
  }

  facets(): ContactFacets & { exportColumns: ExportColumn[]; defaultExportColumns: ExportColumn[] } {
    const ext = this.extensions();
    return {
      total: this.list.total(),
      tags: this.list.tagCounts(),
      channels: this.list.channelCounts(),
      hasOrders: ext.orders !== null,
      hasOptOut: ext.optOut !== null,
      currency: this.d.settings.get().business.currency,
      exportColumns: availableColumns(ext),
      defaultExportColumns: defaultColumns(ext),
    };
  }

  /** Starts a streamed export as a job; its result names a download. */
  startExport(opts: ExportOptions): JobState {
    const s = this.d.settings.get();
    const now = this.clock.now();
    const fileName = fileNameFor(opts.format, now, s.business.timeZone);
    return this.d.jobs.start('export', async (job) => {
      const { id, path } = this.d.downloads.newPath(fileName);
      const r = await writeExport(
        path,
        opts,
        {
          list: this.list,
          ext: this.extensions(),
          timeZone: s.business.timeZone,
          currency: s.business.currency,
          language: s.preferences.uiLanguage === 'ru' ? 'ru' : 'en',
        },
        job,
      );
      const f = this.d.downloads.add(id, path, fileName, mimeFor(opts.format));
      return { downloadId: f.id, fileName, rows: r.rows, bytes: r.bytes };
    });
  }
}
