// The result envelope every API call answers with, over IPC and HTTP alike.
import type { ErrorCode } from '../errors';
import type { ErrorReason, ReasonParams } from '../../shared/error-reasons';

export interface ApiError {
  code: ErrorCode;
  message: string;
  details?: unknown;
  /** A finer stable reason (main/shared/error-reasons.ts) the UI words in the owner's language. */
  reason?: ErrorReason;
  params?: ReasonParams;
}

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ApiError };
