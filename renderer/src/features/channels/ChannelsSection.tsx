// Settings → Channels: connect Telegram and WhatsApp, set the sending pace, watch the sending queue.
import { useEffect } from 'react';
import { useTranslation } from '../../i18n/react';
import { useChannelsStore, type ChannelStatus } from '../../stores/channels';
import { TelegramCard } from './TelegramCard';
import { WhatsAppCard } from './WhatsAppCard';
import { PacingCard } from './PacingCard';
import { QueueCard } from './QueueCard';
import { statusReasonText } from '../../i18n/errors';
import { TechDetails } from '../../components/TechDetails';
import { runtimeKey } from '../../i18n/keys';
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
      <strong>
        {label ??
          t(runtimeKey('channels.state', status.state), {
            defaultValue: t(runtimeKey('whatsappLink.state', status.state), { defaultValue: status.state }),
          })}
      </strong>
      {/* While a QR code is shown, the card explains the scan itself, in the owner's language. */}
      {status.detail && !['waiting_for_scan', 'conflict', 'blocked'].includes(status.state) && status.notice === undefined && (
        <StatusDetail status={status} />
      )}
    </div>
  );
}

/**
 * The channel's own words about its state. Lavka's hints and library errors are English: a known reason is shown in
 * the owner's language with the original folded under "Details"; an unknown text shows as is only on an English screen.
 */
function StatusDetail({ status }: { status: ChannelStatus }) {
  const worded = statusReasonText(status);
  const technical = status.reason || worded !== status.detail ? status.detail : null;
  return (
    <span className="channel-detail" dir="auto">
      {worded}
      <TechDetails text={technical} />
    </span>
  );
}
