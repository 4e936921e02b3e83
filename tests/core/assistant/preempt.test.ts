// The owner's draft never waits for background model work: a draft requested while an order reading (or another
// background call) runs stops it, is written first, and the stopped work starts over afterwards and is not lost.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeAssistantApp, type AssistantTestApp } from '../../helpers/fake-ollama-app';
import { callKind, type ChatReply } from '../../helpers/fake-ollama';
import { until } from '../../helpers/until';
import { seedDemoCatalog } from '../../../main/core/catalog/demo';
import { DEFER_MS } from '../../../main/core/assistant/ollama-chat';

let t: AssistantTestApp;
/** Order readings wait for this before the fake model answers (the reading is "still running"). */
let release: () => void = () => undefined;
let held: Promise<void> = Promise.resolve();

beforeEach(async () => {
  t = await makeAssistantApp();
  const s = t.app.services;
  seedDemoCatalog(s.catalog);
  s.assistant.saveSettings({ defaultMode: 'suggest' });
  s.orders.updateSettings({ chatOrders: 'suggest' });
  held = new Promise<void>((r) => (release = r));
  const drafts = t.ollama.script;
  t.ollama.script = async (body, i): Promise<ChatReply> => {
    if (callKind(body) !== 'order') return drafts(body, i);
    await held;
    const order = { intent: 'order', items: [{ name: 'Croissant', quantity: 2, options: [] }], fulfilment: 'pickup' };
    return { content: JSON.stringify({ ...order, address: null, time: '17:00', language: 'en' }) };
  };
});
afterEach(async () => {
  release();
  await t.close();
});

const orderChats = () => t.ollama.chats().filter((b) => callKind(b) === 'order');
const finished = (conversationId: number) =>
  t.events.some((e) => e.type === 'assistant.draft' && e.payload.conversationId === conversationId && e.payload.done);

describe('a draft and background work', () => {
  it('a draft requested while an order reading runs starts before it finishes; the reading then runs again and lands', async () => {
    const anna = await t.say('Hi! 2 croissants for pickup at 17:00 please', 'Anna');
    // Suggest mode: the order reading waits a moment for a draft, then takes the model.
    t.clock.advance(DEFER_MS);
    await until('the order reading runs', () => orderChats().length === 1);

    const boris = await t.say('Are you open on Sunday?', 'Boris');
    t.ollama.replies.push({ content: 'Yes, Sunday 10:00–14:00.' });
    await t.call('assistant.suggest', { conversationId: boris });
    // Written while the reading is still held: the draft did not queue behind it.
    await until('the draft is written', () => finished(boris));
    expect(orderChats()).toHaveLength(1);

    release();
    await until('the reading ran again', () => orderChats().length === 2);
    await t.app.services.orderCapture.idle();
    expect(t.app.services.orders.repo.draftFor(anna)?.lines.map((l) => [l.name, l.quantity])).toEqual([['Croissant', 2]]);
    // Stopping it for the draft is not a failure: the audit has the one reading that finished, and no error.
    expect(t.app.services.assistant.audit(anna).map((a) => [a.purpose, a.event])).toEqual([['order-extract', 'model_call']]);
  });

  it('a draft does not stop the warm-up: the warm-up loads exactly what the draft needs', async () => {
    const gate = held;
    const drafts = t.ollama.script;
    t.ollama.script = async (body, i) => {
      if (callKind(body) === 'warmup') await gate;
      return drafts(body, i);
    };
    void t.app.services.assistant.warmUp();
    await until('the warm-up runs', () => t.ollama.chats().some((b) => callKind(b) === 'warmup'));
    const boris = await t.say('Are you open on Sunday?', 'Boris');
    t.ollama.replies.push({ content: 'Yes, Sunday 10:00–14:00.' });
    await t.call('assistant.suggest', { conversationId: boris });
    release();
    await until('the draft is written', () => finished(boris));
    // The warm-up finished (it was not stopped and sent again), then the draft was written.
    expect(t.ollama.chats().map(callKind)).toEqual(['warmup', 'suggest']);
    expect(t.app.services.assistant.audit(null).map((a) => [a.purpose, a.event])).toContainEqual(['warmup', 'model_call']);
  });
});
