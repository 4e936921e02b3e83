// Per conversation: does a Telegram reply go out from the owner's own account (Telegram Business) or from the bot,
// and until when Telegram allows the business route. The composer shows it.
import type { ContactsRepo } from '../../db/repos/contacts-repo';
import type { ConversationsRepo } from '../../db/repos/conversations-repo';
import type { ChannelHub } from '../hub';
import { TELEGRAM } from './inbound';
import { TelegramChannel } from './telegram-channel';

export type ReplyWindow = { via: 'bot' } | { via: 'business'; until: number; refused: 'disabled' | 'no_rights' | 'window_closed' | null };

export interface ReplyWindowDeps {
  hub: ChannelHub;
  conversations: ConversationsRepo;
  contacts: ContactsRepo;
}

/** The running Telegram channel, if there is one. */
export function telegramChannel(hub: ChannelHub): TelegramChannel | null {
  const ch = hub.get(TELEGRAM);
  return ch instanceof TelegramChannel ? ch : null;
}

export function telegramReplyWindow(d: ReplyWindowDeps, conversationId: number): ReplyWindow {
  const contactId = d.conversations.contactId(conversationId);
  const identity = contactId === undefined ? undefined : d.contacts.addressFor(contactId, TELEGRAM);
  const ch = telegramChannel(d.hub);
  if (!identity || !ch || !/^-?\d+$/.test(identity.external_id)) return { via: 'bot' };
  const r = ch.replyRoute(Number(identity.external_id));
  return r.via === 'bot' ? { via: 'bot' } : { via: 'business', until: r.until, refused: 'refused' in r ? r.refused : null };
}
