// A channel's status line (coloured dot, state, the channel's own words), shared by the Telegram and WhatsApp cards.
import { useTranslation } from '../../i18n/react';
import type { ChannelStatus } from '../../stores/channels';
import { statusReasonText } from '../../i18n/errors';
import { TechDetails } from '../../components/TechDetails';
import { runtimeKey } from '../../i18n/keys';

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
