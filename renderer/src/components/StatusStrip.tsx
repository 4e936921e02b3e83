// Always-visible channel status and the live-connection warning.
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../stores/app';
import { useChannelsStore } from '../stores/channels';

export function StatusStrip() {
  const { t } = useTranslation();
  const online = useAppStore((s) => s.online);
  const statuses = useChannelsStore(useShallow((s) => Object.values(s.statuses).filter((c) => c.state !== 'disabled')));
  return (
    <div className="status-strip" role="status">
      {!online && <span className="status-offline">{t('common.offline')}</span>}
      {statuses.map((s) => (
        <span key={s.channel} className={`status-chip state-${s.state}`} title={s.detail ?? ''} data-testid={`status-${s.channel}`}>
          <span className="dot" />
          {t(`common.channel.${s.channel}`, { defaultValue: s.channel })}: {t([`common.channelState.${s.state}`, `whatsappLink.strip.${s.state}`])}
        </span>
      ))}
    </div>
  );
}
