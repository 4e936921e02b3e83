// Errors that cross the API boundary: a stable machine code plus a human message. Never carries stack traces to the UI.
// `why` (optional) names a stable reason the UI words in the owner's language; the English message stays for logs.
import type { ErrorReason, ReasonParams } from '../shared/error-reasons';

export type ErrorCode =
  | 'invalid_input'
  | 'not_found'
  | 'unknown_method'
  | 'conflict'
  | 'setup_required'
  | 'channel_unavailable'
  | 'assistant_unavailable'
  | 'unauthorized'
  | 'internal';

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    readonly why?: { reason: ErrorReason; params?: ReasonParams },
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export function notFound(what: string, id: string | number): AppError {
  return new AppError('not_found', `${what} ${id} was not found`);
}
