// Errors that cross the API boundary: a stable machine code plus a human message. Never carries stack traces to the UI.
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
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export function notFound(what: string, id: string | number): AppError {
  return new AppError('not_found', `${what} ${id} was not found`);
}
