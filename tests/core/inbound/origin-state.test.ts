// A reminder (or an order-status notice) goes out in the owner's name but is not the owner answering: an open,
// escalated conversation stays open and its Needs-you item stays until the owner writes (messages' origin decides).
import { afterEach, expect, it } from 'vitest';
import { world, type World } from '../reminders/helpers';

let w: World;
afterEach(() => w?.close());

it('a reminder leaves an escalated conversation open; the owner’s own reply hands the turn to the customer', async () => {
  w = await world();
  const s = w.t.app.services;
  const anna = w.customer('sb-anna', 'Anna', 'I want a refund for the cake, please');
  await w.settle();
  expect(s.assistant.queue()).toEqual([expect.objectContaining({ kind: 'escalation', conversationId: anna.conversationId })]);
  expect(s.inbox.get(anna.conversationId).state).toBe('open');

  await w.t.call('reminders.create', { contactId: anna.contactId, kind: 'custom', text: 'Your order is waiting', at: '2026-03-02T12:00' });
  await w.at('2026-03-02T11:05:00Z');
  expect(w.deliveries.map((d) => d.text)).toEqual(['Your order is waiting']);
  expect(s.inbox.get(anna.conversationId).state).toBe('open');
  expect(s.assistant.queue()).toHaveLength(1);

  s.inbox.send(anna.conversationId, 'Anna, I am sorry — I will refund you today.', { author: 'owner' });
  expect(s.inbox.get(anna.conversationId).state).toBe('waiting');
  expect(s.assistant.queue()).toEqual([]);
});
