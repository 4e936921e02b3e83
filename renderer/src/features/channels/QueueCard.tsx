// The sending queue: per channel progress of the current batch, why messages wait, and the next messages in line.
import { useEffect } from 'react';
import { useTranslation } from '../../i18n/react';
import { useChannelsStore } from '../../stores/channels';
import { useAppStore } from '../../stores/app';
import { formatTime } from '../../components/format';
import { runtimeKey } from '../../i18n/keys';
import { technicalText } from '../../i18n/errors';
import { TechDetails } from '../../components/TechDetails';

const REFRESH_MS = 2_000;

export function QueueCard() {
  const { t } = useTranslation();
  const queue = useChannelsStore((s) => s.queue);
  const loadQueue = useChannelsStore((s) => s.loadQueue);
  const timeZone = useAppStore((s) => s.settings?.business.timeZone);
  useEffect(() => {
    void loadQueue();
    // The queue moves on its own (pacing, retries); a short poll keeps the bars honest while this is open.
    const timer = setInterval(() => void loadQueue().catch(() => {}), REFRESH_MS);
    return () => clearInterval(timer);
  }, [loadQueue]);
  if (!queue) return null;
  const shown = queue.items.length;
  const pendingTotal = queue.channels.reduce((n, c) => n + c.pending, 0);
  return (
    <section className="card channel-card" data-testid="queue-card">
      <header className="channel-card-head">
        <h3>{t('channels.queue.title')}</h3>
      </header>
      {queue.channels.length === 0 && <p className="muted">{t('channels.queue.empty')}</p>}
      {queue.channels.map((c) => {
        const total = c.done + c.failed + c.pending;
        const name = t(runtimeKey('common.channel', c.channel), { defaultValue: c.channel });
        return (
          <div key={c.channel} className="queue-channel" data-testid={`queue-${c.channel}`}>
            <div className="queue-line">
              <strong>{name}</strong>
              <span>{t('channels.queue.progress', { done: c.done, total })}</span>
              {c.failed > 0 && <span className="bad">{t('channels.queue.failed', { count: c.failed })}</span>}
              <span className="spacer" />
              <span className="muted small">
                {c.hourlyCap
                  ? t('channels.queue.lastHourCap', { count: c.sentLastHour, cap: c.hourlyCap })
                  : t('channels.queue.lastHour', { count: c.sentLastHour })}
              </span>
            </div>
            <div className="progress" role="progressbar" aria-valuemin={0} aria-valuemax={total} aria-valuenow={c.done + c.failed}>
              <span style={{ width: `${total ? Math.round(((c.done + c.failed) / total) * 100) : 0}%` }} />
            </div>
            {c.waitingFor && (
              <p className={`small ${c.waitingFor === 'channel' ? 'bad' : 'muted'}`} data-testid={`queue-${c.channel}-waiting`}>
                {c.waitingFor === 'channel'
                  ? t('channels.queue.waiting.channel', { channel: name })
                  : t(`channels.queue.waiting.${c.waitingFor}`, { time: c.nextSendAt ? formatTime(c.nextSendAt, timeZone) : '' })}
              </p>
            )}
          </div>
        );
      })}
      {shown > 0 && (
        <table className="data queue-table">
          <thead>
            <tr>
              <th>{t('channels.queue.to')}</th>
              <th>{t('channels.queue.message')}</th>
              <th>{t('channels.queue.state')}</th>
            </tr>
          </thead>
          <tbody>
            {queue.items.map((i) => (
              <tr key={i.messageId} data-testid="queue-item">
                <td dir="auto">
                  {i.contactName}
                  <div className="muted small">{t(runtimeKey('common.channel', i.channel), { defaultValue: i.channel })}</div>
                </td>
                <td className="queue-preview" dir="auto">
                  {i.preview}
                </td>
                <td className="small">
                  {i.state === 'sending' ? t('channels.queue.sending') : t('channels.queue.queued')}
                  {i.attempts > 0 && <div className="muted">{t('channels.queue.attempts', { count: i.attempts + 1 })}</div>}
                  {i.lastError && (
                    <div className="muted" dir="auto">
                      {technicalText(i.lastError) ?? t('errors.code.channel_unavailable')}
                      {technicalText(i.lastError) !== i.lastError && <TechDetails text={i.lastError} />}
                    </div>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {pendingTotal > shown && <p className="muted small">{t('channels.queue.more', { count: pendingTotal - shown })}</p>}
    </section>
  );
}
