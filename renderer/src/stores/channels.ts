// Live status of every messaging channel, for the status strip and Settings → Channels, plus what Settings →
// Channels edits: the Telegram bot, WhatsApp, pacing, and the sending queue.
import { create } from 'zustand';
import { call, type ApiInput, type ApiOutput, type EventMap } from '../api';

export type ChannelStatus = EventMap['channel.status'];
export type ChannelsOverview = ApiOutput<'channels.overview'>;
export type QueueView = ApiOutput<'outbox.queue'>;
export type TelegramBot = ApiOutput<'channels.telegram.check'>;
export type Pacing = ChannelsOverview['pacing'];

interface ChannelsState {
  statuses: Record<string, ChannelStatus>;
  overview: ChannelsOverview | null;
  queue: QueueView | null;
  load: () => Promise<void>;
  apply: (s: ChannelStatus) => void;
  loadOverview: () => Promise<void>;
  loadQueue: () => Promise<void>;
  checkTelegram: (input: ApiInput<'channels.telegram.check'>) => Promise<TelegramBot>;
  connectTelegram: (input: ApiInput<'channels.telegram.connect'>) => Promise<void>;
  disconnectTelegram: () => Promise<void>;
  connectWhatsApp: () => Promise<void>;
  disconnectWhatsApp: () => Promise<void>;
  reconnectWhatsApp: () => Promise<void>;
  updateWhatsApp: (patch: ApiInput<'channels.whatsapp.update'>) => Promise<void>;
  /** "Link with phone number instead": the code arrives in the WhatsApp status too. */
  requestWhatsAppCode: (phone: string) => Promise<void>;
  cancelWhatsAppCode: () => Promise<void>;
  setPacing: (p: Pacing) => Promise<void>;
}

export const useChannelsStore = create<ChannelsState>((set, get) => ({
  statuses: {},
  overview: null,
  queue: null,
  async load() {
    const list = await call('channels.list');
    set({ statuses: Object.fromEntries(list.map((s) => [s.channel, s])) });
  },
  apply(s) {
    const o = get().overview;
    const overview =
      o && (s.channel === 'telegram' || s.channel === 'whatsapp') ? { ...o, [s.channel]: { ...o[s.channel], status: s } } : o;
    set({ statuses: { ...get().statuses, [s.channel]: s }, overview });
  },
  async loadOverview() {
    const o = await call('channels.overview');
    // Status events are the live truth (the answer may be older than an event that already arrived).
    const live = get().statuses;
    set({
      overview: {
        ...o,
        telegram: { ...o.telegram, status: live.telegram ?? o.telegram.status },
        whatsapp: { ...o.whatsapp, status: live.whatsapp ?? o.whatsapp.status },
      },
    });
  },
  async loadQueue() {
    set({ queue: await call('outbox.queue', { limit: 100 }) });
  },
  checkTelegram: (input) => call('channels.telegram.check', input),
  async connectTelegram(input) {
    await call('channels.telegram.connect', input);
    await get().loadOverview();
  },
  async disconnectTelegram() {
    await call('channels.telegram.disconnect');
    await get().loadOverview();
  },
  async connectWhatsApp() {
    await call('channels.whatsapp.connect');
    await get().loadOverview();
  },
  async disconnectWhatsApp() {
    await call('channels.whatsapp.disconnect');
    await get().loadOverview();
  },
  async reconnectWhatsApp() {
    await call('channels.whatsapp.reconnect');
    await get().loadOverview();
  },
  async updateWhatsApp(patch) {
    await call('channels.whatsapp.update', patch);
    await get().loadOverview();
  },
  async requestWhatsAppCode(phone) {
    await call('channels.whatsapp.pairingCode', { phone });
  },
  async cancelWhatsAppCode() {
    await call('channels.whatsapp.pairingCancel');
  },
  async setPacing(p) {
    await call('channels.pacing.set', p);
    await get().loadOverview();
  },
}));
