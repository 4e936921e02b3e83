// Top-level layout: first-run setup, or the navigation rail with the chosen screen.
import { Suspense, lazy, useEffect } from 'react';
import { useTranslation } from './i18n/react';
import { useAppStore } from './stores/app';
import { useChannelsStore } from './stores/channels';
import { Nav } from './components/Nav';
import { StatusStrip } from './components/StatusStrip';
import { SCREENS } from './components/screens';
import { useInboxStore } from './stores/inbox';
import { onOpenConversation } from './api';
import { useUnreadTitle } from './features/workday/useUnreadTitle';
// First start only: not part of the bundle every later start loads.
const SetupWizard = lazy(() => import('./features/setup/SetupWizard').then((m) => ({ default: m.SetupWizard })));

export function App() {
  const { t } = useTranslation();
  const { loaded, loadError, settings, screen } = useAppStore();
  const load = useAppStore((s) => s.load);
  const loadChannels = useChannelsStore((s) => s.load);
  const go = useAppStore((s) => s.go);
  useUnreadTitle();

  useEffect(() => {
    void load();
    void loadChannels().catch(() => {});
  }, [load, loadChannels]);

  // A desktop notification was clicked: show that conversation.
  useEffect(
    () =>
      onOpenConversation((id) => {
        go('inbox');
        useInboxStore.getState().select(id);
      }),
    [go],
  );

  if (!loaded) return <div className="boot">{t('common.loading')}</div>;
  if (loadError || !settings) return <div className="boot error-box">{t('common.loadFailed', { error: loadError ?? '' })}</div>;
  if (!settings.setupDone)
    return (
      <Suspense fallback={<div className="boot">{t('common.loading')}</div>}>
        <SetupWizard />
      </Suspense>
    );
  const Screen = SCREENS.find((s) => s.id === screen)?.component ?? SCREENS[0].component;
  return (
    <div className="app">
      <Nav />
      <div className="app-main">
        <StatusStrip />
        <div className="screen">
          <Suspense fallback={<div className="boot">{t('common.loading')}</div>}>
            <Screen />
          </Suspense>
        </div>
      </div>
    </div>
  );
}
