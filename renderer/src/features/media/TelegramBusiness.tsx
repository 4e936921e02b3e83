// Telegram Business in the UI: the one-time setup explained in Settings → Channels with the connected accounts, and
// the reply window above the composer of a conversation whose replies go out from the owner's own account.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, on, type ApiOutput } from '../../api';
import { formatTime } from '../../components/format';

export function TelegramBusinessCard({ botUsername }: { botUsername?: string }) {
  const { t } = useTranslation();
  const [list, setList] = useState<ApiOutput<'channels.telegram.business'>>([]);
  useEffect(() => {
    const load = () => void call('channels.telegram.business').then(setList);
    load();
    return on('channel.status', (s) => s.channel === 'telegram' && load());
  }, []);
  return (
    <section className="card channel-card" data-testid="telegram-business">
      <h3>{t('media.business.title')}</h3>
      <p className="muted small">{t('media.business.intro')}</p>
      <ol className="small">
        <li>{t('media.business.step1')}</li>
        <li>{t('media.business.step2', { bot: botUsername ?? '@…' })}</li>
        <li>{t('media.business.step3')}</li>
      </ol>
      <p className="muted small">{t('media.business.rule')}</p>
      {list.length === 0 ? (
        <p className="small">{t('media.business.none')}</p>
      ) : (
        <ul className="small">
          {list.map((c) => (
            <li key={c.id}>
              {t(!c.enabled ? 'media.business.disabled' : c.canReply ? 'media.business.connected' : 'media.business.readOnly', {
                name: c.name,
              })}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Above the composer: replies in this chat go from the owner's Telegram account, and until when. */
export function ReplyWindowNote({ conversationId, channels, timeZone }: { conversationId: number; channels: string[]; timeZone?: string }) {
  const { t } = useTranslation();
  const [w, setW] = useState<ApiOutput<'channels.telegram.replyWindow'> | null>(null);
  const telegram = channels.includes('telegram');
  useEffect(() => {
    if (!telegram) return;
    const load = () => void call('channels.telegram.replyWindow', { conversationId }).then(setW);
    load();
    return on('message.new', (e) => e.conversationId === conversationId && load());
  }, [conversationId, telegram]);
  if (!telegram || !w || w.via !== 'business') return null;
  const text =
    w.refused === 'window_closed'
      ? t('media.business.composerClosed')
      : w.refused
        ? t('media.business.composerDisabled')
        : t('media.business.composer', { time: formatTime(w.until, timeZone) });
  return (
    <div className={`reply-window ${w.refused ? 'closed' : ''}`} data-testid="reply-window">
      {text}
    </div>
  );
}
