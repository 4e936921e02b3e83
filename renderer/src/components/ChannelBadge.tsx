// A small coloured badge naming a channel.
import { useTranslation } from '../i18n/react';
import { runtimeKey } from '../i18n/keys';

const LETTER: Record<string, string> = { whatsapp: 'WA', telegram: 'TG', sandbox: 'SB', email: '@', phone: '☎' };

export function ChannelBadge({ channel, withLabel = false }: { channel: string; withLabel?: boolean }) {
  const { t } = useTranslation();
  // A conversation nobody can be written to yet (a phone-book contact) has no channel to name.
  if (channel === 'none') return null;
  const label = t(runtimeKey('common.channel', channel), { defaultValue: channel });
  return (
    <span className={`badge badge-${channel}`} title={label} data-channel={channel}>
      {withLabel ? label : (LETTER[channel] ?? channel.slice(0, 2).toUpperCase())}
    </span>
  );
}
