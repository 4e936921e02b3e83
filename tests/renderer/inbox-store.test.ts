// Opening a customer from Contacts (or an order) selects their conversation and switches to the inbox. The inbox then
// loads its tab; a conversation that tab does not list (a phone-book customer with no messages yet) must stay open
// instead of the pane falling back to "Pick a conversation".
import { beforeEach, describe, expect, it, vi } from 'vitest';

const pages: unknown[] = [];
vi.mock('../../renderer/src/api', () => ({
  call: vi.fn((name: string) => {
    if (name === 'inbox.list') return Promise.resolve(pages.shift());
    if (name === 'inbox.unreadCount') return Promise.resolve({ conversations: 0 });
    return Promise.resolve(undefined);
  }),
}));

const { useInboxStore } = await import('../../renderer/src/stores/inbox');
type Summary = Parameters<ReturnType<typeof useInboxStore.getState>['upsert']>[0];

const conversation = (id: number, over: Partial<Summary> = {}): Summary =>
  ({
    id,
    contactId: id,
    contactName: `Customer ${id}`,
    lastMessageAt: 1_000 + id,
    lastPreview: '',
    lastChannel: 'whatsapp',
    unreadCount: 0,
    state: 'open',
    snoozedUntil: null,
    pinned: false,
    labelIds: [],
    channels: ['whatsapp'],
    ...over,
  }) as Summary;

beforeEach(() => {
  pages.length = 0;
  useInboxStore.setState({ items: [], selectedId: null, filter: { unread: false, channel: null, state: 'active', label: null } });
});

describe('inbox list reload', () => {
  it('keeps the conversation the owner opened from Contacts when the same tab reloads without it', async () => {
    vi.useFakeTimers();
    try {
      // The inbox loaded its tab at start…
      pages.push({ pinned: [], items: [conversation(1), conversation(2)], next: null });
      await useInboxStore.getState().load();
      vi.advanceTimersByTime(5_000);
      // …then the owner opened a phone-book customer from Contacts, and the inbox reloads the same tab.
      useInboxStore.getState().select(7);
      useInboxStore.getState().upsert(conversation(7, { state: 'resolved', lastMessageAt: 10 }));
      pages.push({ pinned: [], items: [conversation(1), conversation(2)], next: null });
      await useInboxStore.getState().load();
      const { items, selectedId } = useInboxStore.getState();
      expect(selectedId).toBe(7);
      expect(items.map((c) => c.id)).toEqual([2, 1, 7]);

      // Another tab shows exactly its own conversations, even with one open.
      useInboxStore.setState({ filter: { unread: false, channel: null, state: 'waiting', label: null } });
      pages.push({ pinned: [], items: [conversation(3)], next: null });
      await useInboxStore.getState().load();
      expect(useInboxStore.getState().items.map((c) => c.id)).toEqual([3]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('shows exactly the page when nothing is open', async () => {
    useInboxStore.getState().upsert(conversation(9, { state: 'resolved' }));
    pages.push({ pinned: [], items: [conversation(1)], next: null });
    // A different filter than any earlier load, so the store asks the core again.
    useInboxStore.setState({ filter: { unread: true, channel: null, state: 'active', label: null } });
    await useInboxStore.getState().load();
    expect(useInboxStore.getState().items.map((c) => c.id)).toEqual([1]);
  });
});
