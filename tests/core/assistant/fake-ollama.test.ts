// The fake Ollama must speak the real protocol: these tests drive it with the real `ollama` npm client.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Ollama } from 'ollama';
import { FakeOllama } from '../../helpers/fake-ollama';

let fake: FakeOllama;
let client: Ollama;
beforeEach(async () => {
  fake = new FakeOllama();
  await fake.start();
  client = new Ollama({ host: fake.url });
});
afterEach(() => fake.stop());

describe('fake Ollama speaks the protocol the ollama client expects', () => {
  it('answers version, tags and show', async () => {
    expect((await client.version()).version).toBe('0.12.6');
    const tags = await client.list();
    expect(tags.models.map((m) => m.name)).toEqual(['qwen3:4b-instruct']);
    const show = await client.show({ model: 'qwen3:4b-instruct' });
    expect(show.capabilities).toContain('completion');
    await expect(client.show({ model: 'nope' })).rejects.toThrow(/not found/);
  });

  it('streams a chat as NDJSON ending in done:true with token counts', async () => {
    fake.replies.push({ content: 'We open at nine.' });
    const it = await client.chat({ model: 'qwen3:4b-instruct', messages: [{ role: 'user', content: 'When?' }], stream: true });
    const parts: string[] = [];
    let last;
    for await (const part of it) {
      parts.push(part.message.content);
      last = part;
    }
    expect(parts.join('')).toBe('We open at nine.');
    expect(last?.done).toBe(true);
    expect(last?.prompt_eval_count).toBeGreaterThan(0);
    expect(last?.eval_count).toBeGreaterThan(0);
  });

  it('answers non-streamed chats, records format and returns tool calls', async () => {
    fake.replies.push({ content: '{"reply":"Hi"}' });
    const r = await client.chat({ model: 'qwen3:4b-instruct', messages: [{ role: 'user', content: 'x' }], format: { type: 'object' } });
    expect(r.message.content).toBe('{"reply":"Hi"}');
    expect(fake.chats()[0].format).toEqual({ type: 'object' });

    fake.replies.push({ content: '', toolCalls: [{ name: 'add_item', arguments: { sku: 'RYE', qty: 2 } }] });
    const t = await client.chat({
      model: 'qwen3:4b-instruct',
      messages: [{ role: 'user', content: 'two rye' }],
      tools: [
        { type: 'function', function: { name: 'add_item', parameters: { type: 'object', properties: { sku: { type: 'string' } } } } },
      ],
    });
    expect(t.message.tool_calls?.[0].function).toEqual({ name: 'add_item', arguments: { sku: 'RYE', qty: 2 } });
  });

  it('reports a smaller prompt_eval_count when the prompt prefix repeats (KV cache reuse)', async () => {
    const system = { role: 'system', content: 'S'.repeat(4000) };
    const first = await client.chat({ model: 'qwen3:4b-instruct', messages: [system, { role: 'user', content: 'first question' }] });
    const second = await client.chat({ model: 'qwen3:4b-instruct', messages: [system, { role: 'user', content: 'second question' }] });
    expect(first.prompt_eval_count).toBeGreaterThan(1000);
    expect(second.prompt_eval_count).toBeLessThan(20);
  });

  it('can fail: HTTP errors, unknown models, garbage lines, mid-stream disconnects', async () => {
    fake.replies.push({ error: 'out of memory', status: 500 });
    await expect(client.chat({ model: 'qwen3:4b-instruct', messages: [] })).rejects.toThrow(/out of memory/);
    await expect(client.chat({ model: 'missing:1b', messages: [] })).rejects.toThrow(/not found/);

    fake.replies.push({ rawLines: ['this is not json', '{"also": "no done"}'] });
    const g = await client.chat({ model: 'qwen3:4b-instruct', messages: [], stream: true });
    await expect(
      (async () => {
        for await (const _ of g) void _;
      })(),
    ).rejects.toThrow(/done/);

    fake.replies.push({ content: 'one two three four five', disconnectAfter: 2 });
    const d = await client.chat({ model: 'qwen3:4b-instruct', messages: [], stream: true });
    const got: string[] = [];
    await expect(
      (async () => {
        for await (const p of d) got.push(p.message.content);
      })(),
    ).rejects.toThrow();
    expect(got.join('')).toBe('one two ');
  });

  it('streams pull progress and then lists the new model', async () => {
    fake.pullPlan = { total: 1000, steps: 4, delayMs: 1 };
    const it = await client.pull({ model: 'tiny:1b', stream: true });
    const seen: { status: string; completed?: number }[] = [];
    for await (const p of it) seen.push({ status: p.status, completed: p.completed });
    expect(seen[0].status).toBe('pulling manifest');
    expect(seen.filter((s) => s.completed).map((s) => s.completed)).toEqual([250, 500, 750, 1000]);
    expect(seen.at(-1)?.status).toBe('success');
    expect((await client.list()).models.map((m) => m.name)).toContain('tiny:1b');
  });
});
