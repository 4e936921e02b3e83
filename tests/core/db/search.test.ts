import { afterEach, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from '../../helpers/test-app';
import { toFtsQuery } from '../../../main/core/db/repos/search-repo';

let t: TestApp;
afterEach(async () => t?.close());

async function withMessages(bodies: string[]) {
  t = await makeTestApp();
  bodies.forEach((body, i) =>
    t.app.services.inbox.receive({
      channel: 'telegram',
      externalId: `m${i}`,
      from: { externalId: `u${i}`, display: `Customer ${i}` },
      kind: 'text',
      body,
      at: 1_700_000_000_000 + i,
    }),
  );
}

const bodiesOf = async (q: string) => {
  const r = await t.call('inbox.search', { query: q });
  return r.hits.map((h) => h.snippet);
};

describe('full-text search', () => {
  it('finds Cyrillic words regardless of case, and by prefix while typing', async () => {
    await withMessages(['Хочу заказать ТОРТ на субботу', 'Спасибо!', 'Do you have cake?']);
    expect(await bodiesOf('торт')).toEqual(['Хочу заказать ТОРТ на субботу']);
    expect(await bodiesOf('Суббот')).toEqual(['Хочу заказать ТОРТ на субботу']);
    expect(await bodiesOf('cake')).toEqual(['Do you have cake?']);
  });

  it('finds Vietnamese with or without diacritics', async () => {
    await withMessages(['Cho tôi hai ly cà phê sữa đá', 'bánh mì không gluten']);
    expect(await bodiesOf('cà phê')).toEqual(['Cho tôi hai ly cà phê sữa đá']);
    expect(await bodiesOf('ca phe')).toEqual(['Cho tôi hai ly cà phê sữa đá']);
    expect(await bodiesOf('BÁNH MÌ')).toEqual(['bánh mì không gluten']);
  });

  it('finds words glued to emoji, and an emoji on its own', async () => {
    await withMessages(['пицца🍕 на вечер', 'thanks 🙏', 'nothing here']);
    expect(await bodiesOf('пицца')).toEqual(['пицца🍕 на вечер']);
    expect(await bodiesOf('🙏')).toEqual(['thanks 🙏']);
  });

  it('treats search syntax typed by a user as plain words, never as an error', async () => {
    await withMessages(['AND OR NOT near "quoted"', 'plain']);
    for (const q of ['"', 'AND', 'NEAR(', '*', 'a OR', '-', '()', "'; DROP TABLE messages; --", '^x']) {
      await expect(t.call('inbox.search', { query: q })).resolves.toBeDefined();
    }
    expect(await bodiesOf('"quoted"')).toEqual(['AND OR NOT near "quoted"']);
    expect((await t.call('messages.list', { conversationId: 1 })).length).toBe(1);
  });

  it('finds conversations by the contact name too', async () => {
    await withMessages(['hello']);
    t.app.services.contacts.update(1, { name: 'Ольга Сидорова' });
    const r = await t.call('inbox.search', { query: 'ольга' });
    expect(r.conversations.map((c) => c.contactName)).toEqual(['Ольга Сидорова']);
  });

  it('lists the newest matching messages first, so a word found everywhere stays fast on years of history', async () => {
    // Every other message is longer: ranking by relevance (BM25) would put the short ones first.
    await withMessages(Array.from({ length: 60 }, (_, i) => `order ${i}${i % 2 ? ' and a few more words about it' : ''}`));
    const hits = await bodiesOf('order');
    expect(hits).toHaveLength(50);
    expect(hits.map((h) => Number(/order (\d+)/.exec(h)?.[1]))).toEqual(Array.from({ length: 50 }, (_, i) => 59 - i));
  });

  it('answers a full page of whole-word matches at once, and the prefix matches when asked for everything', async () => {
    // Newest messages say "orders"; older ones "order": a prefix query must merge lists, a whole word can stop early.
    await withMessages([...Array.from({ length: 60 }, (_, i) => `order ${i}`), 'two orders please']);
    const first = await t.call('inbox.search', { query: 'order' });
    expect(first.complete).toBe(false);
    expect(first.hits).toHaveLength(50);
    expect(first.hits.every((h) => /^order \d+$/.test(h.snippet))).toBe(true);
    const all = await t.call('inbox.search', { query: 'order', all: true });
    expect(all.complete).toBe(true);
    expect(all.hits[0].snippet).toBe('two orders please');
    // Fewer whole-word matches than a page: the prefix matches come in the same answer.
    const few = await t.call('inbox.search', { query: 'ord' });
    expect(few.complete).toBe(true);
    expect(few.hits).toHaveLength(50);
  });

  it('matches names from the first letter, but one or two letters match whole words in message text', async () => {
    await withMessages(['bread please', 'b', 'hello']);
    t.app.services.contacts.update(3, { name: 'Boris' });
    const r = await t.call('inbox.search', { query: 'b', all: true });
    expect(r.hits.map((h) => h.snippet)).toEqual(['b']);
    expect(r.conversations.map((c) => c.contactName)).toContain('Boris');
    expect((await bodiesOf('bre')).length).toBe(1);
  });

  it('quotes every word it sends to FTS', () => {
    expect(toFtsQuery('a bread', 3)).toBe('"a" "bread"*');
    expect(toFtsQuery('hello world')).toBe('"hello"* "world"*');
    expect(toFtsQuery('a"b')).toBe('"a"* "b"*');
    expect(toFtsQuery('🙂 !!')).toBeNull();
  });
});
