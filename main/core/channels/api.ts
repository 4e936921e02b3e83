// channels.* and outbox.* API methods: channel status and settings, linking, pacing, and the sending queue.
import { z } from 'zod';
import type { OutboxRepo } from '../db/repos/outbox-repo';
import type { ChannelHub } from './hub';
import type { ChannelManager } from './manager';
import { method, noInput } from '../api/define';
import {
  ChannelsListOutput,
  ChannelsOverviewOutput,
  ChannelsWhatsappPairingCodeOutput,
  OutboxStatsOutput,
  QueueViewSchema,
  TelegramBotInfoSchema,
  TelegramOverviewSchema,
  WhatsAppOverviewSchema,
} from './outputs';
import { pacingSchema } from './pacing';
import { apiRootSchema, webVersionRemoteSchema, webVersionSchema } from './settings';

const token = z.string().trim().min(1, 'Paste the bot token from @BotFather').max(200);

/** The services these methods call, and nothing else. */
export interface ChannelsApiDeps {
  hub: ChannelHub;
  channels: ChannelManager;
  outboxRepo: OutboxRepo;
}

export function channelsApi(s: ChannelsApiDeps) {
  return {
    'channels.list': method(noInput, ChannelsListOutput, () => s.hub.list(), 'Status of every channel.'),
    'outbox.stats': method(noInput, OutboxStatsOutput, () => s.outboxRepo.counts(), 'Outgoing messages by state.'),
    'outbox.queue': method(
      z
        .object({ limit: z.number().int().min(1).max(500).default(100) })
        .optional()
        .default({ limit: 100 }),
      QueueViewSchema,
      (i) => s.channels.queue(i.limit),
      'What is waiting to be sent, per channel progress, and why it waits (channel down, pacing, retry).',
    ),
    'channels.overview': method(
      noInput,
      ChannelsOverviewOutput,
      () => ({ telegram: s.channels.telegramOverview(), whatsapp: s.channels.whatsappOverview(), pacing: s.channels.getPacing() }),
      'Telegram (token masked), WhatsApp (browser, filters) and pacing settings with live status.',
    ),
    'channels.telegram.check': method(
      z.object({ token, apiRoot: apiRootSchema.nullable().optional() }),
      TelegramBotInfoSchema,
      (i) => s.channels.checkTelegram(i.token, i.apiRoot),
      "Asks Telegram whose bot token this is (getMe); returns the bot's @username and t.me link.",
    ),
    'channels.telegram.connect': method(
      z.object({ token: token.optional(), apiRoot: apiRootSchema.nullable().optional() }),
      TelegramOverviewSchema,
      (i) => s.channels.connectTelegram(i),
      'Checks and saves the bot token (and Bot API server), then starts receiving.',
    ),
    'channels.telegram.disconnect': method(
      noInput,
      TelegramOverviewSchema,
      () => s.channels.disconnectTelegram(),
      'Stops the Telegram bot and forgets its token.',
    ),
    'channels.whatsapp.connect': method(
      noInput,
      WhatsAppOverviewSchema,
      () => s.channels.connectWhatsApp(),
      'Starts WhatsApp (a QR code appears if not linked yet).',
    ),
    'channels.whatsapp.disconnect': method(
      noInput,
      WhatsAppOverviewSchema,
      () => s.channels.disconnectWhatsApp(),
      'Stops WhatsApp; the link to the phone is kept, so connecting again needs no scan.',
    ),
    'channels.whatsapp.reconnect': method(
      noInput,
      WhatsAppOverviewSchema,
      () => s.channels.reconnectWhatsApp(),
      'Connect again: forgets the old link (e.g. after a logout on the phone) and shows a new QR code.',
    ),
    'channels.whatsapp.update': method(
      z.object({
        browserPath: z.string().trim().max(1000).nullable().optional(),
        ignoreGroups: z.boolean().optional(),
        ignoreStatus: z.boolean().optional(),
        webVersion: webVersionSchema.nullable().optional(),
        webVersionRemote: webVersionRemoteSchema.nullable().optional(),
        quietHour: z.number().int().min(0).max(23).optional(),
        memoryLimitMb: z.number().int().min(256).max(16_384).optional(),
        maxUptimeDays: z.number().int().min(1).max(30).optional(),
      }),
      WhatsAppOverviewSchema,
      (i) => s.channels.updateWhatsApp(i),
      'Changes the browser path, which WhatsApp chats Lavka ignores, the WhatsApp Web version and when the browser is restarted.',
    ),
    'channels.whatsapp.pairingCode': method(
      z.object({ phone: z.string().trim().min(1, 'Enter your WhatsApp phone number').max(40) }),
      ChannelsWhatsappPairingCodeOutput,
      (i) => s.channels.requestWhatsAppPairingCode(i.phone),
      'Link with phone number instead of the QR code: an 8-character code to type on the phone, valid for about 3 minutes.',
    ),
    'channels.whatsapp.pairingCancel': method(
      noInput,
      WhatsAppOverviewSchema,
      () => s.channels.cancelWhatsAppPairingCode(),
      'Back to linking with the QR code.',
    ),
    'channels.pacing.set': method(
      pacingSchema,
      pacingSchema,
      (i) => s.channels.setPacing(i),
      'Minimum gap and hourly limit per channel, stricter for people who never wrote first.',
    ),
  };
}
