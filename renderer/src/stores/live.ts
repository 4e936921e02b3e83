// Routes core events to the stores. Started once at boot; each domain adds its subscriptions here.
import { on, onConnection } from '../api';
import { useAppStore } from './app';
import { useInboxStore } from './inbox';
import { useConversationStore } from './conversation';
import { useContactStore } from './contact';
import { useContactsStore } from './contacts';
import { useBackupStore } from './backup';
import { useChannelsStore } from './channels';
import { useSandboxStore } from './sandbox';
import { useAssistantStore } from './assistant';
import { useTranslationsStore } from './translations';
import { useKnowledgeStore } from './knowledge';
import { useRemindersStore } from './reminders';
import { useOrdersStore } from './orders';
import { useCatalogStore } from './catalog';
import { startWorkdayLiveUpdates } from '../features/workday/live';

export function startLiveUpdates(): void {
  startWorkdayLiveUpdates();
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
  on('contacts.job', (j) => useContactsStore.getState().applyJob(j));
  on('contact.updated', () => useContactsStore.getState().changed());
  on('contacts.changed', () => useContactsStore.getState().changed());
  on('contact.merged', ({ from, into, removedConversationId, conversationId }) => {
    useContactsStore.getState().changed();
    // The merged-away conversation is gone: its messages now live in the survivor's.
    const inbox = useInboxStore.getState();
    if (removedConversationId !== null) {
      useInboxStore.setState({ items: inbox.items.filter((c) => c.id !== removedConversationId) });
      if (inbox.selectedId === removedConversationId) inbox.select(conversationId);
    }
    if (useContactsStore.getState().openId === from) useContactsStore.getState().open(into);
  });
  on('contact.removed', ({ contactId, conversationId }) => {
    useContactsStore.getState().changed();
    const inbox = useInboxStore.getState();
    useInboxStore.setState({ items: inbox.items.filter((c) => c.contactId !== contactId) });
    if (conversationId !== null && inbox.selectedId === conversationId) inbox.select(null);
    if (useContactsStore.getState().openId === contactId) useContactsStore.getState().open(null);
  });
  on('backup.status', (s) => useBackupStore.getState().apply(s));
  // All data was replaced by a backup: start over from what is in the database now.
  on('app.restored', () => window.location.reload());
  on('settings.updated', () => void useAppStore.getState().load());
  on('assistant.draft', (d) => useAssistantStore.getState().applyDraft(d));
  on('assistant.status', (st) => useAssistantStore.getState().applyStatus(st));
  on('assistant.pull', (p) => useAssistantStore.getState().applyPull(p));
  on('assistant.queue', ({ open }) => useAssistantStore.getState().applyQueueCount(open));
  on('assistant.mode', (info) => useAssistantStore.getState().applyMode(info));
  on('knowledge.updated', () => {
    if (useKnowledgeStore.getState().loaded) void useKnowledgeStore.getState().load();
    if (useTranslationsStore.getState().loaded) void useTranslationsStore.getState().load();
  });
  on('orders.updated', ({ orderId, conversationId }) => useOrdersStore.getState().changed(orderId, conversationId));
  on('catalog.updated', () => {
    if (useCatalogStore.getState().loaded) void useCatalogStore.getState().load();
  });
  on('reminders.changed', ({ contactIds }) => useRemindersStore.getState().changed(contactIds));
  on('optout.changed', ({ contactId }) => {
    if (useRemindersStore.getState().optout[contactId]) void useRemindersStore.getState().loadOptOut(contactId);
    useRemindersStore.getState().changed([contactId]);
  });
  let everConnected = false;
  onConnection((up) => {
    useAppStore.getState().setOnline(up);
    // After a RE-connect, anything may have happened: reload what is on screen. The first connect needs nothing.
    if (up && everConnected) {
      // Settings may have changed (or the first load failed while Lavka was down), channels restarted.
      void useAppStore.getState().load();
      void useChannelsStore
        .getState()
        .load()
        .catch(() => {});
      void useInboxStore.getState().load();
      const sel = useInboxStore.getState().selectedId;
      if (sel) void useConversationStore.getState().open(sel);
    }
    if (up) everConnected = true;
  });
}
