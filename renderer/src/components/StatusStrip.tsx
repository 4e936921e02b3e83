// Always-visible channel status and the live-connection warning.
import { useTranslation } from '../i18n/react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../stores/app';
import { useChannelsStore } from '../stores/channels';
import { runtimeKey } from '../i18n/keys';
import { statusReasonText } from '../i18n/errors';
import { StripFix } from '../features/workday/ChannelHealth';

export function StatusStrip() {
  const { t } = useTranslation();
  const online = useAppStore((s) => s.online);
  // Every configured channel: running in any state, or set up and switched off (a linked phone, a kept token).
  const statuses = useChannelsStore(useShallow((s) => Object.values(s.statuses).filter((c) => c.state !== 'disabled' || c.configured)));
  return (
    <div className="status-strip" role="status">
      {!online && <span className="status-offline">{t('common.offline')}</span>}
      {statuses.map((s) => (
        <span
          key={s.channel}
          className={`status-chip state-${s.state}`}
          title={statusReasonText(s) ?? ''}
          data-testid={`status-${s.channel}`}
        >
          <span className="dot" />
          {t(runtimeKey('common.channel', s.channel), { defaultValue: s.channel })}:{' '}
          {t(runtimeKey('common.channelState', s.state), {
            defaultValue: t(runtimeKey('whatsappLink.strip', s.state), { defaultValue: s.state }),
          })}
          <StripFix channel={s.channel} state={s.state} reason={statusReasonText(s)} />
        </span>
      ))}
    </div>
  );
}
