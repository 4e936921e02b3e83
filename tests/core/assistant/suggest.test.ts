// Suggestions: streamed drafts with a "based on" list, cancel, reuse and regenerate, warnings, and a clear error
// (not a crash or an error loop) when Ollama is missing.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeAssistantApp, type AssistantTestApp } from '../../helpers/fake-ollama-app';
import { until } from '../../helpers/until';

let t: AssistantTestApp;
beforeEach(async () => {
  t = await makeAssistantApp();
});
afterEach(() => t.close());

const drafts = () => t.events.filter((e) => e.type === 'assistant.draft').map((e) => e.payload);

describe('suggestions', () => {
  it('streams a draft for the newest customer message, with the sources it was based on', async () => {
    t.ollama.replies.push({ content: 'Hi! Delivery is Tuesday to Saturday, not on Sundays.' });
    const id = await t.say('Hello! Do you deliver on Sundays?');
    const first = await t.call('assistant.suggest', { conversationId: id });
    expect(first).toMatchObject({ conversationId: id, done: false, text: '' });
    await t.settle();
    const events = drafts().filter((d) => d.requestId === first.requestId);
    // Word by word: the text grows, and the last event is the finished draft.
    expect(events.length).toBeGreaterThan(5);
    expect(events.map((e) => e.text.length)).toEqual([...events.map((e) => e.text.length)].sort((a, b) => a - b));
    const last = events.at(-1)!;
    expect(last).toMatchObject({ done: true, error: null, text: 'Hi! Delivery is Tuesday to Saturday, not on Sundays.', warnings: [] });
    expect(last.sources.map((x) => x.title)).toContain('Delivery');
    expect(last.forMessageId).toBe(t.messages(id).at(-1)!.id);
    // Suggest sends nothing by itself.
    expect(t.messages(id).filter((m) => m.direction === 'out')).toEqual([]);
    const chat = t.assistantChats()[0];
    expect(chat.format).toBeUndefined();
    expect(chat.messages[1].content).toMatch(/as TEXT\.$/);
  });

  it('reuses the finished draft for the same message, regenerates on request, and starts over for a new message', async () => {
    t.ollama.replies.push({ content: 'First draft.' }, { content: 'Second draft.' }, { content: 'Third draft.' });
    const id = await t.say('Do you have rye bread?');
    await t.call('assistant.suggest', { conversationId: id });
    await t.settle();
    expect(await t.call('assistant.suggest', { conversationId: id })).toMatchObject({ text: 'First draft.', done: true });
    expect(t.assistantChats()).toHaveLength(1);
    await t.call('assistant.suggest', { conversationId: id, regenerate: true });
    await t.settle();
    expect(drafts().at(-1)).toMatchObject({ text: 'Second draft.', done: true });
    await t.say('And croissants?');
    await t.call('assistant.suggest', { conversationId: id });
    await t.settle();
    expect(drafts().at(-1)).toMatchObject({ text: 'Third draft.', done: true });
  });

  it('can be stopped while it is being written', async () => {
    t.ollama.replies.push({ content: 'one two three four five six seven eight nine ten', delayMs: 40 });
    const id = await t.say('Tell me about your bread');
    await t.call('assistant.suggest', { conversationId: id });
    await until('the first words written', () => drafts().some((d) => d.text.length > 0));
    await t.call('assistant.cancelSuggestion', { conversationId: id });
    await t.settle();
    const last = drafts().at(-1)!;
    expect(last.done).toBe(true);
    expect(last.error).toBeNull();
    expect(last.text.split(' ').length).toBeLessThan(10);
    // The fake model sees the request cancelled (its stream closed before the reply was complete).
    await until('the fake model saw the request cancelled', () => t.ollama.aborted === 1);
    expect(t.app.services.assistant.audit(id).find((a) => a.purpose === 'suggest')).toMatchObject({ event: 'error', detail: 'cancelled' });
  });

  it('does not hold up closing the app while a slow model is still writing', async () => {
    t.ollama.replies.push({ content: 'a b c d e f', delayMs: 2_000 });
    const id = await t.say('Tell me a long story');
    await t.call('assistant.suggest', { conversationId: id });
    await until('the fake model got the request', () => t.assistantChats().length === 1);
    // stop() must abort the stream rather than wait for the 2 s reply: the fake model sees the request cancelled.
    // (Had stop() waited for the reply, the response would have finished and nothing would count as aborted.)
    await t.app.services.assistant.stop();
    await vi.waitFor(() => expect(t.ollama.aborted).toBe(1), { timeout: 5_000 });
  });

  it('warns the owner about facts the shop never gave, before they send', async () => {
    t.ollama.replies.push({ content: 'Sure, rye bread is €2.10 and you get 10% off today!' });
    const id = await t.say('How much is rye bread?');
    await t.call('assistant.suggest', { conversationId: id });
    await t.settle();
    const reasons = drafts()
      .at(-1)!
      .warnings.map((w) => w.reason);
    expect(reasons).toContain('unverified_discount');
  });

  it('is refused when the assistant is off for the conversation', async () => {
    const id = await t.say('Hi');
    await t.call('assistant.setMode', { conversationId: id, mode: 'off' });
    await expect(t.call('assistant.suggest', { conversationId: id })).rejects.toThrow(/conflict: The assistant is off/);
    expect(await t.call('assistant.mode', { conversationId: id })).toEqual({
      conversationId: id,
      override: 'off',
      effective: 'off',
      paused: false,
    });
    await t.call('assistant.setMode', { conversationId: id, mode: null });
    expect(await t.call('assistant.mode', { conversationId: id })).toEqual({
      conversationId: id,
      override: null,
      effective: 'suggest',
      paused: false,
    });
  });
});

describe('without Ollama', () => {
  it('explains what is missing in the draft, and status says how to fix it', async () => {
    await t.ollama.stop();
    const id = await t.say('Are you open?');
    await t.call('assistant.suggest', { conversationId: id });
    await t.settle();
    const last = drafts().at(-1)!;
    expect(last).toMatchObject({ done: true, text: '' });
    expect(last.error).toMatch(/Ollama is not running at http:\/\/127\.0\.0\.1:\d+\. Install it from ollama\.com/);
    const status = await t.call('assistant.status', { refresh: true });
    expect(status).toMatchObject({ state: 'not_running', version: null, models: [] });
    expect(status.problem).toMatch(/ollama serve/);
  });

  it('says when the picked model is not installed', async () => {
    t.app.services.assistant.saveSettings({ model: 'llama3.2:3b' });
    const id = await t.say('Are you open?');
    await t.call('assistant.suggest', { conversationId: id });
    await t.settle();
    expect(drafts().at(-1)!.error).toMatch(/“llama3.2:3b” is not installed/);
    const status = await t.call('assistant.status', { refresh: true });
    expect(status).toMatchObject({ state: 'no_model', version: '0.12.6' });
    expect(status.problem).toMatch(/not installed/);
  });
});
