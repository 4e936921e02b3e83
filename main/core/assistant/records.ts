// Small pieces every part of the assistant uses: the skeleton of an audit row, and the cleanup of a model's draft.
import type { NewAudit } from '../db/repos/assistant-repo';

/** Models sometimes wrap the message in quotes or label it; the owner should get just the text. */
export function cleanDraft(text: string): string {
  let t = text.trim();
  t = t.replace(/^(shop|reply|answer|ответ|магазин)\s*:\s*/i, '');
  if (/^["“«].*["”»]$/su.test(t)) t = t.slice(1, -1).trim();
  return t;
}

export function auditBase(at: number, conversationId: number, event: NewAudit['event']): NewAudit {
  return {
    at,
    conversationId,
    event,
    purpose: null,
    model: null,
    promptTokens: null,
    outputTokens: null,
    latencyMs: null,
    promptEvalMs: null,
    evalMs: null,
    loadMs: null,
    reason: null,
    messageId: null,
    detail: '',
  };
}
