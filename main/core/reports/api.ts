// reports.* API methods: each section of the Reports page for a period (with the previous period), and any of its
// tables as CSV.
import { z } from 'zod';
import type { ReportsService } from './domain';
import { method } from '../api/define';
import {
  ReportsAssistantOutput,
  ReportsConversationsOutput,
  ReportsCustomersOutput,
  ReportsExportCsvOutput,
  ReportsRemindersOutput,
  ReportsSalesOutput,
} from './outputs';
import { periodInputSchema } from './period';
import { reportTableCsv } from './export-csv';
import { SECTIONS } from './tables';

const period = z.object({ period: periodInputSchema });

/** The services these methods call, and nothing else. */
export interface ReportsApiDeps {
  reports: ReportsService;
}

export function reportsApi(s: ReportsApiDeps) {
  return {
    'reports.conversations': method(
      period,
      ReportsConversationsOutput,
      (i) => s.reports.conversations(i.period),
      'First response times, resolution and who is waiting now.',
    ),
    'reports.assistant': method(
      period,
      ReportsAssistantOutput,
      (i) => s.reports.assistant(i.period),
      'Auto replies, holds, escalations, containment and what the owner did with suggestions.',
    ),
    'reports.sales': method(
      period,
      ReportsSalesOutput,
      (i) => s.reports.sales(i.period),
      'Orders from chat: revenue, average order, repeat customers, top products, statuses.',
    ),
    'reports.reminders': method(
      period,
      ReportsRemindersOutput,
      (i) => s.reports.reminders(i.period),
      'Reminders sent, answered within 48 h, followed by an order within 7 days; opt-outs.',
    ),
    'reports.customers': method(
      period,
      ReportsCustomersOutput,
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
      ReportsExportCsvOutput,
      (i) => reportTableCsv(s.reports, i.section, i.table, i.period),
      'One chart or table of the Reports page as CSV.',
    ),
  };
}
