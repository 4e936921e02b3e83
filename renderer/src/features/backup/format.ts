// Dates and sizes as the backup screens show them.
import i18next from 'i18next';
import { formatBytes } from '../../components/format';

export function formatWhen(ms: number | null, timeZone?: string): string {
  if (ms === null) return '';
  return new Date(ms).toLocaleString(i18next.language || 'en', { dateStyle: 'medium', timeStyle: 'short', timeZone });
}

export function formatSize(bytes: number): string {
  return formatBytes(bytes);
}
