// Core events the working-day parts of the inbox follow: label list changes, state counts, taken-back replies.
import { on } from '../../api';
import { useConversationStore } from '../../stores/conversation';
import { useWorkdayStore } from '../../stores/workday';
import { startMessageAlerts } from './alerts';

export function startWorkdayLiveUpdates(): void {
  startMessageAlerts();
  on('labels.changed', () => void useWorkdayStore.getState().load());
  on('conversation.updated', () => useWorkdayStore.getState().refreshCounts());
  on('message.removed', ({ conversationId, messageId }) => {
    const threads = useConversationStore.getState().threads;
    const thread = threads[conversationId];
    if (!thread) return;
    useConversationStore.setState({
      threads: { ...threads, [conversationId]: { ...thread, messages: thread.messages.filter((m) => m.id !== messageId) } },
    });
  });
}
