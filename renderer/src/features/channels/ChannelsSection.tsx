// Settings → Channels: connect Telegram and WhatsApp, set the sending pace, watch the sending queue.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useChannelsStore, type ChannelStatus } from '../../stores/channels';
import { TelegramCard } from './TelegramCard';
import { WhatsAppCard } from './WhatsAppCard';
import { PacingCard } from './PacingCard';
import { QueueCard } from './QueueCard';
import { OwnerPhoneSettings } from '../media/MediaSettings';
import { TelegramBusinessCard } from '../media/TelegramBusiness';

export function ChannelsSection() {
  const { t } = useTranslation();
  const overview = useChannelsStore((s) => s.overview);
  const loadOverview = useChannelsStore((s) => s.loadOverview);
  useEffect(() => {
    void loadOverview();
  }, [loadOverview]);
  return (
    <div className="form channels-settings" data-testid="channels-section">
      <h2>{t('channels.title')}</h2>
      <p className="muted">{t('channels.intro')}</p>
      {overview ? (
        <>
          <TelegramCard />
          <TelegramBusinessCard botUsername={overview.telegram.status.account} />
          <WhatsAppCard />
          <OwnerPhoneSettings />
          <QueueCard />
          <PacingCard />
        </>
      ) : (
        <p className="muted">{t('common.loading')}</p>
      )}
    </div>
  );
}

/** A status line: coloured dot, what the state means, and the channel's own words about it. */
export function StatusLine({ status, testId, label }: { status: ChannelStatus; testId: string; label?: string }) {
  const { t } = useTranslation();
  return (
    <div className={`channel-status status-chip state-${status.state}`} data-testid={testId} data-state={status.state}>
      <span className="dot" />
      <strong>{label ?? t([`channels.state.${status.state}`, `whatsappLink.state.${status.state}`])}</strong>
      {/* While a QR code is shown, the card explains the scan itself, in the owner's language. */}
      {status.detail && !['waiting_for_scan', 'conflict', 'blocked'].includes(status.state) && status.notice === undefined && (
        <span className="channel-detail" dir="auto">
          {status.detail}
        </span>
      )}
    </div>
  );
}
