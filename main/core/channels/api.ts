// channels.* and sandbox.* API methods.
import { z } from 'zod';
import type { Services } from '../services';
import { method, noInput } from '../api/define';
import { MAX_BODY_CHARS } from '../inbox/service';
import { SANDBOX, newCustomerKey } from './sandbox/sandbox-channel';
import { channelPacingSchema } from './pacing';
import { apiRootSchema, webVersionRemoteSchema, webVersionSchema } from './settings';

const token = z.string().trim().min(1, 'Paste the bot token from @BotFather').max(200);

export function channelsMethods(s: Services) {
  return {
    'channels.list': method(noInput, () => s.hub.list(), 'Status of every channel.'),
    'outbox.stats': method(noInput, () => s.repos.outbox.counts(), 'Outgoing messages by state.'),
    'outbox.queue': method(
      z
        .object({ limit: z.number().int().min(1).max(500).default(100) })
        .optional()
        .default({ limit: 100 }),
      (i) => s.channels.queue(i.limit),
      'What is waiting to be sent, per channel progress, and why it waits (channel down, pacing, retry).',
    ),
    'channels.overview': method(
      noInput,
      () => ({ telegram: s.channels.telegramOverview(), whatsapp: s.channels.whatsappOverview(), pacing: s.channels.getPacing() }),
      'Telegram (token masked), WhatsApp (browser, filters) and pacing settings with live status.',
    ),
    'channels.telegram.check': method(
      z.object({ token, apiRoot: apiRootSchema.nullable().optional() }),
      (i) => s.channels.checkTelegram(i.token, i.apiRoot),
      "Asks Telegram whose bot token this is (getMe); returns the bot's @username and t.me link.",
    ),
    'channels.telegram.connect': method(
      z.object({ token: token.optional(), apiRoot: apiRootSchema.nullable().optional() }),
      (i) => s.channels.connectTelegram(i),
      'Checks and saves the bot token (and Bot API server), then starts receiving.',
    ),
    'channels.telegram.disconnect': method(noInput, () => s.channels.disconnectTelegram(), 'Stops the Telegram bot and forgets its token.'),
    'channels.whatsapp.connect': method(
      noInput,
      () => s.channels.connectWhatsApp(),
      'Starts WhatsApp (a QR code appears if not linked yet).',
    ),
    'channels.whatsapp.disconnect': method(
      noInput,
      () => s.channels.disconnectWhatsApp(),
      'Stops WhatsApp; the link to the phone is kept, so connecting again needs no scan.',
    ),
    'channels.whatsapp.reconnect': method(
      noInput,
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
      (i) => s.channels.updateWhatsApp(i),
      'Changes the browser path, which WhatsApp chats Lavka ignores, the WhatsApp Web version and when the browser is restarted.',
    ),
    'channels.whatsapp.pairingCode': method(
      z.object({ phone: z.string().trim().min(1, 'Enter your WhatsApp phone number').max(40) }),
      (i) => s.channels.requestWhatsAppPairingCode(i.phone),
      'Link with phone number instead of the QR code: an 8-character code to type on the phone, valid for about 3 minutes.',
    ),
    'channels.whatsapp.pairingCancel': method(noInput, () => s.channels.cancelWhatsAppPairingCode(), 'Back to linking with the QR code.'),
    'channels.pacing.set': method(
      z.object({ whatsapp: channelPacingSchema, telegram: channelPacingSchema }),
      (i) => s.channels.setPacing(i),
      'Minimum gap and hourly limit per channel, stricter for people who never wrote first.',
    ),
    'sandbox.say': method(
      z.object({
        customerKey: z
          .string()
          .regex(/^sb-[\w-]{1,40}$/)
          .optional(),
        name: z.string().trim().min(1).max(200),
        text: z.string().min(1).max(MAX_BODY_CHARS),
      }),
      (i) => {
        const customerKey = i.customerKey ?? newCustomerKey();
        s.sandbox.customerSays(customerKey, i.name, i.text);
        const identity = s.repos.contacts.findIdentity(SANDBOX, customerKey);
        const conversationId = identity ? s.inbox.conversationOfContact(identity.contactId) : undefined;
        return { customerKey, conversationId: conversationId ?? null };
      },
      'A pretend customer writes through the sandbox channel.',
    ),
    'sandbox.customers': method(
      noInput,
      () =>
        s.db
          .prepare<[], { key: string; name: string; contactId: number }>(
            `SELECT i.external_id AS key, c.name, c.id AS contactId FROM identities i JOIN contacts c ON c.id = i.contact_id
             WHERE i.channel = 'sandbox' ORDER BY coalesce(i.last_seen_at, i.created_at) DESC LIMIT 50`,
          )
          .all(),
      'Pretend customers made in the sandbox.',
    ),
    'sandbox.thread': method(
      z.object({ customerKey: z.string().max(60) }),
      (i) => {
        const identity = s.repos.contacts.findIdentity(SANDBOX, i.customerKey);
        if (!identity) return [];
        const conversationId = s.inbox.conversationOfContact(identity.contactId);
        if (conversationId === undefined) return [];
        // What the customer sees: only what crossed the sandbox channel, oldest first.
        return s.repos.messages
          .page(conversationId, 200)
          .filter((m) => m.channel === SANDBOX && (m.direction === 'in' || ['sent', 'delivered', 'read'].includes(m.status)))
          .reverse();
      },
      "The pretend customer's side of the chat.",
    ),
    'sandbox.failNextSends': method(
      z.object({ count: z.number().int().min(0).max(100) }),
      (i) => {
        s.sandbox.failNextSends = i.count;
        return { count: i.count };
      },
      'Makes the next N sandbox sends fail, to see how a failed message looks.',
    ),
  };
}
