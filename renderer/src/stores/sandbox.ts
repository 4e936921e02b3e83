// The "Try as a customer" panel: pretend customers and what they see of the chat.
import { create } from 'zustand';
import { call, fileToBase64, type ApiOutput } from '../api';
import { errorText } from '../i18n/errors';

type Customer = ApiOutput<'sandbox.customers'>[number];
type ThreadMessage = ApiOutput<'sandbox.thread'>[number];

interface SandboxState {
  open: boolean;
  customers: Customer[];
  activeKey: string | null;
  name: string;
  thread: ThreadMessage[];
  error: string | null;
  toggle: (open?: boolean) => void;
  loadCustomers: () => Promise<void>;
  pick: (key: string | null, name?: string) => Promise<void>;
  setName: (name: string) => void;
  say: (text: string) => Promise<boolean>;
  /** The pretend customer sends a photo, a voice note (voice) or a file, with the typed text as its caption. */
  sendMedia: (file: File, voice: boolean, caption: string) => Promise<boolean>;
  refresh: () => Promise<void>;
}

export const useSandboxStore = create<SandboxState>((set, get) => ({
  open: false,
  customers: [],
  activeKey: null,
  name: '',
  thread: [],
  error: null,
  toggle(open) {
    const next = open ?? !get().open;
    set({ open: next });
    if (next) void get().loadCustomers();
  },
  async loadCustomers() {
    set({ customers: await call('sandbox.customers') });
  },
  async pick(key, name) {
    set({ activeKey: key, name: name ?? '', thread: [] });
    if (key) await get().refresh();
  },
  setName(name) {
    set({ name });
  },
  async say(text) {
    const { activeKey, name } = get();
    try {
      const r = await call('sandbox.say', { customerKey: activeKey ?? undefined, name: name.trim() || 'Customer', text });
      set({ activeKey: r.customerKey, error: null });
      await Promise.all([get().refresh(), get().loadCustomers()]);
      return true;
    } catch (err) {
      set({ error: errorText(err) });
      return false;
    }
  },
  async sendMedia(file, voice, caption) {
    const { activeKey, name } = get();
    try {
      const r = await call('sandbox.sendMedia', {
        customerKey: activeKey ?? undefined,
        name: name.trim() || 'Customer',
        fileName: file.name,
        mime: file.type || 'application/octet-stream',
        dataBase64: await fileToBase64(file),
        caption,
        voice,
      });
      set({ activeKey: r.customerKey, error: null });
      await Promise.all([get().refresh(), get().loadCustomers()]);
      return true;
    } catch (err) {
      set({ error: (err as Error).message });
      return false;
    }
  },
  async refresh() {
    const key = get().activeKey;
    if (!key) return;
    const thread = await call('sandbox.thread', { customerKey: key });
    if (get().activeKey === key) set({ thread });
  },
}));
