// App-level state: whether setup is done, the owner's settings, which screen is open, the live connection.
import { create } from 'zustand';
import { call, type ApiInput, type ApiOutput } from '../api';
import { rememberedUiLanguage, switchUiLanguage } from '../i18n';
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
  load(): Promise<void>;
  /** The first load, started once however many callers ask (the page starts it before React mounts). */
  boot(): Promise<void>;
  completeSetup(input: ApiInput<'setup.complete'>): Promise<void>;
  updateSettings(patch: ApiInput<'settings.update'>): Promise<void>;
  go(screen: string, settingsSection?: string): void;
  setOnline(up: boolean): void;
}

let booting: Promise<void> | null = null;

// The UI language follows the settings; the screen appears only once its texts are loaded, so it never shows raw keys
// or a flash of another language. A text chunk that cannot load yet (Lavka restarting) never blocks the settings.
const showLanguage = (lang: string) => switchUiLanguage(lang).catch((err) => console.warn('[lavka] UI texts did not load', err));

export const useAppStore = create<AppState>((set, get) => ({
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
      await showLanguage(settings.preferences.uiLanguage);
      set({ loaded: true, loadError: null, settings, dataDir: info.dataDir, version: info.version });
    } catch (err) {
      // The failure itself is worded in the language the owner saw last (or English).
      await showLanguage(rememberedUiLanguage() ?? 'en');
      set({ loaded: true, loadError: errorText(err) });
    }
  },
  boot() {
    return (booting ??= get().load());
  },
  async completeSetup(input) {
    const settings = await call('setup.complete', input);
    await showLanguage(settings.preferences.uiLanguage);
    set({ settings });
  },
  async updateSettings(patch) {
    const settings = await call('settings.update', patch);
    await showLanguage(settings.preferences.uiLanguage);
    set({ settings });
  },
  go(screen, settingsSection) {
    set({ screen, settingsSection: settingsSection ?? null });
  },
  setOnline(online) {
    set({ online });
  },
}));
