// The result envelope every API call answers with, over IPC and HTTP alike.
import type { ErrorCode } from '../errors';

export interface ApiError {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ApiError };
