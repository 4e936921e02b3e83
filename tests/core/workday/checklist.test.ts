import { afterEach, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from '../../helpers/test-app';

let t: TestApp;
afterEach(async () => t?.close());

describe('first-run checklist', () => {
  it('ticks each step from the real state of the shop', async () => {
    t = await makeTestApp({ startWorkers: false, env: { OLLAMA_HOST: 'http://127.0.0.1:9' } });
    const fresh = await t.call('workday.checklist');
    expect(fresh).toEqual({
      whatsapp: false,
      telegram: false,
      products: false,
      knowledge: { done: false, questions: 0, wanted: 5 },
      assistant: { done: false, state: 'not_running' },
    });

    await t.call('catalog.create', { name: 'Rye bread', priceMinor: 350 });
    for (let i = 1; i <= 4; i++) await t.call('knowledge.create', { kind: 'qa', title: `Question ${i}?`, body: 'Answer' });
    // A policy is not one of the top questions, and a switched-off question does not count.
    await t.call('knowledge.create', { kind: 'policy', title: 'Returns', body: 'Within 14 days' });
    await t.call('knowledge.create', { kind: 'qa', title: 'Hidden?', body: 'x', enabled: false });
    let now = await t.call('workday.checklist');
    expect(now.products).toBe(true);
    expect(now.knowledge).toEqual({ done: false, questions: 4, wanted: 5 });

    await t.call('knowledge.create', { kind: 'qa', title: 'Do you deliver?', body: 'Yes, within 5 km' });
    now = await t.call('workday.checklist');
    expect(now.knowledge.done).toBe(true);
  });
});
