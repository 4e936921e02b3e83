// Routes core events to the stores. Started once at boot; each domain adds its subscriptions here.
import { on, onConnection } from '../api';
import { useAppStore } from './app';
import { useInboxStore } from './inbox';
import { useConversationStore } from './conversation';
import { useContactStore } from './contact';
import { useChannelsStore } from './channels';
import { useSandboxStore } from './sandbox';
import { useAssistantStore } from './assistant';
import { useKnowledgeStore } from './knowledge';
import { useOrdersStore } from './orders';
import { useCatalogStore } from './catalog';

export function startLiveUpdates(): void {
  on('message.new', ({ conversationId, message }) => {
    useConversationStore.getState().apply(conversationId, message);
    if (message.channel === 'sandbox') void useSandboxStore.getState().refresh();
  });
  on('message.updated', ({ conversationId, message }) => {
    useConversationStore.getState().apply(conversationId, message);
    if (message.channel === 'sandbox') void useSandboxStore.getState().refresh();
  });
  on('conversation.updated', ({ conversation }) => useInboxStore.getState().upsert(conversation));
  on('contact.updated', ({ contactId }) => {
    if (useContactStore.getState().byId[contactId]) void useContactStore.getState().load(contactId);
  });
  on('channel.status', (s) => useChannelsStore.getState().apply(s));
  on('settings.updated', () => void useAppStore.getState().load());
  on('assistant.draft', (d) => useAssistantStore.getState().applyDraft(d));
  on('assistant.status', (st) => useAssistantStore.getState().applyStatus(st));
  on('assistant.pull', (p) => useAssistantStore.getState().applyPull(p));
  on('assistant.queue', ({ open }) => useAssistantStore.getState().applyQueueCount(open));
  on('assistant.mode', (info) => useAssistantStore.getState().applyMode(info));
  on('knowledge.updated', () => {
    if (useKnowledgeStore.getState().loaded) void useKnowledgeStore.getState().load();
  });
  on('orders.updated', ({ orderId, conversationId }) => useOrdersStore.getState().changed(orderId, conversationId));
  on('catalog.updated', () => {
    if (useCatalogStore.getState().loaded) void useCatalogStore.getState().load();
  });
  onConnection((up) => {
    const was = useAppStore.getState().online;
    useAppStore.getState().setOnline(up);
    // After a reconnect, anything may have happened: reload what is on screen.
    if (up && !was) {
      void useInboxStore.getState().load();
      const sel = useInboxStore.getState().selectedId;
      if (sel) void useConversationStore.getState().open(sel);
    }
  });
}
