// Personalised reminders: the assistant's rewrite goes out only if it passes the same guardrails as an Auto reply;
// an invented discount, the wrong language or an unreachable model means the owner's own text goes out instead.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { world, type World } from './helpers';
import { AppError } from '../../../main/core/errors';
import type { ChatModel, ChatRequest, ChatResult } from '../../../main/core/assistant/chat-model';

class ScriptedModel implements ChatModel {
  calls: ChatRequest[] = [];
  constructor(private readonly replies: (string | Error)[]) {}
  async chat(req: ChatRequest): Promise<ChatResult> {
    // Other domains (order capture, suggestions) also ask the model about customer messages: not scripted here.
    if (req.purpose !== 'reminder') throw new AppError('assistant_unavailable', 'not scripted');
    this.calls.push(req);
    const r = this.replies.shift() ?? new AppError('assistant_unavailable', 'no more scripted replies');
    if (r instanceof Error) throw r;
    return { content: r, model: 'scripted', promptTokens: 10, outputTokens: 10, durationMs: 5 };
  }
}

let w: World;
afterEach(async () => {
  vi.restoreAllMocks();
  await w?.close();
});

const TEXT = 'Hi {name}, your order is ready for pickup until 18:00. — {business}';

async function plan(model: ScriptedModel, personalise = true) {
  w = await world({ chatModel: model });
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  const anna = w.customer('sb-anna', 'Anna', 'Is my cake ready?');
  return w.t.call('reminders.create', { contactId: anna.contactId, kind: 'pickup_ready', text: TEXT, at: '2026-03-02T12:00', personalise });
}

describe('personalised reminders', () => {
  it('sends the assistant’s rewrite when it keeps to the facts', async () => {
    const model = new ScriptedModel(['Anna, good news — your order is waiting for you until 18:00! See you soon, Test Bakery']);
    const r = await plan(model);
    await w.at('2026-03-02T11:00:30Z');
    expect(w.deliveries.map((d) => d.text)).toEqual([
      'Anna, good news — your order is waiting for you until 18:00! See you soon, Test Bakery',
    ]);
    expect((await w.t.call('reminders.get', { id: r.id })).renderedText).toBe(w.deliveries[0].text);
    expect(model.calls).toHaveLength(1);
    expect(model.calls[0]).toMatchObject({ purpose: 'reminder' });
    expect(model.calls[0].messages[1].content).toContain('Hi Anna, your order is ready for pickup until 18:00.');
  });

  it.each([
    ['an invented discount', 'Anna, your order is ready — and today you get 20% off your next cake!'],
    ['an invented time', 'Anna, your order is ready for pickup until 20:00.'],
    ['the wrong language', 'Анна, ваш заказ готов, забирайте до 18:00!'],
    ['a model that is not running', new AppError('assistant_unavailable', 'Ollama is not running')],
  ])('falls back to the owner’s text for %s', async (_what, reply) => {
    const model = new ScriptedModel([reply]);
    const r = await plan(model);
    await w.at('2026-03-02T11:00:30Z');
    expect(model.calls).toHaveLength(1);
    expect(w.deliveries.map((d) => d.text)).toEqual(['Hi Anna, your order is ready for pickup until 18:00. — Test Bakery']);
    expect((await w.t.call('reminders.get', { id: r.id })).status).toBe('sent');
  });

  it('does not ask the assistant for reminders that did not ask for it', async () => {
    const model = new ScriptedModel(['should not be used']);
    await plan(model, false);
    await w.at('2026-03-02T11:00:30Z');
    expect(model.calls).toHaveLength(0);
    expect(w.deliveries.map((d) => d.text)).toEqual(['Hi Anna, your order is ready for pickup until 18:00. — Test Bakery']);
  });

  it('personalises on "send now" too', async () => {
    const model = new ScriptedModel(['Anna, your order is ready for pickup until 18:00 — see you!']);
    const r = await plan(model);
    await w.t.call('reminders.sendNow', { id: r.id });
    await w.settle();
    expect(w.deliveries.map((d) => d.text)).toEqual(['Anna, your order is ready for pickup until 18:00 — see you!']);
  });
});
