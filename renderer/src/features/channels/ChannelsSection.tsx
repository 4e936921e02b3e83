// Settings → Channels: connect Telegram and WhatsApp, set the sending pace, watch the sending queue.
import { useEffect } from 'react';
import { useTranslation } from '../../i18n/react';
import { useChannelsStore } from '../../stores/channels';
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
