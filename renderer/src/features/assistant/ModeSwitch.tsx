// Conversation header: the assistant's mode for this conversation (or the default) and its log.
import { useState } from 'react';
import { useTranslation } from '../../i18n/react';
import { useAssistantStore, type Mode } from '../../stores/assistant';
import { AuditDialog } from './AuditDialog';

const MODES: Mode[] = ['off', 'suggest', 'auto'];

export function ModeSwitch({ conversationId }: { conversationId: number }) {
  const { t } = useTranslation();
  const info = useAssistantStore((s) => s.modes[conversationId]);
  const setMode = useAssistantStore((s) => s.setMode);
  const [log, setLog] = useState(false);
  const defaultMode = info ? (info.override === null ? info.effective : null) : null;
  return (
    <>
      <label
        className={`mode-switch mode-${info?.effective ?? 'none'}`}
        title={info ? t(`assistant.modeHelp.${info.effective}`) : undefined}
      >
        <span aria-hidden>🤖</span>
        <select
          value={info?.override ?? ''}
          disabled={!info}
          onChange={(e) => void setMode(conversationId, e.target.value === '' ? null : (e.target.value as Mode))}
          data-testid="assistant-mode"
          aria-label={t('assistant.modeLabel')}
        >
          <option value="">{t('assistant.modes.default', { mode: defaultMode ? t(`assistant.modes.${defaultMode}`) : '…' })}</option>
          {MODES.map((m) => (
            <option key={m} value={m}>
              {t(`assistant.modes.${m}`)}
            </option>
          ))}
        </select>
      </label>
      <button
        className="btn small"
        onClick={() => setLog(true)}
        title={t('assistant.log')}
        aria-label={t('assistant.log')}
        data-testid="assistant-log-button"
      >
        📜
      </button>
      {log && <AuditDialog conversationId={conversationId} onClose={() => setLog(false)} />}
    </>
  );
}
