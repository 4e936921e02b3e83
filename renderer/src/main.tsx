// Renderer entry: i18n, live updates, then the app.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './i18n';
import './styles.css';
import { App } from './App';
import { RecoveryGate } from './features/backup/RecoveryScreen';
import { startLiveUpdates } from './stores/live';
import { CoreGate } from './features/desktop/CoreGate';

// The token in the address bar was turned into a cookie by the server; keep it out of history and screenshots.
if (location.search.includes('token=')) history.replaceState(null, '', location.pathname);
startLiveUpdates();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <CoreGate>
      <RecoveryGate>
        <App />
      </RecoveryGate>
    </CoreGate>
  </StrictMode>,
);
