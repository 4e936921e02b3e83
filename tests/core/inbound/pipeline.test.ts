// The inbound pipeline: its declared order is the order stages run in, and a stage that answers a customer's message
// stops every stage after it — a stop word gets the opt-out confirmation alone (no greeting, no Auto reply, no order).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { INBOUND_STAGES, InboundPipeline, type InboundStages } from '../../../main/core/inbound/pipeline';
import type { InboundEvent, InboundStage, StageId, StageResult } from '../../../main/core/inbound/stage';
import { makeAssistantApp, type AssistantTestApp } from '../../helpers/fake-ollama-app';
import { callKind } from '../../helpers/fake-ollama-models';

const event = { message: { body: 'hi' }, contactId: 1, conversationId: 1, isNewContact: false } as InboundEvent;

/** Stages that record their calls; `answers` says what each returns. */
function recording(answers: Partial<Record<StageId, StageResult | Error>> = {}) {
  const ran: string[] = [];
  const stage = (id: StageId): InboundStage => ({
    id,
    kind: id === 'language' ? 'observe' : 'answer',
    arrive() {
      ran.push(id);
      const a = answers[id] ?? 'pass';
      if (a instanceof Error) throw a;
      return a;
    },
    autoTurn() {
      ran.push(`auto:${id}`);
      const a = answers[id] ?? 'pass';
      return Promise.resolve(a instanceof Error ? 'pass' : a);
    },
  });
  const stages = Object.fromEntries(INBOUND_STAGES.map((id) => [id, stage(id)])) as InboundStages;
  return { ran, pipeline: new InboundPipeline(stages) };
}

describe('the declaration', () => {
  it('runs language → opt-out → greeting → owner’s phone → orders → escalation → assistant', async () => {
    expect(INBOUND_STAGES).toEqual(['language', 'optout', 'greeting', 'owner-phone', 'orders', 'escalation', 'assistant']);
    const { ran, pipeline } = recording();
    expect(await pipeline.arrive(event)).toBeNull();
    expect(ran).toEqual([...INBOUND_STAGES]);
  });

  it('a stage that handles the message stops the stages after it; the Auto turn’s gates stop at the first that handles', async () => {
    const { ran, pipeline } = recording({ optout: 'handled' });
    expect(await pipeline.arrive(event)).toBe('optout');
    expect(ran).toEqual(['language', 'optout']);
    ran.length = 0;
    expect(await pipeline.autoTurn({ conversationId: 1, contactId: 1, message: event.message, mode: 'auto' })).toBe('optout');
    expect(ran).toEqual(['auto:language', 'auto:optout']);
  });

  it('a failing stage is logged and the message goes on', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { ran, pipeline } = recording({ greeting: new Error('boom'), escalation: 'handled' });
    expect(await pipeline.arrive(event)).toBe('escalation');
    expect(ran).toEqual(['language', 'optout', 'greeting', 'owner-phone', 'orders', 'escalation']);
    expect(error).toHaveBeenCalledWith('[inbound] stage greeting failed', expect.any(Error));
    error.mockRestore();
  });

  it('refuses a stage put in another stage’s place', () => {
    const { pipeline } = recording();
    const stages = Object.fromEntries(pipeline.stages.map((s) => [s.id, s])) as Record<StageId, InboundStage>;
    expect(() => new InboundPipeline({ ...stages, orders: stages.greeting })).toThrow(/greeting.*orders/);
  });
});

describe('in the app', () => {
  let t: AssistantTestApp;
  afterEach(() => t?.close());

  async function shop() {
    t = await makeAssistantApp();
    t.setDefaultMode('auto');
    await t.call('greetings.save', { ...(await t.call('greetings.get')), greeting: true });
    expect(t.app.services.inbound.stages.map((s) => s.id)).toEqual([...INBOUND_STAGES]);
    return t.app.services;
  }
  const outgoing = (conversationId: number) =>
    t
      .messages(conversationId)
      .filter((m) => m.direction === 'out' && m.channel !== 'system')
      .map((m) => ({ origin: m.origin, body: m.body }));

  it('a stop word gets only the opt-out confirmation: no greeting, no Auto reply, no order reading', async () => {
    const s = await shop();
    const id = await t.say('STOP');
    await t.settle();
    await s.greetings.idle();
    expect(s.optout.isOptedOut(s.inbox.get(id).contactId)).toBe(true);
    expect(outgoing(id)).toEqual([{ origin: 'system', body: expect.stringMatching(/Test Bakery/) }]);
    expect(t.ollama.chats().map(callKind)).toEqual([]);
    expect(s.assistant.queue()).toEqual([]);
  });

  it('any other message goes on: the first gets the greeting, the next one Auto', async () => {
    const s = await shop();
    const id = await t.say('Do you have rye bread today?');
    await t.settle();
    await s.greetings.idle();
    expect(outgoing(id)).toEqual([
      { origin: 'assistant', body: 'Hello! Thank you for writing to Test Bakery. We will answer you shortly.' },
    ]);
    await t.say('And until when are you open?');
    await t.settle();
    expect(t.ollama.chats().length).toBeGreaterThan(0);
  });
});
