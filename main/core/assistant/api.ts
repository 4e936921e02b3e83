// assistant.* API methods: status and model download, settings, modes, suggestions, Needs you, audit log.
import { z } from 'zod';
import type { AssistantService } from './service';
import type { Clock } from '../clock';
import { method, noInput, patchOf, nothing } from '../api/define';
import {
  AssistantAuditOutput,
  AssistantContextOutput,
  AssistantExportAuditOutput,
  AssistantQueueOutput,
  AssistantSettingsOutput,
  AssistantStatusSchema,
  DraftEventSchema,
  ModeInfoSchema,
  PullStateSchema,
  QueueItemSchema,
} from './outputs';
import { MODES, assistantSettingsSchema } from './settings';
import { auditExport } from './audit-export';

const id = z.number().int().positive();
const modelName = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .regex(/^[\w.\-/:]+$/, 'Model names look like qwen3:4b-instruct');

/** The services these methods call, and nothing else. */
export interface AssistantApiDeps {
  assistant: AssistantService;
  clock: Clock;
}

export function assistantApi(s: AssistantApiDeps) {
  return {
    'assistant.status': method(
      z.object({ refresh: z.boolean().default(false) }),
      AssistantStatusSchema,
      (i) => s.assistant.status(i.refresh),
      'Whether Ollama runs at the configured host, its version and installed models, and what is missing.',
    ),
    'assistant.settings': method(
      noInput,
      AssistantSettingsOutput,
      () => s.assistant.settings(),
      'Assistant settings (host, model, default mode, Auto rules, holding messages).',
    ),
    'assistant.saveSettings': method(
      patchOf(assistantSettingsSchema),
      AssistantSettingsOutput,
      (i) => s.assistant.saveSettings(i),
      'Changes assistant settings.',
    ),
    'assistant.pull': method(
      z.object({ model: modelName }),
      PullStateSchema,
      (i) => s.assistant.connection.startPull(i.model),
      'Starts downloading a model; progress comes as assistant.pull events.',
    ),
    'assistant.cancelPull': method(noInput, nothing, () => s.assistant.connection.cancelPull(), 'Stops the model download.'),
    'assistant.pullState': method(
      noInput,
      PullStateSchema.nullable(),
      () => s.assistant.connection.pull(),
      'The current or last model download.',
    ),
    'assistant.mode': method(
      z.object({ conversationId: id }),
      ModeInfoSchema,
      (i) => s.assistant.modeInfo(i.conversationId),
      "A conversation's assistant mode.",
    ),
    'assistant.setMode': method(
      z.object({ conversationId: id, mode: z.enum(MODES).nullable() }),
      ModeInfoSchema,
      (i) => s.assistant.setMode(i.conversationId, i.mode),
      'Overrides the mode for one conversation (null = follow the default).',
    ),
    'assistant.suggest': method(
      z.object({ conversationId: id, regenerate: z.boolean().default(false) }),
      DraftEventSchema,
      (i) => s.assistant.suggest(i.conversationId, i.regenerate),
      'Drafts a reply to the newest customer message; text streams as assistant.draft events.',
    ),
    'assistant.cancelSuggestion': method(
      z.object({ conversationId: id }),
      nothing,
      (i) => s.assistant.cancelSuggestion(i.conversationId),
      'Stops a draft being written.',
    ),
    'assistant.context': method(
      z.object({ conversationId: id, task: z.enum(['suggest', 'auto']).default('suggest') }),
      AssistantContextOutput,
      (i) => {
        const c = s.assistant.context(i.conversationId, i.task);
        return { language: c.language, sources: c.sources, tokens: c.tokens, buildMs: c.buildMs, prefix: c.prefix, variable: c.variable };
      },
      'What the model would read for this conversation now, with token estimates.',
    ),
    'assistant.queue': method(
      noInput,
      AssistantQueueOutput,
      () => s.assistant.queue(),
      '"Needs you": held replies and escalations, escalations first.',
    ),
    'assistant.resolve': method(
      z.object({ id, action: z.enum(['send', 'dismiss']), text: z.string().max(4000).optional() }),
      QueueItemSchema,
      (i) => s.assistant.resolve(i.id, i.action, i.text),
      'Sends the (edited) draft of a Needs-you item, or dismisses it.',
    ),
    'assistant.audit': method(
      z.object({ conversationId: id.optional(), limit: z.number().int().min(1).max(1000).default(200) }),
      AssistantAuditOutput,
      (i) => s.assistant.audit(i.conversationId ?? null, i.limit),
      'Model calls, auto-sent replies, holds and escalations, newest first.',
    ),
    'assistant.exportAudit': method(
      z.object({ conversationId: id.optional(), format: z.enum(['csv', 'json']).default('csv') }),
      AssistantExportAuditOutput,
      (i) => auditExport(s.assistant.audit(i.conversationId ?? null, 100_000), i.format, s.clock.now(), i.conversationId),
      'The audit log as CSV or JSON, for one conversation or all.',
    ),
  };
}
