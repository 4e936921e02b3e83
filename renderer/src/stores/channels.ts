// Live status of every messaging channel, for the status strip and Settings → Channels.
import { create } from 'zustand';
import { call, type EventMap } from '../api';

export type ChannelStatus = EventMap['channel.status'];

interface ChannelsState {
  statuses: Record<string, ChannelStatus>;
  load(): Promise<void>;
  apply(s: ChannelStatus): void;
}

export const useChannelsStore = create<ChannelsState>((set, get) => ({
  statuses: {},
  async load() {
    const list = await call('channels.list');
    set({ statuses: Object.fromEntries(list.map((s) => [s.channel, s])) });
  },
  apply(s) {
    set({ statuses: { ...get().statuses, [s.channel]: s } });
  },
}));
