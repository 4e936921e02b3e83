// Telegram Business API methods: the owner's connected accounts (Settings → Channels) and, per conversation, whether
// a reply goes from the owner's account and until when Telegram allows it (the composer shows it).
import { z } from 'zod';
import { method, noInput } from '../../api/define';
import { ChannelsTelegramBusinessOutput, ChannelsTelegramReplyWindowOutput } from './outputs';
import { telegramChannel, telegramReplyWindow, type ReplyWindowDeps } from './reply-window';

/** The services these methods call, and nothing else. */
export type TelegramBusinessApiDeps = ReplyWindowDeps;

export function telegramBusinessApi(s: TelegramBusinessApiDeps) {
  return {
    'channels.telegram.business': method(
      noInput,
      ChannelsTelegramBusinessOutput,
      () => telegramChannel(s.hub)?.business.list() ?? [],
      'Telegram accounts connected to the bot through Telegram Business, and whether the bot may reply there.',
    ),
    'channels.telegram.replyWindow': method(
      z.object({ conversationId: z.number().int().positive() }),
      ChannelsTelegramReplyWindowOutput,
      (i) => telegramReplyWindow(s, i.conversationId),
      'Whether a Telegram reply goes from your own account (Telegram Business) and until when Telegram allows it.',
    ),
  };
}
