// The assistant audit log as a file for the owner (assistant.exportAudit): CSV with fixed columns, or JSON, oldest first,
// times in ISO form.
import { stringify } from 'csv-stringify/sync';
import type { AuditEntry } from './types';

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

function withIsoTime(r: AuditEntry) {
  return { ...r, at: new Date(r.at).toISOString() };
}

/** `rows` come newest first (as the audit method lists them); the file reads oldest first. */
export function auditExport(
  newestFirst: AuditEntry[],
  format: 'csv' | 'json',
  now: number,
  conversationId?: number,
): { filename: string; mime: string; content: string } {
  const rows = [...newestFirst].reverse();
  const stamp = new Date(now).toISOString().slice(0, 10);
  const name = `lavka-assistant-audit${conversationId ? `-conversation-${conversationId}` : ''}-${stamp}`;
  if (format === 'json') {
    return { filename: `${name}.json`, mime: 'application/json', content: JSON.stringify(rows.map(withIsoTime), null, 2) };
  }
  const content = stringify(
    rows.map((r) => AUDIT_COLUMNS.map((c) => (c === 'at' ? new Date(r.at).toISOString() : (r[c] ?? '')))),
    { header: true, columns: AUDIT_COLUMNS as string[] },
  );
  return { filename: `${name}.csv`, mime: 'text/csv', content };
}
