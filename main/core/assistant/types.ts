// Plain data the assistant hands to the UI and to other domains: status, drafts, "Needs you" items, audit entries.
import type { Mode } from './settings';

/** Something a reply was based on, named on the "based on" line. */
export interface Source {
  kind: 'knowledge' | 'policy' | 'profile' | 'customer' | (string & {});
  id: string;
  title: string;
}

/** Why a customer needs the owner: decided from the customer's words (deterministic), or flagged by the model. */
export const ESCALATION_REASONS = ['asks_for_person', 'complaint', 'payment_dispute', 'refund', 'legal'] as const;
export type EscalationReason = (typeof ESCALATION_REASONS)[number];

/** Why a drafted reply was not sent automatically. */
export const HOLD_REASONS = [
  'unverified_price',
  'unverified_discount',
  'unverified_date',
  'unverified_phone',
  'unverified_email',
  'unverified_link',
  'unverified_number',
  'unsupported_commitment',
  'claims_human',
  'invalid_output',
  'empty_reply',
  'too_long',
  'wrong_language',
  'loop',
  'outside_hours',
  'model_unsure',
  'not_text',
  'assistant_unavailable',
  'model_error',
  // Auto composes replies from the owner's answers and Lavka's texts: what it cannot back waits for the owner.
  'language_not_covered',
  'not_covered',
  'unverified_choice',
  'needs_translation',
  'optout_unclear',
] as const;
export type HoldReason = (typeof HOLD_REASONS)[number];

export interface Finding {
  reason: HoldReason;
  /** Human detail for the owner, e.g. "€2.50 is not in your catalog or policies". */
  detail: string;
}

export type QueueKind = 'hold' | 'escalation';
export type QueueState = 'open' | 'sent' | 'dismissed';

export interface QueueItem {
  id: number;
  conversationId: number;
  contactName: string;
  triggerMessageId: number | null;
  kind: QueueKind;
  reason: string;
  detail: string;
  draft: string;
  /** 2–3 lines on what the customer wants (escalations). */
  summary: string;
  sources: Source[];
  state: QueueState;
  createdAt: number;
  updatedAt: number;
  resolvedAt: number | null;
}

export type AuditEvent = 'model_call' | 'auto_sent' | 'held' | 'escalated' | 'error';

export interface AuditEntry {
  id: number;
  at: number;
  conversationId: number | null;
  event: AuditEvent;
  purpose: string | null;
  model: string | null;
  promptTokens: number | null;
  outputTokens: number | null;
  latencyMs: number | null;
  promptEvalMs: number | null;
  evalMs: number | null;
  loadMs: number | null;
  reason: string | null;
  messageId: number | null;
  detail: string;
}

export interface InstalledModel {
  name: string;
  sizeBytes: number;
  parameterSize: string;
  family: string;
}

export interface AssistantStatus {
  /** not_running: nothing answers at the host. no_model: Ollama runs but no model is picked/installed. ready: can answer. */
  state: 'not_running' | 'no_model' | 'ready';
  host: string;
  version: string | null;
  models: InstalledModel[];
  model: string;
  /** What is missing and how to fix it, in plain words; null when ready. */
  problem: string | null;
  checkedAt: number;
  recommended: { name: string; sizeBytes: number; fallback: string };
}

export interface PullState {
  model: string;
  running: boolean;
  status: string;
  completed: number;
  total: number;
  error: string | null;
  done: boolean;
}

export interface DraftEvent {
  conversationId: number;
  requestId: string;
  /** The whole draft so far (not a delta): a late or repeated event never garbles the composer. */
  text: string;
  done: boolean;
  sources: Source[];
  /** Guardrail findings on a finished suggestion, shown to the owner before they send. */
  warnings: Finding[];
  error: string | null;
  /** The message the draft answers; a newer customer message makes it stale. */
  forMessageId: number | null;
}

export interface ModeInfo {
  conversationId: number;
  override: Mode | null;
  effective: Mode;
  /** Every auto-reply is paused by the owner (Auto then acts as Suggest). */
  paused: boolean;
}
