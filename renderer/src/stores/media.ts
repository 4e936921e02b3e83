// Media settings and storage figures for Settings (size cap, Auto pause after the owner wrote from the phone).
import { create } from 'zustand';
import { call, type ApiOutput } from '../api';

type MediaSettings = ApiOutput<'media.settings'>;

interface MediaState {
  settings: MediaSettings | null;
  usage: ApiOutput<'media.usage'> | null;
  load: () => Promise<void>;
  save: (patch: Partial<{ maxFileMB: number; pauseMinutes: number }>) => Promise<void>;
}

export const useMediaStore = create<MediaState>((set, get) => ({
  settings: null,
  usage: null,
  async load() {
    const [settings, usage] = await Promise.all([call('media.settings'), call('media.usage')]);
    set({ settings, usage });
  },
  async save(patch) {
    const cur = get().settings ?? (await call('media.settings'));
    const settings = await call('media.settings.set', {
      media: { maxFileMB: patch.maxFileMB ?? cur.media.maxFileMB },
      ownerPhone: { pauseMinutes: patch.pauseMinutes ?? cur.ownerPhone.pauseMinutes },
    });
    set({ settings });
  },
}));
