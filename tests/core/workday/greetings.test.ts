import { afterEach, describe, expect, it } from 'vitest';
import { flush, makeTestApp, type TestApp } from '../../helpers/test-app';
import type { GreetingSettings } from '../../../main/core/workday/greetings';

let t: TestApp;
afterEach(async () => t?.close());

const HOUR = 3_600_000;

// The test shop is in Europe/Berlin, open Mon–Fri 09:00–18:00; the clock starts Monday 10:00 there (open).
async function say(key: string | undefined, text: string) {
  const r = await t.call('sandbox.say', { name: 'Kunde', text, customerKey: key });
  await flush(5);
  await t.app.services.greetings.idle();
  return r;
}
const outgoing = async (conversationId: number) =>
  (await t.call('messages.list', { conversationId })).filter((m) => m.direction === 'out' && m.author === 'assistant').map((m) => m.body);

async function setGreetings(patch: Partial<GreetingSettings>) {
  const cur = await t.call('greetings.get');
  await t.call('greetings.save', { ...cur, ...patch });
}

describe('greeting and away messages', () => {
  it("greets a customer's first message ever, once, in the shop's reply language, and the conversation stays open", async () => {
    t = await makeTestApp({ startWorkers: false });
    await setGreetings({ greeting: true });
    const first = await say(undefined, 'Hi, are you open on Sunday?');
    expect(await outgoing(first.conversationId!)).toEqual(['Hello! Thank you for writing to Test Bakery. We will answer you shortly.']);
    expect((await t.call('inbox.get', { conversationId: first.conversationId! })).state).toBe('open');
    await say(first.customerKey, 'And do you have rye?');
    expect(await outgoing(first.conversationId!)).toHaveLength(1);
  });

  it("sends the away message while the shop is closed, at most once per window, in the customer's language", async () => {
    t = await makeTestApp({ startWorkers: false });
    await setGreetings({ away: true, windowHours: 12 });
    const open = await say(undefined, 'Hello');
    expect(await outgoing(open.conversationId!)).toEqual([]); // open now: nothing
    const contactId = (await t.call('inbox.get', { conversationId: open.conversationId! })).contactId;
    t.app.services.repos.contacts.update(contactId, { language: 'ru' }, t.clock.now());

    t.clock.set('2026-03-02T19:00:00Z'); // 20:00 in Berlin: closed
    await say(open.customerKey, 'Вы ещё работаете?');
    await say(open.customerKey, 'Алло?');
    expect(await outgoing(open.conversationId!)).toEqual([
      'Здравствуйте! Спасибо, что написали в Test Bakery. Сейчас мы закрыты — ответим, как только откроемся.',
    ]);

    t.clock.set('2026-03-03T19:30:00Z'); // next evening, window over
    await say(open.customerKey, 'Снова я');
    expect(await outgoing(open.conversationId!)).toHaveLength(2);
  });

  it("uses the owner's own wording for a language, and never writes to an opted-out customer", async () => {
    t = await makeTestApp({ startWorkers: false });
    await setGreetings({ away: true, texts: { en: { away: 'We are closed, back at 9!' } } });
    t.clock.set('2026-03-02T19:00:00Z');
    const a = await say(undefined, 'Hi');
    expect(await outgoing(a.conversationId!)).toEqual(['We are closed, back at 9!']);
    expect(await t.call('greetings.preview', { kind: 'away', lang: 'de' })).toEqual({
      text: 'Hallo! Danke für Ihre Nachricht an Test Bakery. Wir haben gerade geschlossen und antworten, sobald wir wieder geöffnet haben.',
    });

    const b = await say(undefined, 'STOP');
    const contactId = (await t.call('inbox.get', { conversationId: b.conversationId! })).contactId;
    expect(t.app.services.optout.isOptedOut(contactId)).toBe(true);
    t.clock.advance(48 * HOUR);
    t.clock.set('2026-03-04T20:00:00Z');
    await say(b.customerKey, 'hello?');
    expect(await outgoing(b.conversationId!)).toEqual([]);
  });
});
