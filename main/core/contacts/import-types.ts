// What a contact import reads and answers: limits, issue codes, options, the preview and the result, and the plan
// between them.
import type { Delimiter, Encoding } from './csv-read';
import type { ImportField } from './import-map';
import type { PhoneReading } from './import-phone';

export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;
export const MAX_NAME = 200;
export const MAX_NOTES = 20_000;
export const SAMPLE_ROWS = 8;
export const MAX_ISSUES = 500;

export type IssueCode =
  | 'broken_quotes'
  | 'too_many_cells'
  | 'bad_phone'
  | 'bad_email'
  | 'bad_telegram'
  | 'nothing_to_import'
  | 'too_long'
  | 'duplicate_row'
  | 'matches_contact'
  | 'several_matches'
  | 'telegram_username'
  | 'bad_language'
  | 'phone_other_country';

export interface ImportIssue {
  row: number;
  line: number;
  severity: 'error' | 'warning';
  code: IssueCode;
  /** The CSV header of the offending column, when one column is to blame. */
  column?: string;
  value?: string;
  /** Another row (duplicate_row) or an existing contact id (matches_contact). */
  ref?: number;
  /** phone_other_country: the shop-country reading and the other country's, for the owner to choose. */
  phone?: PhoneReading;
}

export type DuplicatePolicy = 'merge' | 'skip';

export interface ImportOptions {
  delimiter?: Delimiter;
  encoding?: Encoding;
  mapping?: ImportField[];
  duplicates: DuplicatePolicy;
}

export interface ImportCounts {
  rows: number;
  create: number;
  merge: number;
  duplicateRows: number;
  skipped: number;
  errors: number;
  warnings: number;
}

export interface ImportPreview {
  uploadId: string;
  fileName: string;
  encoding: string;
  delimiter: Delimiter;
  headers: string[];
  mapping: ImportField[];
  sample: string[][];
  /** Per sample row, each phone as Lavka will store it (E.164) with its country, or why it will not. */
  samplePhones: PhoneReading[][];
  counts: ImportCounts;
  issues: ImportIssue[];
  /** More issues exist than are listed. */
  issuesTruncated: boolean;
}

export interface ImportResult {
  created: number;
  merged: number;
  skipped: number;
  errors: number;
}

export interface Draft {
  name: string;
  nameFromAddress: boolean;
  phones: string[];
  emails: string[];
  telegram: { id: string; display: string }[];
  tags: string[];
  notes: string[];
  language: string | null;
  rows: number[];
}

export interface Op {
  draft: Draft;
  /** Existing contact to merge into, or null for a new one. */
  contactId: number | null;
}

export interface Plan {
  preview: Omit<ImportPreview, 'uploadId' | 'fileName'>;
  ops: Op[];
}

export interface Upload {
  id: string;
  fileName: string;
  path: string;
  size: number;
  nextChunk: number;
}
