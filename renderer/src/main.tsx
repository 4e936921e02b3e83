// Renderer entry: the UI language's texts, live updates, the first data, then the app.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './styles.css';
import { TextsGate } from './i18n/TextsGate';
import { App } from './App';
import { ErrorBoundary } from './AppErrorBoundary';
import { RecoveryGate } from './features/backup/RecoveryScreen';
import { startLiveUpdates } from './stores/live';
import { CoreGate } from './features/desktop/CoreGate';
import { isDesktop } from './api';
import { loadUiTexts, rememberedUiLanguage, setUiLanguage } from './i18n';
import { useAppStore } from './stores/app';
import { useInboxStore } from './stores/inbox';
import { useBackupStore } from './stores/backup';

// The token in the address bar was turned into a cookie by the server; keep it out of history and screenshots.
if (location.search.includes('token=')) history.replaceState(null, '', location.pathname);
// The language shown last time comes first; without one, English (the fallback every language needs, preloaded by
// index.html) until the settings say which language the owner chose.
const remembered = rememberedUiLanguage();
if (remembered) setUiLanguage(remembered);
else void loadUiTexts('en').catch(() => {});
startLiveUpdates();
// In a browser the server that served this page is up: the recovery state, the settings and the first inbox page load
// now, side by side (taking the answers first-calls.ts asked for before this bundle ran), rather than one after the other as the gates and
// screens mount. The desktop window waits for its core process first.
if (!isDesktop()) {
  void useBackupStore.getState().load(); // whether the database needs recovery (RecoveryGate)
  void useAppStore.getState().boot();
  void useInboxStore.getState().load();
}
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ErrorBoundary scope="app">
      <TextsGate>
        <CoreGate>
          <RecoveryGate>
            <App />
          </RecoveryGate>
        </CoreGate>
      </TextsGate>
    </ErrorBoundary>
  </StrictMode>,
);
