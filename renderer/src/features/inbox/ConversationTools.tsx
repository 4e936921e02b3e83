// Buttons in the conversation header. Domains (assistant mode, orders, reminders) add theirs here.
import { RemindButton } from '../reminders/RemindButton';
import { ModeSwitch } from '../assistant/ModeSwitch';
import { OrderButton } from '../orders/OrderTools';

export function ConversationTools({ conversationId }: { conversationId: number }) {
  return (
    <div className="conv-tools" data-conversation-id={conversationId}>
      <ModeSwitch conversationId={conversationId} />
      <OrderButton conversationId={conversationId} />
      <RemindButton conversationId={conversationId} />
    </div>
  );
}
