// reports.* API methods: each section of the Reports page for a period (with the previous period), and any of its
// tables as CSV.
import { z } from 'zod';
import type { Services } from '../services';
import { method } from '../api/define';
import { AppError } from '../errors';
import { periodInputSchema } from './period';
import {
  SECTIONS,
  assistantTables,
  conversationTables,
  customerTables,
  reminderTables,
  salesTables,
  toCsv,
  type SectionName,
  type Table,
} from './tables';

const period = z.object({ period: periodInputSchema });

function tablesOf(s: Services, section: SectionName, input: z.output<typeof periodInputSchema>): Record<string, Table> {
  switch (section) {
    case 'conversations':
      return conversationTables(s.reports.conversations(input));
    case 'assistant':
      return assistantTables(s.reports.assistant(input));
    case 'sales':
      return salesTables(s.reports.sales(input));
    case 'reminders':
      return reminderTables(s.reports.reminders(input));
    case 'customers':
      return customerTables(s.reports.customers(input));
  }
}

export function reportsMethods(s: Services) {
  return {
    'reports.conversations': method(
      period,
      (i) => s.reports.conversations(i.period),
      'First response times, resolution and who is waiting now.',
    ),
    'reports.assistant': method(
      period,
      (i) => s.reports.assistant(i.period),
      'Auto replies, holds, escalations, containment and what the owner did with suggestions.',
    ),
    'reports.sales': method(
      period,
      (i) => s.reports.sales(i.period),
      'Orders from chat: revenue, average order, repeat customers, top products, statuses.',
    ),
    'reports.reminders': method(
      period,
      (i) => s.reports.reminders(i.period),
      'Reminders sent, answered within 48 h, followed by an order within 7 days; opt-outs.',
    ),
    'reports.customers': method(
      period,
      (i) => s.reports.customers(i.period),
      'Customers who wrote: new or returning, by channel and language.',
    ),
    'reports.exportCsv': method(
      z.object({
        section: z.enum(SECTIONS),
        table: z
          .string()
          .regex(/^[A-Za-z]+$/)
          .max(40),
        period: periodInputSchema,
      }),
      (i) => {
        const tables = tablesOf(s, i.section, i.period);
        const t = tables[i.table];
        if (!t) throw new AppError('invalid_input', `No table "${i.table}" in ${i.section} (there are: ${Object.keys(tables).join(', ')})`);
        const p = i.period.preset === 'custom' ? `${i.period.from}_${i.period.to}` : i.period.preset;
        return { filename: `lavka-report-${i.section}-${i.table}-${p}.csv`, mime: 'text/csv', content: toCsv(t) };
      },
      'One chart or table of the Reports page as CSV.',
    ),
  };
}
