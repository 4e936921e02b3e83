// Left navigation rail with the unread total on Inbox.
import { Suspense } from 'react';
import { useTranslation } from '../i18n/react';
import { useAppStore } from '../stores/app';
import { useInboxStore } from '../stores/inbox';
import { SCREENS } from './screens';
import { ErrorBoundary } from '../AppErrorBoundary';

export function Nav() {
  const { t } = useTranslation();
  const screen = useAppStore((s) => s.screen);
  const go = useAppStore((s) => s.go);
  const businessName = useAppStore((s) => s.settings?.business.name ?? '');
  const unread = useInboxStore((s) => s.unreadConversations);
  const item = (def: (typeof SCREENS)[number]) => (
    <button
      key={def.id}
      className={`nav-item ${screen === def.id ? 'active' : ''}`}
      onClick={() => go(def.id)}
      aria-current={screen === def.id ? 'page' : undefined}
      data-testid={`nav-${def.id}`}
    >
      <span className="nav-icon" aria-hidden>
        {def.icon}
      </span>
      <span className="nav-label">{t(def.label)}</span>
      {def.id === 'inbox' && unread > 0 && <span className="nav-count">{unread}</span>}
      {def.badge && (
        // A count that cannot be shown (its code did not load) must never take the navigation with it.
        <ErrorBoundary scope="quiet">
          <Suspense fallback={null}>
            <def.badge />
          </Suspense>
        </ErrorBoundary>
      )}
    </button>
  );
  return (
    <nav className="nav">
      <div className="nav-brand" title={businessName}>
        <span className="brand-mark">Л</span>
        <span className="brand-name">{businessName || t('common.appName')}</span>
      </div>
      <div className="nav-items">{SCREENS.filter((s) => !s.bottom).map(item)}</div>
      <div className="nav-bottom">{SCREENS.filter((s) => s.bottom).map(item)}</div>
    </nav>
  );
}
