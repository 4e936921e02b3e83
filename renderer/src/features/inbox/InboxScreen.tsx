// Inbox: the conversation list, the open conversation, and the customer beside it.
import { useEffect } from 'react';
import { useTranslation } from '../../i18n/react';
import { useInboxStore } from '../../stores/inbox';
import { useSandboxStore } from '../../stores/sandbox';
import { ConversationList } from './ConversationList';
import { ConversationView } from './ConversationView';
import { ContactPanel } from './ContactPanel';
import { SandboxPanel } from '../sandbox/SandboxPanel';
import { FirstRunChecklist } from '../workday/FirstRunChecklist';

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

  return (
    <div className="inbox">
      <ConversationList />
      <main className="conversation-pane">
        {selectedId && selected ? (
          <ConversationView key={selectedId} conversation={selected} />
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
      {selected && !sandboxOpen && <ContactPanel contactId={selected.contactId} />}
      {sandboxOpen && <SandboxPanel />}
    </div>
  );
}
