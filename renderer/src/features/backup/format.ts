// Dates and sizes as the backup screens show them.
import i18next from 'i18next';

export function formatWhen(ms: number | null, timeZone?: string): string {
  if (ms === null) return '';
  return new Date(ms).toLocaleString(i18next.language || 'en', { dateStyle: 'medium', timeStyle: 'short', timeZone });
}

export function formatSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
