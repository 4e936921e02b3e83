// One chart or table of a Reports section as a CSV file (reports.exportCsv): picks the section's tables for the period
// and names the file after the section, table and period.
import type { z } from 'zod';
import { AppError } from '../errors';
import type { periodInputSchema } from './period';
import type { ReportsService } from './service';
import {
  assistantTables,
  conversationTables,
  customerTables,
  reminderTables,
  salesTables,
  toCsv,
  type SectionName,
  type Table,
} from './tables';

type PeriodInput = z.output<typeof periodInputSchema>;

function tablesOf(reports: ReportsService, section: SectionName, period: PeriodInput): Record<string, Table> {
  switch (section) {
    case 'conversations':
      return conversationTables(reports.conversations(period));
    case 'assistant':
      return assistantTables(reports.assistant(period));
    case 'sales':
      return salesTables(reports.sales(period));
    case 'reminders':
      return reminderTables(reports.reminders(period));
    case 'customers':
      return customerTables(reports.customers(period));
  }
}

export function reportTableCsv(
  reports: ReportsService,
  section: SectionName,
  table: string,
  period: PeriodInput,
): { filename: string; mime: string; content: string } {
  const tables = tablesOf(reports, section, period);
  const t = tables[table];
  if (!t) throw new AppError('invalid_input', `No table "${table}" in ${section} (there are: ${Object.keys(tables).join(', ')})`);
  const p = period.preset === 'custom' ? `${period.from}_${period.to}` : period.preset;
  return { filename: `lavka-report-${section}-${table}-${p}.csv`, mime: 'text/csv', content: toCsv(t) };
}
