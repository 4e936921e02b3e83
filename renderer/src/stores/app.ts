// App-level state: whether setup is done, the owner's settings, which screen is open, the live connection.
import { create } from 'zustand';
import { call, type ApiInput, type ApiOutput } from '../api';
import { setUiLanguage } from '../i18n';
import { errorText } from '../i18n/errors';

export type Settings = ApiOutput<'settings.get'>;
export type Screen = 'inbox' | 'settings';

interface AppState {
  loaded: boolean;
  loadError: string | null;
  settings: Settings | null;
  dataDir: string;
  version: string;
  screen: string;
  /** Settings section to show when Settings opens (e.g. "assistant" from the composer's hint). */
  settingsSection: string | null;
  online: boolean;
  load: () => Promise<void>;
  completeSetup: (input: ApiInput<'setup.complete'>) => Promise<void>;
  updateSettings: (patch: ApiInput<'settings.update'>) => Promise<void>;
  go: (screen: string, settingsSection?: string) => void;
  setOnline: (up: boolean) => void;
}

export const useAppStore = create<AppState>((set) => ({
  loaded: false,
  loadError: null,
  settings: null,
  dataDir: '',
  version: '',
  screen: 'inbox',
  settingsSection: null,
  online: true,
  async load() {
    try {
      const [info, settings] = await Promise.all([call('app.info'), call('settings.get')]);
      setUiLanguage(settings.preferences.uiLanguage);
      set({ loaded: true, loadError: null, settings, dataDir: info.dataDir, version: info.version });
    } catch (err) {
      set({ loaded: true, loadError: errorText(err) });
    }
  },
  async completeSetup(input) {
    const settings = await call('setup.complete', input);
    setUiLanguage(settings.preferences.uiLanguage);
    set({ settings });
  },
  async updateSettings(patch) {
    const settings = await call('settings.update', patch);
    setUiLanguage(settings.preferences.uiLanguage);
    set({ settings });
  },
  go(screen, settingsSection) {
    set({ screen, settingsSection: settingsSection ?? null });
  },
  setOnline(online) {
    set({ online });
  },
}));
