// Orders: the Orders page (filters, list, daily totals, the open order), each conversation's draft card,
// each contact's orders, and the orders settings. Live "orders.updated" events refresh whatever is on screen.
import { create } from 'zustand';
import { call, type ApiInput, type ApiOutput } from '../api';
import { errorText } from '../i18n/errors';

export type OrderListItem = ApiOutput<'orders.list'>['items'][number];
export type OrderDetail = ApiOutput<'orders.get'>;
export type OrderStatus = OrderDetail['status'];
export type ChatState = ApiOutput<'orders.chatState'>;
export type DailyTotals = ApiOutput<'orders.dailyTotals'>;
export type OrdersSettings = ApiOutput<'orders.settings'>;
export type DraftInput = ApiInput<'orders.saveDraft'>;
export type StatusChange = ApiOutput<'orders.setStatus'>;

export const OPEN_STATUSES: OrderStatus[] = ['new', 'confirmed', 'paid', 'ready', 'shipped'];
export const ALL_STATUSES: OrderStatus[] = ['new', 'confirmed', 'paid', 'ready', 'shipped', 'completed', 'cancelled'];

export type StatusFilter = 'open' | 'all' | OrderStatus;
export type Period = 'today' | 'week' | 'month' | 'all' | 'custom';

export interface OrdersFilter {
  status: StatusFilter;
  period: Period;
  from: string;
  to: string;
  query: string;
}

interface OrdersState {
  today: string;
  filter: OrdersFilter;
  items: OrderListItem[];
  next: { placedAt: number; id: number } | null;
  loading: boolean;
  error: string | null;
  totals: DailyTotals | null;
  selectedId: number | null;
  detail: OrderDetail | null;
  chat: Record<number, ChatState>;
  byContact: Record<number, OrderListItem[]>;
  settings: OrdersSettings | null;
  load: () => Promise<void>;
  loadMore: () => Promise<void>;
  setFilter: (f: Partial<OrdersFilter>) => Promise<void>;
  select: (id: number | null) => Promise<void>;
  setStatus: (orderId: number, status: OrderStatus, notify: boolean, text?: string) => Promise<StatusChange>;
  loadChat: (conversationId: number) => Promise<void>;
  loadForContact: (contactId: number) => Promise<void>;
  saveDraft: (input: DraftInput) => Promise<void>;
  sendPending: (orderId: number, conversationId: number, text?: string) => Promise<void>;
  dismissPending: (orderId: number, conversationId: number) => Promise<void>;
  discardDraft: (orderId: number, conversationId: number) => Promise<void>;
  place: (orderId: number, conversationId: number, sendConfirmation: boolean) => Promise<void>;
  loadSettings: () => Promise<void>;
  saveSettings: (patch: ApiInput<'orders.updateSettings'>) => Promise<void>;
  /** A core event: this order (in this conversation) changed. */
  changed: (orderId: number, conversationId: number | null) => void;
}

