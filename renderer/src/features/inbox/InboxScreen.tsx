// Inbox: the conversation list, the open conversation, and the customer beside it.
import { Suspense, useEffect } from 'react';
import { useTranslation } from '../../i18n/react';
import { useInboxStore } from '../../stores/inbox';
import { useSandboxStore } from '../../stores/sandbox';
import { ConversationList } from './ConversationList';
import { FirstRunChecklist } from '../workday/FirstRunChecklist';
import { lazyNamed } from '../../reconnect';

// The first screen is the list: the open conversation, the customer panel and the sandbox (with the composer, order
// and reminder dialogs, date and phone code) are their own chunks, fetched right after the list is painted so the
// first click finds them loaded.
const loadConversation = () => import('./ConversationView');
const loadContactPanel = () => import('./ContactPanel');
const loadSandbox = () => import('../sandbox/SandboxPanel');
const ConversationView = lazyNamed(loadConversation, 'ConversationView');
const ContactPanel = lazyNamed(loadContactPanel, 'ContactPanel');
const SandboxPanel = lazyNamed(loadSandbox, 'SandboxPanel');

// After the first frame and the tasks right behind it (the list's measuring, the tab counts).
const PREFETCH_AFTER_MS = 300;

function prefetchPanes(): () => void {
  let h: ReturnType<typeof setTimeout> | undefined;
  const f = requestAnimationFrame(
    () =>
      (h = setTimeout(() => {
        // A failed prefetch costs nothing: opening the pane fetches again (and waits for a reconnect).
        for (const load of [loadConversation, loadContactPanel, loadSandbox]) load().catch(() => {});
      }, PREFETCH_AFTER_MS)),
  );
  return () => {
    cancelAnimationFrame(f);
    clearTimeout(h);
  };
}

export function InboxScreen() {
  const { t } = useTranslation();
  const selectedId = useInboxStore((s) => s.selectedId);
  const load = useInboxStore((s) => s.load);
  const sandboxOpen = useSandboxStore((s) => s.open);
  const toggleSandbox = useSandboxStore((s) => s.toggle);
  const selected = useInboxStore((s) => s.items.find((c) => c.id === s.selectedId) ?? s.searchResults?.find((c) => c.id === s.selectedId));

  useEffect(() => {
    void load();
  }, [load]);
  useEffect(prefetchPanes, []);

  return (
    <div className="inbox">
      <ConversationList />
      <main className="conversation-pane">
        {selectedId && selected ? (
          <Suspense fallback={null}>
            <ConversationView key={selectedId} conversation={selected} />
          </Suspense>
        ) : (
          <div className="empty-state">
            <div className="empty-icon" aria-hidden>
              💬
            </div>
            <h2>{t('inbox.emptyTitle')}</h2>
            <p className="muted">{t('inbox.emptyHint')}</p>
            <button className="btn" onClick={() => toggleSandbox(true)} data-testid="try-as-customer-empty">
              {t('sandbox.open')}
            </button>
            <FirstRunChecklist />
          </div>
        )}
      </main>
      <Suspense fallback={null}>
        {selected && !sandboxOpen && <ContactPanel contactId={selected.contactId} />}
        {sandboxOpen && <SandboxPanel />}
      </Suspense>
    </div>
  );
}
