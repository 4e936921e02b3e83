// The Knowledge page's core: entries with validation, shop policies, and BM25 retrieval in several languages.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from '../../helpers/test-app';
import { seedKnowledgeDemo } from '../../../main/core/knowledge/demo';
import { toKnowledgeQuery } from '../../../main/core/knowledge/retrieval';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(() => t.close());

describe('knowledge entries', () => {
  it('creates, edits, disables and deletes entries; bad input gets a clear error and changes nothing', async () => {
    const e = await t.call('knowledge.create', { kind: 'qa', title: 'Do you bake on Sundays?', body: 'No, Sunday is our day off.' });
    expect(e).toMatchObject({ kind: 'qa', enabled: true, keywords: '' });
    await expect(t.call('knowledge.create', { kind: 'qa', title: '  ', body: 'x' })).rejects.toThrow(
      /invalid_input: title: Write the question/,
    );
    await expect(t.call('knowledge.create', { kind: 'faq' as 'qa', title: 'x', body: 'y' })).rejects.toThrow(/invalid_input/);
    await expect(t.call('knowledge.update', { id: 999, entry: { kind: 'qa', title: 'x', body: 'y' } })).rejects.toThrow(/not_found/);
    expect(await t.call('knowledge.list')).toHaveLength(1);

    await t.call('knowledge.update', { id: e.id, entry: { kind: 'qa', title: 'Do you bake on Sundays?', body: 'No.', enabled: false } });
    expect(await t.call('knowledge.probe', { text: 'Are you baking on Sunday?' })).toEqual([]);
    await t.call('knowledge.update', { id: e.id, entry: { kind: 'qa', title: 'Do you bake on Sundays?', body: 'No.', enabled: true } });
    expect((await t.call('knowledge.probe', { text: 'Are you baking on Sunday?' })).map((x) => x.id)).toEqual([e.id]);
    await t.call('knowledge.delete', { id: e.id });
    expect(await t.call('knowledge.list')).toEqual([]);
  });

  it('saves shop policies next to the business profile', async () => {
    expect(await t.call('knowledge.policies')).toEqual({ delivery: '', payment: '', returns: '' });
    await t.call('knowledge.savePolicies', { payment: 'Cash or card' });
    expect(await t.call('knowledge.policies')).toEqual({ delivery: '', payment: 'Cash or card', returns: '' });
    await expect(t.call('knowledge.savePolicies', { returns: 'x'.repeat(3000) })).rejects.toThrow(/invalid_input/);
  });
});

describe('retrieval', () => {
  beforeEach(() => seedKnowledgeDemo(t.app.services));
  const top = async (text: string) => (await t.call('knowledge.probe', { text })).map((e) => e.title)[0];

  it.each([
    ['Do you have bread without gluten?', 'Do you have gluten-free bread?'],
    ['У вас есть безглютеновый хлеб?', 'Do you have gluten-free bread?'],
    ['Tiệm có bánh mì không gluten không ạ?', 'Do you have gluten-free bread?'],
    ['Отложите, пожалуйста, две буханки', 'Can I reserve bread for later today?'],
    ['Where can I park my car?', 'Is there parking near the shop?'],
    ['Haben Sie Kaffee?', 'Do you sell coffee?'],
  ])('%s → %s', async (question, title) => {
    expect(await top(question)).toBe(title);
  });

  it('finds nothing for small talk, and never lets search syntax through', async () => {
    expect(await t.call('knowledge.probe', { text: 'Hello! Thanks 😊' })).toEqual([]);
    expect(toKnowledgeQuery('coffee" OR 1=1 NEAR(*)')).toBe('"coffe"* OR "near"*');
    expect(Array.isArray(await t.call('knowledge.probe', { text: 'coffee" OR NEAR(x*' }))).toBe(true);
  });
});