function addDays(date: string, n: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** The date range a filter means, given today in the shop's time zone. */
export function rangeOf(f: OrdersFilter, today: string): { from?: string; to?: string } {
  switch (f.period) {
    case 'today':
      return { from: today, to: today };
    case 'week':
      return { from: addDays(today, -6), to: today };
    case 'month':
      return { from: addDays(today, -29), to: today };
    case 'custom':
      return { from: f.from || undefined, to: f.to || undefined };
    default:
      return {};
  }
}

let listSeq = 0;

export const useOrdersStore = create<OrdersState>((set, get) => ({
  today: '',
  filter: { status: 'open', period: 'week', from: '', to: '', query: '' },
  items: [],
  next: null,
  loading: false,
  error: null,
  totals: null,
  selectedId: null,
  detail: null,
  chat: {},
  byContact: {},
  settings: null,
  async load() {
    const mine = ++listSeq;
    set({ loading: true });
    try {
      const today = get().today || (await call('orders.today')).date;
      const f = get().filter;
      const range = rangeOf(f, today);
      const statuses = f.status === 'all' ? undefined : f.status === 'open' ? OPEN_STATUSES : [f.status];
      // Totals always show a week at least, so "all time" still has a daily strip.
      const totalsRange = range.from && range.to ? range : { from: addDays(today, -6), to: today };
      const [page, totals] = await Promise.all([
        call('orders.list', { statuses, from: range.from, to: range.to, query: f.query.trim() || undefined, limit: 100 }),
        call('orders.dailyTotals', { from: totalsRange.from!, to: totalsRange.to! }).catch(() => null),
      ]);
      if (mine !== listSeq) return;
      set({ today, items: page.items, next: page.next, totals, loading: false, error: null });
    } catch (err) {
      if (mine === listSeq) set({ loading: false, error: errorText(err) });
    }
  },
  async loadMore() {
    const { next, loading, filter, today } = get();
    if (!next || loading) return;
    set({ loading: true });
    try {
      const range = rangeOf(filter, today);
      const statuses = filter.status === 'all' ? undefined : filter.status === 'open' ? OPEN_STATUSES : [filter.status];
      const page = await call('orders.list', {
        statuses,
        from: range.from,
        to: range.to,
        query: filter.query.trim() || undefined,
        cursor: next,
        limit: 100,
      });
      const seen = new Set(get().items.map((o) => o.id));
      set({ items: [...get().items, ...page.items.filter((o) => !seen.has(o.id))], next: page.next, loading: false });
    } catch (err) {
      set({ loading: false, error: errorText(err) });
    }
  },
  async setFilter(f) {
    set({ filter: { ...get().filter, ...f } });
    await get().load();
  },
  async select(id) {
    set({ selectedId: id, detail: id === null ? null : get().detail?.id === id ? get().detail : null });
    if (id === null) return;
    try {
      const detail = await call('orders.get', { orderId: id });
      if (get().selectedId === id) set({ detail });
    } catch (err) {
      set({ error: errorText(err) });
    }
  },
  async setStatus(orderId, status, notify, text) {
    const r = await call('orders.setStatus', { orderId, status, notify, text });
    if (get().selectedId === orderId) set({ detail: r.order });
    return r;
  },
  async loadChat(conversationId) {
    try {
      const state = await call('orders.chatState', { conversationId });
      set({ chat: { ...get().chat, [conversationId]: state } });
    } catch {
      // The conversation may be gone (merged, erased); the card just stays empty.
    }
  },
  async loadForContact(contactId) {
    const list = await call('orders.forContact', { contactId, limit: 10 });
    set({ byContact: { ...get().byContact, [contactId]: list } });
  },
  async saveDraft(input) {
    await call('orders.saveDraft', input);
    await get().loadChat(input.conversationId);
  },
  async sendPending(orderId, conversationId, text) {
    await call('orders.sendPending', { orderId, text });
    await get().loadChat(conversationId);
  },
  async dismissPending(orderId, conversationId) {
    await call('orders.dismissPending', { orderId });
    await get().loadChat(conversationId);
  },
  async discardDraft(orderId, conversationId) {
    await call('orders.discardDraft', { orderId });
    await get().loadChat(conversationId);
  },
  async place(orderId, conversationId, sendConfirmation) {
    await call('orders.place', { orderId, sendConfirmation });
    await get().loadChat(conversationId);
  },
  async loadSettings() {
    set({ settings: await call('orders.settings') });
  },
  async saveSettings(patch) {
    set({ settings: await call('orders.updateSettings', patch) });
  },
  changed(orderId, conversationId) {
    const s = get();
    if (s.today) void s.load();
    if (s.selectedId === orderId) void s.select(orderId);
    if (conversationId !== null && s.chat[conversationId]) void s.loadChat(conversationId);
    for (const id of Object.keys(s.byContact)) void s.loadForContact(Number(id));
  },
}));
