// One message. Customer text is rendered as plain text (never HTML); very long text is folded.
import { useState } from 'react';
import { useTranslation } from '../../i18n/react';
import type { Message } from '../../stores/conversation';
import { useConversationStore } from '../../stores/conversation';
import { ChannelBadge } from '../../components/ChannelBadge';
import { formatTime } from '../../components/format';
import { MediaView } from '../media/MediaView';
import { QueuedActions } from '../workday/QueuedActions';

const FOLD_AT = 4000;
const STATUS_ICON: Record<string, string> = { queued: '🕓', sending: '…', sent: '✓', delivered: '✓✓', read: '✓✓', failed: '⚠' };

export function MessageBubble({ m, showChannel, timeZone }: { m: Message; showChannel: boolean; timeZone?: string }) {
  const { t } = useTranslation();
  const [expanded, setExpanded] = useState(false);
  const retry = useConversationStore((s) => s.retry);
  const long = m.body.length > FOLD_AT;
  const text = long && !expanded ? m.body.slice(0, FOLD_AT) + '…' : m.body;
  if (m.author === 'system') {
    return (
      <div className="system-note" dir="auto" data-testid="system-note">
        {m.body}
      </div>
    );
  }
  return (
    <div className={`bubble-row ${m.direction}`} data-testid="message" data-direction={m.direction} data-status={m.status}>
      <div className={`bubble ${m.direction} ${m.status === 'failed' ? 'failed' : ''}`}>
        {m.media ? (
          <MediaView messageId={m.id} kind={m.kind} media={m.media} />
        ) : (
          m.kind !== 'text' && <span className="media-tag">[{t(`inbox.kind.${m.kind}`, { defaultValue: m.kind })}]</span>
        )}
        {text && (
          <span className="bubble-text" dir="auto">
            {text}
          </span>
        )}
        {long && (
          <button className="link" onClick={() => setExpanded(!expanded)}>
            {expanded ? t('inbox.showLess') : t('inbox.showAll', { count: m.body.length })}
          </button>
        )}
        {m.error === 'deleted_by_sender' && <span className="media-tag">{t('media.deletedBySender')}</span>}
        <span className="bubble-meta">
          {showChannel && <ChannelBadge channel={m.channel} />}
          {m.author === 'assistant' && (
            <span className="by-assistant" title={t('inbox.byAssistant')}>
              🤖
            </span>
          )}
          <span>{formatTime(m.createdAt, timeZone)}</span>
          {m.direction === 'out' && (
            <span className={`status status-${m.status}`} title={t(`inbox.status.${m.status}`)} data-testid="message-status">
              {STATUS_ICON[m.status] ?? ''}
            </span>
          )}
        </span>
      </div>
      {m.status === 'queued' && m.direction === 'out' && <QueuedActions m={m} />}
      {m.status === 'failed' && (
        <div className="failed-line">
          <span>{m.error === 'phone_not_a_channel' ? t('workday.phoneNotAChannel') : (m.error ?? t('inbox.status.failed'))}</span>
          {m.error !== 'phone_not_a_channel' && (
            <button className="btn small" onClick={() => void retry(m.id)} data-testid="retry">
              {t('common.retry')}
            </button>
          )}
        </div>
      )}
    </div>
  );
}
