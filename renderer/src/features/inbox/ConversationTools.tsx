// Buttons in the conversation header. Domains (assistant mode, orders, reminders) add theirs here.
export function ConversationTools({ conversationId }: { conversationId: number }) {
  return <div className="conv-tools" data-conversation-id={conversationId} />;
}
