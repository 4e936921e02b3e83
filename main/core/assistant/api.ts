// assistant.* API methods: status and model download, settings, modes, suggestions, Needs you, audit log.
import { z } from 'zod';
import { stringify } from 'csv-stringify/sync';
import type { Services } from '../services';
import { method, noInput, patchOf } from '../api/define';
import { MODES, assistantSettingsSchema } from './settings';
import type { AuditEntry } from './types';

const id = z.number().int().positive();
const modelName = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .regex(/^[\w.\-/:]+$/, 'Model names look like qwen3:4b-instruct');

const AUDIT_COLUMNS: (keyof AuditEntry)[] = [
  'id',
  'at',
  'conversationId',
  'event',
  'purpose',
  'model',
  'promptTokens',
  'outputTokens',
  'latencyMs',
  'promptEvalMs',
  'evalMs',
  'loadMs',
  'reason',
  'messageId',
  'detail',
];

export function assistantMethods(s: Services) {
  return {
    'assistant.status': method(
      z.object({ refresh: z.boolean().default(false) }),
      (i) => s.assistant.status(i.refresh),
      'Whether Ollama runs at the configured host, its version and installed models, and what is missing.',
    ),
    'assistant.settings': method(
      noInput,
      () => s.assistant.settings(),
      'Assistant settings (host, model, default mode, Auto rules, holding messages).',
    ),
    'assistant.saveSettings': method(patchOf(assistantSettingsSchema), (i) => s.assistant.saveSettings(i), 'Changes assistant settings.'),
    'assistant.pull': method(
      z.object({ model: modelName }),
      (i) => s.assistant.connection.startPull(i.model),
      'Starts downloading a model; progress comes as assistant.pull events.',
    ),
    'assistant.cancelPull': method(noInput, () => s.assistant.connection.cancelPull(), 'Stops the model download.'),
    'assistant.pullState': method(noInput, () => s.assistant.connection.pull(), 'The current or last model download.'),
    'assistant.mode': method(
      z.object({ conversationId: id }),
      (i) => s.assistant.modeInfo(i.conversationId),
      "A conversation's assistant mode.",
    ),
    'assistant.setMode': method(
      z.object({ conversationId: id, mode: z.enum(MODES).nullable() }),
      (i) => s.assistant.setMode(i.conversationId, i.mode),
      'Overrides the mode for one conversation (null = follow the default).',
    ),
    'assistant.suggest': method(
      z.object({ conversationId: id, regenerate: z.boolean().default(false) }),
      (i) => s.assistant.suggest(i.conversationId, i.regenerate),
      'Drafts a reply to the newest customer message; text streams as assistant.draft events.',
    ),
    'assistant.cancelSuggestion': method(
      z.object({ conversationId: id }),
      (i) => s.assistant.cancelSuggestion(i.conversationId),
      'Stops a draft being written.',
    ),
    'assistant.context': method(
      z.object({ conversationId: id, task: z.enum(['suggest', 'auto']).default('suggest') }),
      (i) => {
        const c = s.assistant.context(i.conversationId, i.task);
        return { language: c.language, sources: c.sources, tokens: c.tokens, buildMs: c.buildMs, prefix: c.prefix, variable: c.variable };
      },
      'What the model would read for this conversation now, with token estimates.',
    ),
    'assistant.queue': method(noInput, () => s.assistant.queue(), '"Needs you": held replies and escalations, escalations first.'),
    'assistant.resolve': method(
      z.object({ id, action: z.enum(['send', 'dismiss']), text: z.string().max(4000).optional() }),
      (i) => s.assistant.resolve(i.id, i.action, i.text),
      'Sends the (edited) draft of a Needs-you item, or dismisses it.',
    ),
    'assistant.audit': method(
      z.object({ conversationId: id.optional(), limit: z.number().int().min(1).max(1000).default(200) }),
      (i) => s.assistant.audit(i.conversationId ?? null, i.limit),
      'Model calls, auto-sent replies, holds and escalations, newest first.',
    ),
    'assistant.exportAudit': method(
      z.object({ conversationId: id.optional(), format: z.enum(['csv', 'json']).default('csv') }),
      (i) => {
        const rows = s.assistant.audit(i.conversationId ?? null, 100_000).reverse();
        const stamp = new Date(s.clock.now()).toISOString().slice(0, 10);
        const name = `lavka-assistant-audit${i.conversationId ? `-conversation-${i.conversationId}` : ''}-${stamp}`;
        if (i.format === 'json') {
          return { filename: `${name}.json`, mime: 'application/json', content: JSON.stringify(rows.map(withIsoTime), null, 2) };
        }
        const content = stringify(
          rows.map((r) => AUDIT_COLUMNS.map((c) => (c === 'at' ? new Date(r.at).toISOString() : (r[c] ?? '')))),
          { header: true, columns: AUDIT_COLUMNS as string[] },
        );
        return { filename: `${name}.csv`, mime: 'text/csv', content };
      },
      'The audit log as CSV or JSON, for one conversation or all.',
    ),
  };
}

function withIsoTime(r: AuditEntry) {
  return { ...r, at: new Date(r.at).toISOString() };
}
