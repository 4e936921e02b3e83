// Channel health where the owner works: in the top strip, a channel that is down says why and links to the fix;
// above the reply box, a conversation whose channel is down says so and offers the customer's other channels.
import { useTranslation } from '../../i18n/react';
import { useAppStore } from '../../stores/app';
import { useChannelsStore } from '../../stores/channels';
import type { ConversationSummary } from '../../stores/inbox';
import { statusReasonText } from '../../i18n/errors';
import { runtimeKey } from '../../i18n/keys';

/** States in which messages do not go out and will not by themselves soon. */
const DOWN = new Set(['disconnected', 'logged_out', 'conflict', 'blocked', 'waiting_for_scan', 'error']);

export function isDown(state: string | undefined): boolean {
  return state !== undefined && DOWN.has(state);
}

/** Reason and "Fix in Settings" for one channel chip in the top strip; nothing while the channel works. */
export function StripFix({ channel, state, reason }: { channel: string; state: string; reason: string | null }) {
  const { t } = useTranslation();
  const go = useAppStore((s) => s.go);
  // Switched off while set up counts too: customers writing there are not heard until it is on again.
  if ((!isDown(state) && state !== 'disabled') || channel === 'sandbox') return null;
  return (
    <>
      {reason && <span className="strip-reason">— {reason}</span>}
      <button className="link strip-fix" onClick={() => go('settings', 'channels')} data-testid={`fix-${channel}`}>
        {t('workday.fixChannel')}
      </button>
    </>
  );
}

export function ChannelDownNotice({
  conversation,
  channel,
  onPick,
}: {
  conversation: ConversationSummary;
  channel: string;
  onPick: (channel: string) => void;
}) {
  const { t } = useTranslation();
  const statuses = useChannelsStore((s) => s.statuses);
  const go = useAppStore((s) => s.go);
  const target = channel || conversation.lastChannel;
  const status = statuses[target];
  // Not known yet (statuses still loading) or working: nothing to say. Never set up counts as down: nothing would go out.
  if (Object.keys(statuses).length === 0 || (status && !isDown(status.state) && status.state !== 'disabled')) return null;
  const name = (ch: string) => t(runtimeKey('common.channel', ch), { defaultValue: ch });
  const others = conversation.channels.filter((ch) => ch !== target && statuses[ch]?.state === 'connected');
  const reason = status ? statusReasonText(status) : null;
  return (
    <div className="notice-box channel-down" role="status" data-testid="channel-down">
      <span>
        {/* Never set up or switched off: nothing will bring it back by itself, so the owner reads what to do. */}
        {t(!status || status.state === 'disabled' ? 'workday.channelOff' : 'workday.channelDown', { channel: name(target) })}
        {reason && <span className="muted"> {reason}</span>}
      </span>
      <span className="channel-down-actions">
        {others.map((ch) => (
          <button key={ch} className="btn small" onClick={() => onPick(ch)} data-testid={`use-channel-${ch}`}>
            {t('workday.useOtherChannel', { channel: name(ch) })}
          </button>
        ))}
        <button className="btn small" onClick={() => go('settings', 'channels')}>
          {t('workday.fixChannel')}
        </button>
      </span>
    </div>
  );
}
