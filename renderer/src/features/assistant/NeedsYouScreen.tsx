// "Needs you": replies the assistant held back (with the draft and the reason) and customers who want the owner
// (with a short handoff summary). The owner edits and sends, opens the conversation, or dismisses.
import { useEffect, useState } from 'react';
import { useTranslation } from '../../i18n/react';
import { useOptOutDecisionStore } from '../../stores/optout-decision';
import { useAssistantStore, type QueueItem } from '../../stores/assistant';
import { useInboxStore } from '../../stores/inbox';
import { useAppStore } from '../../stores/app';
import { formatListTime } from '../../components/format';
import { runtimeKey } from '../../i18n/keys';
import { errorText } from '../../i18n/errors';

export function NeedsYouScreen() {
  const { t } = useTranslation();
  const queue = useAssistantStore((s) => s.queue);
  const loadQueue = useAssistantStore((s) => s.loadQueue);
  useEffect(() => {
    void loadQueue();
  }, [loadQueue]);
  return (
    <div className="page needs-you" data-testid="needs-you">
      <header className="page-head">
        <h1>🙋 {t('assistant.needsYou.title')}</h1>
        <span className="muted">{t('assistant.needsYou.intro')}</span>
      </header>
      <div className="page-body">
        {queue.length === 0 ? (
          <div className="empty-state">
            <div className="empty-icon" aria-hidden>
              ☕
            </div>
            <h2>{t('assistant.needsYou.empty')}</h2>
            <p className="muted">{t('assistant.needsYou.emptyHint')}</p>
          </div>
        ) : (
          <ul className="ny-list">
            {queue.map((item) => (
              <NeedsYouCard key={`${item.id}-${item.updatedAt}`} item={item} />
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}

function NeedsYouCard({ item }: { item: QueueItem }) {
  const { t } = useTranslation();
  const resolve = useAssistantStore((s) => s.resolve);
  const timeZone = useAppStore((s) => s.settings?.business.timeZone);
  const go = useAppStore((s) => s.go);
  const select = useInboxStore((s) => s.select);
  const [text, setText] = useState(item.draft);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function act(action: 'send' | 'dismiss') {
    setBusy(true);
    setError(null);
    try {
      await resolve(item.id, action, action === 'send' ? text : undefined);
    } catch (err) {
      setError(errorText(err));
      setBusy(false);
    }
  }

  return (
    <li className={`card ny-card ${item.kind}`} data-testid="needs-you-item" data-reason={item.reason}>
      <div className="ny-head">
        <strong dir="auto">{item.contactName}</strong>
        <span className={`pill ${item.kind === 'escalation' ? 'bad' : 'warn'}`}>
          {item.kind === 'escalation' ? t('assistant.needsYou.escalation') : t('assistant.needsYou.hold')}
        </span>
        <span className="ny-reason" data-testid="needs-you-reason">
          {t(runtimeKey('assistant.reasons', item.reason), {
            defaultValue: t(runtimeKey('autoTrust.reasons', item.reason), { defaultValue: item.reason }),
          })}
        </span>
        <span className="muted small ny-time">{formatListTime(item.updatedAt, timeZone)}</span>
      </div>
      {item.detail && (
        <p className="ny-detail muted small" dir="auto">
          {item.detail}
        </p>
      )}
      {item.summary && (
        <div className="ny-summary">
          <span className="field-label">{t('assistant.needsYou.summary')}</span>
          <p dir="auto" data-testid="needs-you-summary" style={{ whiteSpace: 'pre-line' }}>
            {item.summary}
          </p>
        </div>
      )}
      <label className="field">
        <span className="field-label">{t('assistant.needsYou.draft')}</span>
        <textarea
          value={text}
          onChange={(e) => setText(e.target.value)}
          rows={3}
          dir="auto"
          placeholder={t('assistant.needsYou.noDraft')}
          data-testid="needs-you-draft"
        />
      </label>
      {item.sources.length > 0 && (
        <p className="muted small" dir="auto">
          {t('assistant.needsYou.sourcesLabel')}: {item.sources.map((s) => s.title).join(', ')}
        </p>
      )}
      {error && <div className="error-box small">{error}</div>}
      <div className="ny-actions">
        <button className="btn primary" disabled={busy || !text.trim()} onClick={() => void act('send')} data-testid="needs-you-send">
          {t('assistant.needsYou.send')}
        </button>
        <button
          className="btn"
          onClick={() => {
            select(item.conversationId);
            go('inbox');
          }}
          data-testid="needs-you-open"
        >
          {t('assistant.needsYou.open')}
        </button>
        {item.reason === 'optout_unclear' && (
          <button
            className="btn danger"
            disabled={busy}
            onClick={() => {
              setBusy(true);
              void useOptOutDecisionStore
                .getState()
                .stopMessages(item.conversationId)
                .then(() => act('dismiss'))
                .catch((err: Error) => {
                  setError(err.message);
                  setBusy(false);
                });
            }}
            data-testid="needs-you-optout"
          >
            {t('autoTrust.optOut.stop')}
          </button>
        )}
        <button className="btn" disabled={busy} onClick={() => void act('dismiss')} data-testid="needs-you-dismiss">
          {t('assistant.needsYou.dismiss')}
        </button>
      </div>
    </li>
  );
}

/** The count on the navigation item; loads the queue once when the app starts. */
export function NeedsYouBadge() {
  const count = useAssistantStore((s) => s.queueCount);
  const loadQueue = useAssistantStore((s) => s.loadQueue);
  useEffect(() => {
    void loadQueue().catch(() => {});
  }, [loadQueue]);
  if (count === 0) return null;
  return (
    <span className="nav-count ny-count" data-testid="needs-you-count">
      {count}
    </span>
  );
}
