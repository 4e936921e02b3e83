// The inbox assembled: stores what channels hand over and what the owner sends; a committed customer message goes
// on to the inbound pipeline, every committed message is told on the domain bus, a queued one wakes the outbox.
import type { Clock } from '../clock';
import type { Db } from '../db/connection';
import type { ContactsRepo } from '../db/repos/contacts-repo';
import type { ConversationsRepo } from '../db/repos/conversations-repo';
import type { MessagesRepo } from '../db/repos/messages-repo';
import type { OutboxRepo } from '../db/repos/outbox-repo';
import type { SearchRepo } from '../db/repos/search-repo';
import type { DomainBus } from '../domain-events';
import type { EventBus } from '../events';
import type { InboundEvent } from '../inbound/stage';
import { IdleCheckpoints } from '../db/checkpoints';
import { InboxService, type InboxMedia } from './service';

export interface InboxModuleDeps {
  db: Db;
  repos: { contacts: ContactsRepo; conversations: ConversationsRepo; messages: MessagesRepo; outbox: OutboxRepo; search: SearchRepo };
  events: EventBus;
  domain: DomainBus;
  clock: Clock;
  media: InboxMedia;
  /** The outbox: woken after an outgoing message is committed. */
  queued: () => void;
  /** The inbound pipeline's entry (InboundPipeline.arrive). */
  inbound: (e: InboundEvent) => unknown;
}

export function createInboxModule(d: InboxModuleDeps): { service: InboxService } {
  const { repos } = d;
  const checkpoints = new IdleCheckpoints(d.db, d.clock);
  const service = new InboxService({
    db: d.db,
    contacts: repos.contacts,
    conversations: repos.conversations,
    messages: repos.messages,
    outbox: repos.outbox,
    search: repos.search,
    events: d.events,
    domain: d.domain,
    clock: d.clock,
    media: d.media,
    queued: d.queued,
    inbound: d.inbound,
    // A message's commit never waits for a WAL checkpoint: it runs right after, once the caller yields.
    committed: () => checkpoints.committed(),
  });
  return { service };
}
