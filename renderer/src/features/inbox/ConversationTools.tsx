// Buttons in the conversation header. Domains (assistant mode, orders, reminders) add theirs here.
import { RemindButton } from '../reminders/RemindButton';
import { ModeSwitch } from '../assistant/ModeSwitch';
import { OrderButton } from '../orders/OrderTools';
import { WorkdayTools } from '../workday/WorkdayTools';
import type { ConversationSummary } from '../../stores/inbox';

export function ConversationTools({ conversationId, conversation }: { conversationId: number; conversation: ConversationSummary }) {
  return (
    <div className="conv-tools" data-conversation-id={conversationId}>
      <WorkdayTools conversation={conversation} />
      <ModeSwitch conversationId={conversationId} />
      <OrderButton conversationId={conversationId} />
      <RemindButton conversationId={conversationId} />
    </div>
  );
}
