// Contact details the owner edits beside a conversation: name, notes, tags, identities.
import type { Clock } from '../clock';
import type { Db } from '../db/connection';
import { AppError, notFound } from '../errors';
import type { EventBus } from '../events';
import type { ContactsRepo } from '../db/repos/contacts-repo';
import type { Contact } from './types';

export class ContactsService {
  constructor(
    private readonly db: Db,
    private readonly repo: ContactsRepo,
    private readonly events: EventBus,
    private readonly clock: Clock,
  ) {}

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

  /** Adds an address the owner knows (e.g. the customer's email or a second phone). */
  addIdentity(contactId: number, channel: string, externalId: string, display = ''): Contact {
    if (!this.repo.exists(contactId)) throw notFound('Contact', contactId);
    const existing = this.repo.findIdentity(channel, externalId);
    if (existing && existing.contactId !== contactId) {
      throw new AppError('conflict', `${channel} ${externalId} already belongs to another contact`, { contactId: existing.contactId });
    }
    if (!existing) this.repo.addIdentity(contactId, channel, externalId, display, this.clock.now());
    this.events.emit('contact.updated', { contactId });
    return this.get(contactId);
  }
}

export function normaliseTags(tags: readonly string[]): string[] {
  const out = new Set<string>();
  for (const t of tags) {
    const tag = t.trim().toLowerCase().slice(0, 40);
    if (tag) out.add(tag);
  }
  return [...out].sort();
}
