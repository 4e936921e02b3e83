// The owner's decision on an unclear opt-out ("stop sending me so much") from Needs you: opt the customer out.
// Dismissing the Needs-you item instead keeps their reminders (the core does that on resolve).
import { create } from 'zustand';
import { call } from '../api';

interface OptOutDecisionState {
  stopMessages: (conversationId: number) => Promise<void>;
}

export const useOptOutDecisionStore = create<OptOutDecisionState>(() => ({
  async stopMessages(conversationId) {
    const conversation = await call('inbox.get', { conversationId });
    await call('optout.decide', { contactId: conversation.contactId, optOut: true });
  },
}));
