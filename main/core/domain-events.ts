// Domain-to-domain reactions: every event one domain may react to in another, declared here as one discriminated
// union, and the bus that carries them. Emitted only after the write committed. The UI never sees these (its
// stream is events.ts); a customer message's answers are not here either: they are the inbound pipeline's stages.
import type { Message } from './inbox/types';
import type { QueueItem } from './assistant/types';

export type DomainEvent =
  /** A message was committed: a customer's, the owner's (from Lavka or the phone), an automatic one, a note. */
  | { type: 'message.stored'; conversationId: number; message: Message }
  /** The owner's settings changed (any section). */
  | { type: 'settings.changed' }
  /** An order was placed or changed status. */
  | { type: 'order.changed'; orderId: number; conversationId: number | null }
  /** A customer was erased (by the owner or retention): their rows are gone, files may follow. */
  | { type: 'contact.removed'; contactId: number }
  /** A customer opted out (clear stop word, or the owner decided so). */
  | { type: 'contact.optedOut'; contactId: number }
  /** The owner handled a Needs-you item (sent, dismissed, or answered in the conversation). */
  | { type: 'needsYou.resolved'; item: QueueItem };

export type DomainEventType = DomainEvent['type'];
export type DomainEventOf<K extends DomainEventType> = Extract<DomainEvent, { type: K }>;

type Handler = (e: DomainEvent) => void;

export class DomainBus {
  private readonly handlers = new Map<DomainEventType, Set<Handler>>();

  /** Reacts to one kind of event; handlers run in subscription order, synchronously, each isolated from the others. */
  on<K extends DomainEventType>(type: K, fn: (e: DomainEventOf<K>) => void): () => void {
    let set = this.handlers.get(type);
    if (!set) this.handlers.set(type, (set = new Set()));
    const h = fn as Handler;
    set.add(h);
    return () => set.delete(h);
  }

  emit(e: DomainEvent): void {
    for (const h of this.handlers.get(e.type) ?? []) {
      try {
        h(e);
      } catch (err) {
        // One domain's failing reaction must not break the write that committed, nor the other reactions.
        console.error(`[domain] ${e.type} handler failed`, err);
      }
    }
  }
}
