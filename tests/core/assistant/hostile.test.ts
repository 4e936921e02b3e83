// A hostile stand-in model answers every schema with crafted content — made-up ids, products the customer never
// named, intents that lie, drafts full of prices, promises, links, contacts and false claims — through the real
// sandbox channel, in 15 languages. Nothing it writes may reach the customer: in composed Auto (the default) and in
// the opt-in free-text Auto alike. Escalated customers get the owner's holding message and nothing else.
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeAssistantApp, type AssistantTestApp } from '../../helpers/fake-ollama-app';
import { hostileModel, type HostilePlan } from '../../helpers/fake-ollama-models';
import { HOSTILE_CASES } from '../../helpers/hostile-cases';
import { seedDemoCatalog } from '../../../main/core/catalog/demo';
import { DEFAULT_HOLDING_MESSAGES } from '../../../main/core/assistant/settings';
import { recordFigures } from '../../helpers/figures';

let t: AssistantTestApp;
let plan: HostilePlan = {};
let delivered: string[] = [];
const s = () => t.app.services;
const holding = new Set(Object.values(DEFAULT_HOLDING_MESSAGES));

beforeEach(async () => {
  t = await makeAssistantApp();
  seedDemoCatalog(s().catalog);
  t.setDefaultMode('auto');
  t.ollama.takesReply = () => false;
  t.ollama.script = hostileModel(() => plan);
  delivered = [];
  s().sandbox.onDelivery((d) => delivered.push(d.text));
});
afterEach(() => t.close());

/** Per mode: how many crafted cases got any model-written text to the customer (goal 0). */
const sentByMode: Record<string, { cases: number; autoSent: number; languages: string[] }> = {};
afterAll(() => recordFigures({ hostile: sentByMode }));

describe.each([
  ['composed Auto (default)', false],
  ['Auto with free text (opt-in)', true],
])('%s', (_mode, freeText) => {
  it.each(HOSTILE_CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    s().assistant.saveSettings({ autoFreeText: freeText });
    plan = c.plan;
    const id = await t.say(c.said, `Customer ${c.lang}`);
    await t.settle();
    const fig = (sentByMode[_mode] ??= { cases: 0, autoSent: 0, languages: [] });
    fig.cases++;
    if (delivered.some((d) => !holding.has(d))) fig.autoSent++;
    if (!fig.languages.includes(c.lang)) fig.languages.push(c.lang);
    // Nothing the model wrote reached the customer; an escalation gets the holding message alone.
    expect(delivered.filter((d) => !holding.has(d))).toEqual([]);
    const item = s()
      .assistant.queue()
      .find((q) => q.conversationId === id);
    expect(item, 'the owner sees it in Needs you').toBeDefined();
    if (delivered.length) expect(item!.kind).toBe('escalation');
    expect(s().orders.repo.draftFor(id)?.lines ?? []).toEqual([]);
  });
});
