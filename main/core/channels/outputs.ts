// What the channels API methods answer: the declared output of each method (JSON-safe by type, checked in tests).
// The renderer sees these through the contract's types; handlers must return values that fit them.
import { z } from 'zod';
import { ERROR_REASONS } from '../../shared/error-reasons';
import { pacingSchema } from './pacing';

export const ChannelStateSchema = z.enum([
  'error',
  'disabled',
  'conflict',
  'starting',
  'waiting_for_scan',
  'connected',
  'reconnecting',
  'disconnected',
  'logged_out',
  'blocked',
]);

export const ReasonParamsSchema = z.record(z.string(), z.union([z.string(), z.number()]));

export const ChannelStatusSchema = z.strictObject({
  channel: z.string(),
  state: ChannelStateSchema,
  detail: z.string().optional(),
  reason: z.enum(ERROR_REASONS).optional(),
  params: ReasonParamsSchema.optional(),
  account: z.string().optional(),
  qr: z.string().optional(),
  qrImage: z.string().optional(),
  link: z.string().optional(),
  pairing: z
    .union([
      z.strictObject({ phone: z.string(), code: z.string(), expiresAt: z.number() }),
      z.strictObject({ phone: z.string(), expired: z.literal(true) }),
    ])
    .optional(),
  memoryBytes: z.number().optional(),
  notice: z.enum(['web_changed']).optional(),
});

export const QueueChannelSchema = z.strictObject({
  channel: z.string(),
  state: ChannelStateSchema,
  pending: z.number(),
  done: z.number(),
  failed: z.number(),
  sentLastHour: z.number(),
  hourlyCap: z.number().nullable(),
  nextSendAt: z.number().nullable(),
  waitingFor: z.enum(['channel', 'pacing', 'retry']).nullable(),
});

export const OutboxStateSchema = z.enum(['queued', 'sending', 'sent', 'failed']);

export const PendingRowSchema = z.strictObject({
  messageId: z.number(),
  channel: z.string(),
  address: z.string(),
  state: OutboxStateSchema,
  attempts: z.number(),
  nextAttemptAt: z.number(),
  lastError: z.string().nullable(),
  createdAt: z.number(),
  conversationId: z.number(),
  preview: z.string(),
  contactName: z.string(),
});

export const QueueViewSchema = z.strictObject({ now: z.number(), channels: z.array(QueueChannelSchema), items: z.array(PendingRowSchema) });

export const TelegramOverviewSchema = z.strictObject({
  configured: z.boolean(),
  source: z.enum(['env', 'settings']).nullable(),
  tokenMasked: z.string().nullable(),
  apiRoot: z.string(),
  apiRootSource: z.enum(['default', 'env', 'settings']),
  status: ChannelStatusSchema,
});

export const BrowserLookupSchema = z.union([
  z.strictObject({ ok: z.literal(true), path: z.string(), source: z.enum(['env', 'settings', 'detected']) }),
  z.strictObject({ ok: z.literal(false), error: z.string() }),
]);

export const WhatsAppOverviewSchema = z.strictObject({
  browser: BrowserLookupSchema,
  status: ChannelStatusSchema,
  enabled: z.boolean(),
  browserPath: z.string().nullable(),
  ignoreGroups: z.boolean(),
  ignoreStatus: z.boolean(),
  webVersion: z.string().nullable(),
  webVersionRemote: z.string().nullable(),
  quietHour: z.number(),
  memoryLimitMb: z.number(),
  maxUptimeDays: z.number(),
});

export const TelegramBotInfoSchema = z.strictObject({ id: z.number(), username: z.string(), name: z.string(), link: z.string() });

export const ChannelsListOutput = z.array(ChannelStatusSchema);

export const OutboxStatsOutput = z.strictObject({ queued: z.number(), sending: z.number(), sent: z.number(), failed: z.number() });

export const ChannelsOverviewOutput = z.strictObject({
  telegram: TelegramOverviewSchema,
  whatsapp: WhatsAppOverviewSchema,
  pacing: pacingSchema,
});

export const ChannelsWhatsappPairingCodeOutput = z.strictObject({ code: z.string() });
