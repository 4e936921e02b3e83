// Reports: the chosen period and each section's figures (this period and the one before). Sections load side by
// side; a section that fails shows its own error. While Lavka is still reading older messages into the reports
// (a big shop's first start) the store asks again every few seconds.
import { create } from 'zustand';
import { call, type ApiInput, type ApiOutput } from '../api';

export type PeriodInput = ApiInput<'reports.conversations'>['period'];
export type Preset = PeriodInput['preset'];
export type ConversationsReport = ApiOutput<'reports.conversations'>;
export type AssistantReport = ApiOutput<'reports.assistant'>;
export type SalesReport = ApiOutput<'reports.sales'>;
export type RemindersReport = ApiOutput<'reports.reminders'>;
export type CustomersReport = ApiOutput<'reports.customers'>;
export type SectionName = ApiInput<'reports.exportCsv'>['section'];

export interface Reports {
  conversations: ConversationsReport | null;
  assistant: AssistantReport | null;
  sales: SalesReport | null;
  reminders: RemindersReport | null;
  customers: CustomersReport | null;
}

interface ReportsState extends Reports {
  preset: Preset;
  from: string;
  to: string;
  loading: boolean;
  errors: Partial<Record<SectionName, string>>;
  /** A newer load supersedes an older one that answers late. */
  seq: number;
  load: () => Promise<void>;
  setPeriod: (p: { preset?: Preset; from?: string; to?: string }) => Promise<void>;
  exportCsv: (section: SectionName, table: string) => Promise<{ filename: string; mime: string; content: string }>;
}

const EMPTY: Reports = { conversations: null, assistant: null, sales: null, reminders: null, customers: null };
const RETRY_WHILE_PREPARING_MS = 3000;
let retry: ReturnType<typeof setTimeout> | null = null;

export function periodOf(s: Pick<ReportsState, 'preset' | 'from' | 'to'>): PeriodInput | null {
  if (s.preset !== 'custom') return { preset: s.preset };
  if (!s.from || !s.to) return null;
  return { preset: 'custom', from: s.from, to: s.to };
}

export const useReportsStore = create<ReportsState>((set, get) => ({
  ...EMPTY,
  preset: '7d',
  from: '',
  to: '',
  loading: false,
  errors: {},
  seq: 0,

  async load() {
    const period = periodOf(get());
    if (!period) return;
    const seq = get().seq + 1;
    set({ seq, loading: true, errors: {} });
    if (retry) clearTimeout(retry);
    const one = async <K extends keyof Reports>(key: K, run: () => Promise<Reports[K]>) => {
      try {
        const value = await run();
        if (get().seq === seq) set({ [key]: value } as Pick<Reports, K>);
      } catch (err) {
        if (get().seq === seq) set((s) => ({ [key]: null, errors: { ...s.errors, [key]: (err as Error).message } }));
      }
    };
    await Promise.all([
      one('conversations', () => call('reports.conversations', { period })),
      one('assistant', () => call('reports.assistant', { period })),
      one('sales', () => call('reports.sales', { period })),
      one('reminders', () => call('reports.reminders', { period })),
      one('customers', () => call('reports.customers', { period })),
    ]);
    if (get().seq !== seq) return;
    set({ loading: false });
    if (get().conversations?.preparing) retry = setTimeout(() => void get().load(), RETRY_WHILE_PREPARING_MS);
  },

  async setPeriod(p) {
    set(p);
    await get().load();
  },

  async exportCsv(section, table) {
    const period = periodOf(get());
    if (!period) throw new Error('Pick both dates first');
    return call('reports.exportCsv', { section, table, period });
  },
}));
