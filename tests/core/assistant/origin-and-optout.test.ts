// Messages carry their origin: a reminder or an order-status notice goes out in the owner's name but is not the
// owner answering, so an open refund escalation stays in Needs you until the owner writes. Opt-outs in every
// customer language stop reminders; an unclear one ("stop sending me so much") holds them until the owner decides.
import { afterEach, describe, expect, it } from 'vitest';
import { world, type World } from '../reminders/helpers';

let w: World;
afterEach(() => w?.close());
const later = '2026-03-02T12:00';

describe('only the owner’s own words resolve Needs you', () => {
  it('a reminder does not close an open refund escalation; the owner’s reply does', async () => {
    w = await world();
    const s = w.t.app.services;
    const anna = w.customer('sb-anna', 'Anna', 'Верните мне деньги за торт, пожалуйста');
    await w.settle();
    expect(s.assistant.queue()).toEqual([
      expect.objectContaining({ kind: 'escalation', reason: 'refund', conversationId: anna.conversationId }),
    ]);

    await w.t.call('reminders.create', { contactId: anna.contactId, kind: 'custom', text: 'Your order is waiting, {name}', at: later });
    await w.at('2026-03-02T11:05:00Z');
    const reminder = w.deliveries.find((d) => d.text.startsWith('Your order is waiting'));
    expect(reminder).toBeDefined();
    const stored = s.repos.messages.recent(anna.conversationId, 10).find((m) => m.body.startsWith('Your order is waiting'))!;
    expect(stored).toMatchObject({ author: 'owner', origin: 'reminder' });
    expect(s.assistant.queue()).toHaveLength(1);

    s.inbox.send(anna.conversationId, 'Anna, I am sorry — I will refund you today.', { author: 'owner' });
    expect(s.assistant.queue()).toEqual([]);
  });
});

describe('opt-out phrasings, clear and unclear', () => {
  it('"pare" (and "berhenti", "не пишите мне больше", "stop please") opts out: no reminder reaches them', async () => {
    w = await world();
    const s = w.t.app.services;
    const said = ['pare', 'berhenti', 'Не пишите мне больше!', 'stop please 🙏', 'cancelar suscripción'];
    const people = said.map((text, i) => w.customer(`sb-p${i}`, `P${i}`, 'Hola'));
    for (const p of people)
      await w.t.call('reminders.create', { contactId: p.contactId, kind: 'custom', text: 'Promo for {name}', at: later });
    said.forEach((text, i) => w.customer(`sb-p${i}`, `P${i}`, text));
    await w.settle();
    for (const p of people) expect(s.optout.isOptedOut(p.contactId)).toBe(true);
    await w.at('2026-03-02T12:00:00Z');
    expect(w.deliveries.filter((d) => d.text.startsWith('Promo'))).toEqual([]);
  });

  it('an unclear opt-out waits in Needs you and holds reminders until the owner decides', async () => {
    w = await world();
    const s = w.t.app.services;
    const bob = w.customer('sb-bob', 'Bob', 'Hi');
    await w.t.call('reminders.create', { contactId: bob.contactId, kind: 'custom', text: 'Promo for {name}', at: later });
    w.customer('sb-bob', 'Bob', 'stop sending me so much');
    await w.settle();
    expect(s.optout.isOptedOut(bob.contactId)).toBe(false);
    expect(s.optout.holdsReminders(bob.contactId)).toBe(true);
    const [item] = s.assistant.queue();
    expect(item).toMatchObject({ conversationId: bob.conversationId, reason: 'optout_unclear' });
    expect(item.detail).toMatch(/stop sending me so much/);

    // Due, but nothing goes out while the question is open.
    await w.at('2026-03-02T12:30:00Z');
    expect(w.deliveries.filter((d) => d.text.startsWith('Promo'))).toEqual([]);

    // The owner dismisses it (the customer meant fewer messages, not none): reminders go on.
    await w.t.call('assistant.resolve', { id: item.id, action: 'dismiss' });
    expect(s.optout.holdsReminders(bob.contactId)).toBe(false);
    await w.at('2026-03-02T13:00:00Z');
    expect(w.deliveries.filter((d) => d.text.startsWith('Promo'))).toHaveLength(1);
  });

  it('the owner can decide an unclear opt-out is an opt-out: the customer gets the confirmation', async () => {
    w = await world();
    const s = w.t.app.services;
    const eva = w.customer('sb-eva', 'Eva', 'Hallo');
    w.customer('sb-eva', 'Eva', 'Bitte nicht so oft Nachrichten, zu viele');
    await w.settle();
    expect(s.optout.unclear(eva.contactId)).not.toBeNull();
    await w.t.call('optout.decide', { contactId: eva.contactId, optOut: true });
    await w.settle();
    expect(s.optout.isOptedOut(eva.contactId)).toBe(true);
    expect(s.optout.unclear(eva.contactId)).toBeNull();
    expect(w.deliveries.at(-1)?.text).toMatch(/^Erledigt/);
  });
});
