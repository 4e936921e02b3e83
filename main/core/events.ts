// Core → UI pushes: every event the renderer (and the shell) can receive, declared here as one discriminated union,
// and the bus that carries them. Transports (IPC, WebSocket) forward every event unchanged. Domains never react to
// these: domain-to-domain reactions go through the domain bus (domain-events.ts).
import type { ChannelStatus } from './channels/channel';
import type { ConversationSummary, Message } from './inbox/types';
import type { AssistantStatus, DraftEvent, ModeInfo, PullState } from './assistant/types';
import type { BackupStatus, IntegrityStatus } from './backup/types';
import type { JobState } from './contacts/job-state';

export interface EventMap {
  'message.new': { conversationId: number; message: Message };
  'message.updated': { conversationId: number; message: Message };
  /** A queued reply was taken back before any channel had it. */
  'message.removed': { conversationId: number; messageId: number };
  'conversation.updated': { conversation: ConversationSummary };
  'contact.updated': { contactId: number };
  /** `from` no longer exists; everything it had now belongs to `into`. */
  'contact.merged': { from: number; into: number; removedConversationId: number | null; conversationId: number | null };
  'contact.removed': { contactId: number; conversationId: number | null };
  /** Many contacts changed at once (an import): lists reload instead of patching row by row. */
  'contacts.changed': { reason: string; count: number };
  'contacts.job': JobState;
  'labels.changed': Record<string, never>;
  'channel.status': ChannelStatus;
  'settings.updated': Record<string, never>;
  'sandbox.delivered': { customerKey: string; text: string; messageId: number; at: number };
  /** A desktop notification. `order`: a new order was placed (orderId set); the shell words its own localized title. */
  'ui.notify': { kind: 'escalation' | 'info' | 'error' | 'order'; title: string; body: string; conversationId?: number; orderId?: number };
  'catalog.updated': { productId?: number };
  'orders.updated': { orderId: number; conversationId: number | null };
  /** Something about reminders changed; contactIds lists whose (empty: many or unknown). */
  'reminders.changed': { contactIds: number[]; missed?: number };
  'optout.changed': { contactId: number; optedOut: boolean };
  /** A message that may be an opt-out ("stop sending me so much"): the owner decides; reminders wait. */
  'optout.unclear': { contactId: number; conversationId: number; messageId: number; said: string };
  'assistant.draft': DraftEvent;
  'assistant.status': AssistantStatus;
  'assistant.pull': PullState;
  'assistant.queue': { open: number };
  'assistant.mode': ModeInfo;
  'knowledge.updated': Record<string, never>;
  'backup.status': BackupStatus;
  /** The data was replaced by a backup: every screen must reload. */
  'app.restored': { name: string };
  'integrity.status': IntegrityStatus;
}

export type EventName = keyof EventMap;
/** One event; `AppEvent` alone is the union of all of them, so `if (e.type === …)` narrows the payload. */
export type AppEvent<K extends EventName = EventName> = { [P in K]: { type: P; payload: EventMap[P] } }[K];

type Listener = (e: AppEvent) => void;

export class EventBus {
  private listeners = new Set<Listener>();

  emit<K extends EventName>(type: K, payload: EventMap[K]): void {
    const event = { type, payload } as AppEvent;
    for (const l of this.listeners) {
      try {
        l(event);
      } catch (err) {
        // A broken subscriber (a closed socket) must never break the write path that emitted.
        console.error('[events] listener failed', err);
      }
    }
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
