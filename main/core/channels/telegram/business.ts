// Telegram Business: the owner connects the shop's bot to their own Telegram account (Telegram → Settings → Telegram
// Business → Chatbots), and customers who write to the owner's account land in Lavka too. The Bot API then sends
// business_connection / business_message / edited_business_message / deleted_business_messages updates, and replies
// go out as the owner with business_connection_id — allowed only in chats where the customer wrote in the last 24 hours
// (https://core.telegram.org/bots/api#businessconnection). This file holds the connection state; no network here.
import { z } from 'zod';

/** Telegram lets a business bot act only in chats active in the last 24 hours. */
export const BUSINESS_REPLY_WINDOW_MS = 24 * 60 * 60_000;
const MAX_CHATS = 5000;

const stateSchema = z.object({
  connections: z.record(
    z.string(),
    z.object({ userId: z.number(), userChatId: z.number(), enabled: z.boolean(), canReply: z.boolean(), name: z.string() }),
  ),
  /** Chats whose latest customer message came through the owner's account, and when. */
  chats: z.record(z.string(), z.object({ connectionId: z.string(), lastCustomerAt: z.number() })),
});
export type BusinessState = z.infer<typeof stateSchema>;

/** Where the state is kept between runs (a settings row); channels never touch SQLite themselves. */
export interface BusinessStore {
  load(): unknown;
  save(state: BusinessState): void;
}

export const memoryBusinessStore = (): BusinessStore => {
  let v: unknown = null;
  return { load: () => v, save: (s) => (v = structuredClone(s)) };
};

export type ReplyRoute =
  | { via: 'bot' }
  | { via: 'business'; connectionId: string; until: number }
  | { via: 'business'; connectionId: string; refused: 'disabled' | 'no_rights' | 'window_closed'; until: number };

export class BusinessConnections {
  private state: BusinessState;

  constructor(private readonly store: BusinessStore) {
    const parsed = stateSchema.safeParse(store.load());
    this.state = parsed.success ? parsed.data : { connections: {}, chats: {} };
  }

  /** business_connection update: connected, changed rights, or disconnected (is_enabled false). */
  onConnection(raw: unknown): { id: string; enabled: boolean; canReply: boolean } | null {
    const c = raw as {
      id?: unknown;
      user?: { id?: unknown; first_name?: unknown };
      user_chat_id?: unknown;
      is_enabled?: unknown;
      can_reply?: unknown;
      rights?: { can_reply?: unknown };
    };
    if (!c || typeof c.id !== 'string' || typeof c.user?.id !== 'number') return null;
    // Bot API 9.0 moved can_reply into rights; older servers send the flag itself.
    const canReply = c.rights ? c.rights.can_reply === true : c.can_reply === true;
    this.state.connections[c.id] = {
      userId: c.user.id,
      userChatId: typeof c.user_chat_id === 'number' ? c.user_chat_id : c.user.id,
      enabled: c.is_enabled === true,
      canReply,
      name: typeof c.user.first_name === 'string' ? c.user.first_name : '',
    };
    this.save();
    return { id: c.id, enabled: c.is_enabled === true, canReply };
  }

  /** The account owner behind a connection (their own messages in business chats are the owner's replies). */
  ownerOf(connectionId: string): number | undefined {
    return this.state.connections[connectionId]?.userId;
  }

  /** A customer wrote in a business chat: replies to that chat go through the connection for the next 24 hours. */
  customerWrote(chatId: number, connectionId: string, at: number): void {
    const key = String(chatId);
    delete this.state.chats[key];
    this.state.chats[key] = { connectionId, lastCustomerAt: at };
    const keys = Object.keys(this.state.chats);
    if (keys.length > MAX_CHATS) delete this.state.chats[keys[0]];
    this.save();
  }

  /** The customer wrote to the bot itself: replies go from the bot again. */
  customerWroteToBot(chatId: number): void {
    if (!(String(chatId) in this.state.chats)) return;
    delete this.state.chats[String(chatId)];
    this.save();
  }

  route(chatId: number, now: number): ReplyRoute {
    const chat = this.state.chats[String(chatId)];
    if (!chat) return { via: 'bot' };
    const until = chat.lastCustomerAt + BUSINESS_REPLY_WINDOW_MS;
    const conn = this.state.connections[chat.connectionId];
    if (!conn?.enabled) return { via: 'business', connectionId: chat.connectionId, refused: 'disabled', until };
    if (!conn.canReply) return { via: 'business', connectionId: chat.connectionId, refused: 'no_rights', until };
    if (now > until) return { via: 'business', connectionId: chat.connectionId, refused: 'window_closed', until };
    return { via: 'business', connectionId: chat.connectionId, until };
  }

  /** For Settings → Channels: the owner's connected accounts. */
  list(): { id: string; name: string; enabled: boolean; canReply: boolean }[] {
    return Object.entries(this.state.connections).map(([id, c]) => ({ id, name: c.name, enabled: c.enabled, canReply: c.canReply }));
  }

  private save(): void {
    this.store.save(this.state);
  }
}

export const BUSINESS_REFUSALS: Record<'disabled' | 'no_rights' | 'window_closed', string> = {
  disabled:
    'Your Telegram account disconnected the bot (Telegram → Settings → Telegram Business → Chatbots). Answer this customer in Telegram.',
  no_rights:
    'The bot may read but not reply in your Telegram account. Allow “Reply to messages” in Telegram → Settings → Telegram Business → Chatbots.',
  window_closed:
    'Telegram lets the bot answer in your account only within 24 hours of the customer’s last message. Answer this customer in Telegram.',
};
