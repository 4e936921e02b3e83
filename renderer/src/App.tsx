// Top-level layout: first-run setup, or the navigation rail with the chosen screen.
import { Suspense, lazy, useEffect } from 'react';
import { useTranslation } from './i18n/react';
import { uiLanguageChosen } from './i18n';
import { useAppStore } from './stores/app';
import { useChannelsStore } from './stores/channels';
import { Nav } from './components/Nav';
import { StatusStrip } from './components/StatusStrip';
import { SCREENS } from './components/screens';
import { useInboxStore } from './stores/inbox';
import { onOpenConversation } from './api';
import { useUnreadTitle } from './features/workday/useUnreadTitle';
import { ErrorBoundary } from './AppErrorBoundary';
import { retryAfterReconnect } from './reconnect';
// First start only: not part of the bundle every later start loads.
const SetupWizard = lazy(() => retryAfterReconnect(() => import('./features/setup/SetupWizard')).then((m) => ({ default: m.SetupWizard })));

/** While the first data or a screen's code loads. Words only once the owner's language is known (no flash of another). */
export function Boot() {
  const { t } = useTranslation();
  const online = useAppStore((s) => s.online);
  return (
    <div className="boot" aria-busy="true">
      {uiLanguageChosen() ? (online ? t('common.loading') : t('common.offline')) : null}
    </div>
  );
}

export function App() {
  const { t } = useTranslation();
  const { loaded, loadError, settings, screen } = useAppStore();
  const boot = useAppStore((s) => s.boot);
  const loadChannels = useChannelsStore((s) => s.load);
  const go = useAppStore((s) => s.go);
  useUnreadTitle();

  useEffect(() => {
    void boot();
    void loadChannels().catch(() => {});
  }, [boot, loadChannels]);

  // A desktop notification was clicked: show that conversation.
  useEffect(
    () =>
      onOpenConversation((id) => {
        go('inbox');
        useInboxStore.getState().select(id);
      }),
    [go],
  );

  if (!loaded) return <Boot />;
  if (loadError || !settings) return <div className="boot error-box">{t('common.loadFailed', { error: loadError ?? '' })}</div>;
  if (!settings.setupDone)
    return (
      <ErrorBoundary scope="app">
        <Suspense fallback={<Boot />}>
          <SetupWizard />
        </Suspense>
      </ErrorBoundary>
    );
  const Screen = SCREENS.find((s) => s.id === screen)?.component ?? SCREENS[0].component;
  return (
    <div className="app">
      <Nav />
      <div className="app-main">
        <StatusStrip />
        <div className="screen">
          <ErrorBoundary scope="screen" resetKey={screen}>
            <Suspense fallback={<Boot />}>
              <Screen />
            </Suspense>
          </ErrorBoundary>
        </div>
      </div>
    </div>
  );
}
