// Telegram Business API methods: the owner's connected accounts (Settings → Channels) and, per conversation, whether
// a reply goes from the owner's account and until when Telegram allows it (the composer shows it).
import { z } from 'zod';
import type { Services } from '../../services';
import { method, noInput } from '../../api/define';
import { TELEGRAM } from './inbound';
import { TelegramChannel } from './telegram-channel';

export function telegramBusinessMethods(s: Services) {
  const channel = () => {
    const ch = s.hub.get(TELEGRAM);
    return ch instanceof TelegramChannel ? ch : null;
  };
  return {
    'channels.telegram.business': method(
      noInput,
      () => channel()?.business.list() ?? [],
      'Telegram accounts connected to the bot through Telegram Business, and whether the bot may reply there.',
    ),
    'channels.telegram.replyWindow': method(
      z.object({ conversationId: z.number().int().positive() }),
      (i) => {
        const contactId = s.repos.conversations.contactId(i.conversationId);
        const identity = contactId === undefined ? undefined : s.repos.contacts.addressFor(contactId, TELEGRAM);
        const ch = channel();
        if (!identity || !ch || !/^-?\d+$/.test(identity.external_id)) return { via: 'bot' as const };
        const r = ch.replyRoute(Number(identity.external_id));
        return r.via === 'bot'
          ? { via: 'bot' as const }
          : { via: 'business' as const, until: r.until, refused: 'refused' in r ? r.refused : null };
      },
      'Whether a Telegram reply goes from your own account (Telegram Business) and until when Telegram allows it.',
    ),
  };
}
