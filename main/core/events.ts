// Core → UI pushes: one typed map, one bus. Transports (IPC, WebSocket) forward every event unchanged.
import type { ChannelStatus } from './channels/channel';
import type { ConversationSummary, Message } from './inbox/types';

export interface EventMap {
  'message.new': { conversationId: number; message: Message };
  'message.updated': { conversationId: number; message: Message };
  'conversation.updated': { conversation: ConversationSummary };
  'contact.updated': { contactId: number };
  'channel.status': ChannelStatus;
  'settings.updated': Record<string, never>;
  'sandbox.delivered': { customerKey: string; text: string; messageId: number; at: number };
  /** A desktop notification. `order`: a new order was placed (orderId set); the shell words its own localized title. */
  'ui.notify': { kind: 'escalation' | 'info' | 'error' | 'order'; title: string; body: string; conversationId?: number; orderId?: number };
}

// Domains added later extend EventMap through declaration merging in their own files.
export type EventName = keyof EventMap;
export interface AppEvent<K extends EventName = EventName> {
  type: K;
  payload: EventMap[K];
}

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
