// What a long job looks like to the UI (progress, result, error). Kept apart from jobs.ts so the UI event union can
// name it without an import cycle.
import type { ErrorCode } from '../errors';

export type JobKind = 'export' | 'import-preview' | 'import' | 'backup' | 'restore' | 'erase';

export interface JobState {
  id: string;
  kind: JobKind;
  state: 'running' | 'done' | 'failed' | 'cancelled';
  done: number;
  total: number;
  /** A short machine word for what is happening now ("reading", "writing", "checking"). */
  phase: string;
  error: { code: ErrorCode; message: string } | null;
  result: unknown;
  startedAt: number;
  finishedAt: number | null;
}
