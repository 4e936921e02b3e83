// What the assistant API methods answer: the declared output of each method (JSON-safe by type, checked in tests).
// The renderer sees these through the contract's types; handlers must return values that fit them.
import { z } from 'zod';
import { HOLD_REASONS } from './types';
import { assistantSettingsSchema } from './settings';
import { MODES } from './settings';

export const InstalledModelSchema = z.strictObject({
  name: z.string(),
  sizeBytes: z.number(),
  parameterSize: z.string(),
  family: z.string(),
});

export const AssistantStatusSchema = z.strictObject({
  state: z.enum(['ready', 'not_running', 'no_model']),
  host: z.string(),
  version: z.string().nullable(),
  models: z.array(InstalledModelSchema),
  model: z.string(),
  problem: z.string().nullable(),
  checkedAt: z.number(),
  recommended: z.strictObject({ name: z.string(), sizeBytes: z.number(), fallback: z.string() }),
});

export const PullStateSchema = z.strictObject({
  model: z.string(),
  running: z.boolean(),
  status: z.string(),
  completed: z.number(),
  total: z.number(),
  error: z.string().nullable(),
  done: z.boolean(),
});

export const ModeInfoSchema = z.strictObject({
  conversationId: z.number(),
  override: z.enum(MODES).nullable(),
  effective: z.enum(MODES),
  paused: z.boolean(),
});

export const SourceSchema = z.strictObject({ kind: z.string(), id: z.string(), title: z.string() });

export const FindingSchema = z.strictObject({
  reason: z.enum(HOLD_REASONS),
  detail: z.string(),
});

export const DraftEventSchema = z.strictObject({
  conversationId: z.number(),
  requestId: z.string(),
  text: z.string(),
  done: z.boolean(),
  sources: z.array(SourceSchema),
  warnings: z.array(FindingSchema),
  error: z.string().nullable(),
  forMessageId: z.number().nullable(),
});

export const QueueKindSchema = z.enum(['hold', 'escalation']);

export const QueueStateSchema = z.enum(['open', 'sent', 'dismissed']);

export const QueueItemSchema = z.strictObject({
  id: z.number(),
  conversationId: z.number(),
  contactName: z.string(),
  triggerMessageId: z.number().nullable(),
  kind: QueueKindSchema,
  reason: z.string(),
  detail: z.string(),
  draft: z.string(),
  summary: z.string(),
  sources: z.array(SourceSchema),
  state: QueueStateSchema,
  createdAt: z.number(),
  updatedAt: z.number(),
  resolvedAt: z.number().nullable(),
});

export const AuditEventSchema = z.enum(['error', 'model_call', 'auto_sent', 'held', 'escalated']);

export const AuditEntrySchema = z.strictObject({
  id: z.number(),
  at: z.number(),
  conversationId: z.number().nullable(),
  event: AuditEventSchema,
  purpose: z.string().nullable(),
  model: z.string().nullable(),
  promptTokens: z.number().nullable(),
  outputTokens: z.number().nullable(),
  latencyMs: z.number().nullable(),
  promptEvalMs: z.number().nullable(),
  evalMs: z.number().nullable(),
  loadMs: z.number().nullable(),
  reason: z.string().nullable(),
  messageId: z.number().nullable(),
  detail: z.string(),
});

export const TranslationViewSchema = z.strictObject({
  key: z.string(),
  title: z.string(),
  lang: z.string(),
  text: z.string(),
  approvedAt: z.number(),
  current: z.boolean(),
});

export const AssistantSettingsOutput = assistantSettingsSchema;

export const AssistantContextOutput = z.strictObject({
  language: z.string(),
  sources: z.array(SourceSchema),
  tokens: z.strictObject({ prefix: z.number(), variable: z.number(), total: z.number() }),
  buildMs: z.number(),
  prefix: z.string(),
  variable: z.string(),
});

export const AssistantQueueOutput = z.array(QueueItemSchema);

export const AssistantAuditOutput = z.array(AuditEntrySchema);

export const AssistantExportAuditOutput = z.strictObject({ filename: z.string(), mime: z.string(), content: z.string() });
