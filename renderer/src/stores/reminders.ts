// Reminders: the Reminders page tabs, each contact's reminders and opt-out state, and the reminder settings.
import { create } from 'zustand';
import { call, type ApiInput, type ApiOutput } from '../api';
import { errorText } from '../i18n/errors';

export type Reminder = ApiOutput<'reminders.get'>;
export type ReminderTab = 'upcoming' | 'sent' | 'missed' | 'cancelled';
export type OptOutStatus = ApiOutput<'optout.status'>;
export type RemindersSettings = ApiOutput<'reminders.settings.get'>;
export type OptOutSettings = ApiOutput<'optout.settings.get'>;
export type ReminderDraft = ApiInput<'reminders.create'>;
type Counts = Record<ReminderTab, number>;

export const TABS: ReminderTab[] = ['upcoming', 'sent', 'missed', 'cancelled'];
const PAGE = 50;
const EMPTY_COUNTS: Counts = { upcoming: 0, sent: 0, missed: 0, cancelled: 0 };

interface TabList {
  items: Reminder[];
  next: { at: number; id: number } | null;
  loaded: boolean;
}

interface ContactReminders {
  upcoming: Reminder[];
  recent: Reminder[];
  counts: Counts;
}

interface RemindersState {
  tab: ReminderTab;
  lists: Record<ReminderTab, TabList>;
  counts: Counts;
  error: string | null;
  byContact: Record<number, ContactReminders>;
  optout: Record<number, OptOutStatus>;
  settings: RemindersSettings | null;
  optoutSettings: OptOutSettings | null;
  setTab: (tab: ReminderTab) => void;
  /** Only the per-tab counts (the navigation shows how many were missed). */
  loadCounts: () => Promise<void>;
  load: (tab?: ReminderTab) => Promise<void>;
  loadMore: () => Promise<void>;
  loadContact: (contactId: number) => Promise<void>;
  loadOptOut: (contactId: number) => Promise<void>;
  create: (draft: ReminderDraft) => Promise<Reminder>;
  update: (patch: ApiInput<'reminders.update'>) => Promise<Reminder>;
  cancel: (id: number) => Promise<void>;
  sendNow: (id: number) => Promise<void>;
  recordConsent: (contactId: number, note: string) => Promise<void>;
  loadSettings: () => Promise<void>;
  saveSettings: (s: RemindersSettings) => Promise<void>;
  saveOptOutSettings: (s: OptOutSettings) => Promise<void>;
  /** A core event said reminders changed (for these contacts, or for many when empty). */
  changed: (contactIds: number[]) => void;
}

const emptyLists = (): Record<ReminderTab, TabList> => ({
  upcoming: { items: [], next: null, loaded: false },
  sent: { items: [], next: null, loaded: false },
  missed: { items: [], next: null, loaded: false },
  cancelled: { items: [], next: null, loaded: false },
});

let reloadTimer: ReturnType<typeof setTimeout> | null = null;

export const useRemindersStore = create<RemindersState>((set, get) => ({
  tab: 'upcoming',
  lists: emptyLists(),
  counts: EMPTY_COUNTS,
  error: null,
  byContact: {},
  optout: {},
  settings: null,
  optoutSettings: null,

  setTab(tab) {
    set({ tab });
    void get().load(tab);
  },

  async loadCounts() {
    try {
      const r = await call('reminders.list', { tab: 'missed', limit: 1 });
      set({ counts: r.counts });
    } catch {
      // the badge simply stays as it was; the page shows errors
    }
  },

  async load(tab = get().tab) {
    try {
      const r = await call('reminders.list', { tab, limit: PAGE });
      set({ lists: { ...get().lists, [tab]: { items: r.items, next: r.next, loaded: true } }, counts: r.counts, error: null });
    } catch (err) {
      set({ error: errorText(err) });
    }
  },

  async loadMore() {
    const tab = get().tab;
    const cur = get().lists[tab];
    if (!cur.next) return;
    const r = await call('reminders.list', { tab, limit: PAGE, cursor: cur.next });
    const seen = new Set(cur.items.map((x) => x.id));
    set({
      lists: { ...get().lists, [tab]: { items: [...cur.items, ...r.items.filter((x) => !seen.has(x.id))], next: r.next, loaded: true } },
      counts: r.counts,
    });
  },

  async loadContact(contactId) {
    try {
      const [up, sent, missed, cancelled] = await Promise.all(
        TABS.map((tab) => call('reminders.list', { tab, contactId, limit: tab === 'upcoming' ? 20 : 5 })),
      );
      const recent = [...sent.items, ...missed.items, ...cancelled.items].sort((a, b) => (b.doneAt ?? 0) - (a.doneAt ?? 0)).slice(0, 5);
      set({ byContact: { ...get().byContact, [contactId]: { upcoming: up.items, recent, counts: up.counts } } });
    } catch (err) {
      set({ error: errorText(err) });
    }
  },

  async loadOptOut(contactId) {
    try {
      const s = await call('optout.status', { contactId });
      set({ optout: { ...get().optout, [contactId]: s } });
    } catch (err) {
      set({ error: errorText(err) });
    }
  },

  async create(draft) {
    const r = await call('reminders.create', draft);
    get().changed([r.contactId]);
    return r;
  },

  async update(patch) {
    const r = await call('reminders.update', patch);
    get().changed([r.contactId]);
    return r;
  },

  async cancel(id) {
    try {
      const r = await call('reminders.cancel', { id });
      set({ error: null });
      get().changed([r.contactId]);
    } catch (err) {
      set({ error: errorText(err) });
    }
  },

  async sendNow(id) {
    try {
      const r = await call('reminders.sendNow', { id });
      set({ error: null });
      get().changed([r.contactId]);
    } catch (err) {
      set({ error: errorText(err) });
      get().changed([]);
    }
  },

  async recordConsent(contactId, note) {
    const s = await call('optout.recordConsent', { contactId, note });
    set({ optout: { ...get().optout, [contactId]: s } });
  },

  async loadSettings() {
    const [settings, optoutSettings] = await Promise.all([call('reminders.settings.get'), call('optout.settings.get')]);
    set({ settings, optoutSettings });
  },

  async saveSettings(s) {
    const settings = await call('reminders.settings.update', s);
    set({ settings });
  },

  async saveOptOutSettings(s) {
    const optoutSettings = await call('optout.settings.update', s);
    set({ optoutSettings });
  },

  changed(contactIds) {
    // Bursts (1,000 reminders firing) arrive as a few events; one reload after they settle is enough.
    if (reloadTimer) clearTimeout(reloadTimer);
    reloadTimer = setTimeout(() => {
      reloadTimer = null;
      const st = get();
      void st.loadCounts();
      for (const tab of TABS) if (st.lists[tab].loaded) void st.load(tab);
      const ids = contactIds.length > 0 ? contactIds.filter((id) => st.byContact[id]) : Object.keys(st.byContact).map(Number);
      for (const id of ids) void st.loadContact(id);
    }, 150);
  },
}));
