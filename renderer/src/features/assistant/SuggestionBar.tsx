// The assistant's line above the composer: asks for a draft when a customer wrote last, shows it being written
// (Stop), what it was based on, what to check before sending, Regenerate — or what is missing and how to fix it.
import { useEffect } from 'react';
import { useTranslation } from '../../i18n/react';
import { runtimeKey } from '../../i18n/keys';
import { useAssistantStore, watchStatus } from '../../stores/assistant';
import { useComposerStore } from '../../stores/composer';
import { useConversationStore } from '../../stores/conversation';
import { useAppStore } from '../../stores/app';
import { assistantProblem } from './problem';

export function SuggestionBar({ conversationId }: { conversationId: number }) {
  const { t } = useTranslation();
  const mode = useAssistantStore((s) => s.modes[conversationId]?.effective);
  const draft = useAssistantStore((s) => s.drafts[conversationId]);
  const status = useAssistantStore((s) => s.status);
  const { suggest, cancel, loadMode, ownerTyped } = useAssistantStore.getState();
  const composerText = useComposerStore((s) => s.drafts[conversationId] ?? '');
  const lastMessage = useConversationStore((s) => s.threads[conversationId]?.messages.at(-1));
  const go = useAppStore((s) => s.go);

  useEffect(() => {
    void loadMode(conversationId).catch(() => {});
  }, [conversationId, loadMode]);
  useEffect(() => watchStatus(), []);

  // A customer wrote last and the composer is empty: ask for a draft once per customer message.
  const lastInboundId = lastMessage && lastMessage.direction === 'in' ? lastMessage.id : null;
  useEffect(() => {
    if (mode !== 'suggest' || lastInboundId === null || composerText.trim() !== '') return;
    if (status && status.state !== 'ready') return;
    void suggest(conversationId, { forMessageId: lastInboundId });
    // composerText is read on purpose only when the customer message changes: typing must not re-trigger.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [conversationId, mode, lastInboundId, status?.state]);

  useEffect(() => {
    ownerTyped(conversationId, composerText);
  }, [conversationId, composerText, ownerTyped]);

  if (!mode) return null;
  if (mode === 'off') return null;

  const unavailable = assistantProblem(status);
  const error = draft?.error ?? null;
  if ((unavailable || error) && !(draft && !draft.done)) {
    return (
      <div className="suggest-bar problem" data-testid="suggest-bar" role="status">
        <span>⚠️ {t('assistant.unavailable', { problem: unavailable ?? error })}</span>
        <span className="suggest-actions">
          {!unavailable && (
            <button className="btn small" onClick={() => void suggest(conversationId, { regenerate: true })}>
              {t('assistant.regenerate')}
            </button>
          )}
          <button className="btn small" onClick={() => go('settings', 'assistant')} data-testid="assistant-open-settings">
            {t('assistant.openSettings')}
          </button>
        </span>
      </div>
    );
  }

  if (draft && !draft.done) {
    return (
      <div className="suggest-bar writing" data-testid="suggest-bar" role="status">
        <span className="suggest-spark" aria-hidden>
          ✨
        </span>
        <span>{t('assistant.writing')}</span>
        <span className="suggest-actions">
          <button className="btn small" onClick={() => void cancel(conversationId)} data-testid="suggest-stop">
            {t('assistant.stop')}
          </button>
        </span>
      </div>
    );
  }

  const fresh = draft && draft.done && draft.text && draft.forMessageId === lastInboundId;
  if (!fresh) {
    return (
      <div className="suggest-bar idle" data-testid="suggest-bar">
        <button
          className="btn small"
          onClick={() => void suggest(conversationId, { regenerate: true })}
          disabled={lastInboundId === null}
          data-testid="suggest-button"
        >
          ✨ {t('assistant.suggestReply')}
        </button>
      </div>
    );
  }

  const titles = draft.sources.map((s) => s.title);
  return (
    <div className="suggest-bar done" data-testid="suggest-bar">
      <div className="suggest-main">
        <span className="suggest-spark" aria-hidden>
          ✨
        </span>
        <span className="suggest-label">{t('assistant.suggested')}</span>
        <span className="suggest-sources muted" data-testid="suggest-sources" dir="auto">
          {titles.length ? t('assistant.basedOn', { list: titles.join(', ') }) : t('assistant.basedOnNothing')}
        </span>
        <span className="suggest-actions">
          <button className="btn small" onClick={() => void suggest(conversationId, { regenerate: true })} data-testid="suggest-regenerate">
            {t('assistant.regenerate')}
          </button>
        </span>
      </div>
      {draft.warnings.length > 0 && (
        <div className="suggest-warnings" data-testid="suggest-warnings">
          <strong>{t('assistant.checkBeforeSending')}</strong>{' '}
          {draft.warnings.map((w, i) => (
            <span key={i} className="pill warn" title={w.detail}>
              {t(runtimeKey('assistant.reasons', w.reason), {
                defaultValue: t(runtimeKey('autoTrust.reasons', w.reason), { defaultValue: w.reason }),
              })}
            </span>
          ))}
        </div>
      )}
    </div>
  );
}
