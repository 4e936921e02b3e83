// The Ollama connection: where it looks, what status it reports, downloading a model with progress and cancel,
// and the request options every call carries.
import { afterEach, describe, expect, it } from 'vitest';
import { makeAssistantApp, type AssistantTestApp } from '../../helpers/fake-ollama-app';
import { makeTestApp, type TestApp } from '../../helpers/test-app';
import { until } from '../../helpers/until';
import { resolveHost } from '../../../main/core/assistant/ollama';
import type { AssistantStatus } from '../../../main/core/assistant/types';

let t: AssistantTestApp | null = null;
let plain: TestApp | null = null;
afterEach(async () => {
  await t?.close();
  await plain?.close();
  t = null;
  plain = null;
});

describe('host', () => {
  it('uses the setting, else OLLAMA_HOST (also without a scheme), else 127.0.0.1:11434', () => {
    expect(resolveHost('', {})).toBe('http://127.0.0.1:11434');
    expect(resolveHost('', { OLLAMA_HOST: 'http://10.0.0.5:9999' })).toBe('http://10.0.0.5:9999');
    expect(resolveHost('', { OLLAMA_HOST: '0.0.0.0' })).toBe('http://127.0.0.1:11434');
    expect(resolveHost('', { OLLAMA_HOST: '192.168.1.20:11434' })).toBe('http://192.168.1.20:11434');
    expect(resolveHost('http://gpu-box:11434/', { OLLAMA_HOST: 'x:1' })).toBe('http://gpu-box:11434');
  });

  it('rejects a host that is not an address', async () => {
    plain = await makeTestApp();
    await expect(plain.call('assistant.saveSettings', { host: 'ollama please' })).rejects.toThrow(/invalid_input: host: Use an address/);
  });
});

describe('status', () => {
  it('reports version and installed models, the picked model, and refreshes only when asked or stale', async () => {
    t = await makeAssistantApp();
    const st = await t.call('assistant.status', { refresh: true });
    expect(st).toMatchObject({ state: 'ready', version: '0.12.6', model: 'qwen3:4b-instruct', problem: null, host: t.ollama.url });
    expect(st.models).toEqual([{ name: 'qwen3:4b-instruct', sizeBytes: 2_497_293_918, parameterSize: '4.0B', family: 'qwen3' }]);
    expect(st.recommended.name).toBe('qwen3:4b-instruct');
    const before = t.ollama.requests.length;
    await t.call('assistant.status', {});
    await t.call('assistant.status', {});
    expect(t.ollama.requests.length).toBe(before);
    t.clock.advance(10_000);
    await t.call('assistant.status', {});
    expect(t.ollama.requests.length).toBe(before + 2);
  });

  it('reports not running without throwing, and emits a status event only when the state changes', async () => {
    plain = await makeTestApp({ env: { OLLAMA_HOST: 'http://127.0.0.1:1' } });
    const events: AssistantStatus[] = [];
    plain.app.services.events.subscribe((e) => e.type === 'assistant.status' && events.push(e.payload));
    const a = await plain.call('assistant.status', { refresh: true });
    await plain.call('assistant.status', { refresh: true });
    expect(a).toMatchObject({ state: 'not_running', host: 'http://127.0.0.1:1' });
    expect(a.problem).toMatch(/Install it from ollama\.com/);
    expect(events).toHaveLength(1);
  });

  it('asks to pick a model when Ollama runs but none is chosen', async () => {
    t = await makeAssistantApp();
    t.app.services.assistant.saveSettings({ model: '' });
    expect(await t.call('assistant.status', { refresh: true })).toMatchObject({
      state: 'no_model',
      problem: 'Pick a model in Settings → Assistant.',
    });
  });
});

describe('download', () => {
  const pulls = (t: AssistantTestApp) => t.events.filter((e) => e.type === 'assistant.pull').map((e) => e.payload);

  it('streams progress to the end and lists the new model', async () => {
    t = await makeAssistantApp();
    t.ollama.pullPlan = { total: 2_000_000_000, steps: 5, delayMs: 10 };
    await t.call('assistant.pull', { model: 'qwen2.5:1.5b' });
    await expect(t.call('assistant.pull', { model: 'other:1b' })).rejects.toThrow(/conflict: Already downloading qwen2.5:1.5b/);
    // Progress events are paced by the (fake) clock: step it while the fake server streams the download.
    await until('download finished', () => {
      t!.clock.advance(250);
      return !!pulls(t!).at(-1)?.done;
    });
    const last = pulls(t).at(-1)!;
    expect(last).toMatchObject({
      model: 'qwen2.5:1.5b',
      done: true,
      running: false,
      status: 'success',
      error: null,
      total: 2_000_000_000,
      completed: 2_000_000_000,
    });
    expect(pulls(t).some((p) => p.completed > 0 && p.completed < p.total)).toBe(true);
    const st = await t.call('assistant.status', {});
    expect(st.models.map((m) => m.name)).toContain('qwen2.5:1.5b');
  });

  it('can be cancelled, and a failed download says why', async () => {
    t = await makeAssistantApp();
    t.ollama.pullPlan = { total: 1000, steps: 50, delayMs: 30 };
    await t.call('assistant.pull', { model: 'big:70b' });
    await until('download under way', () => t!.ollama.pullChunks > 0);
    await t.call('assistant.cancelPull');
    expect(await t.call('assistant.pullState')).toMatchObject({ running: false, status: 'cancelled', done: false });
    // The download really stopped: the fake server saw Lavka hang up before the model was complete.
    await until('the fake server saw the download dropped', () => t!.ollama.pullsAborted === 1);
    expect((await t.call('assistant.status', { refresh: true })).models.map((m) => m.name)).not.toContain('big:70b');

    t.ollama.pullPlan = { total: 1000, steps: 3, delayMs: 5, error: 'pull model manifest: file does not exist', failAfter: 1 };
    await t.call('assistant.pull', { model: 'nope:1b' });
    await until('download failed', async () => (await t!.call('assistant.pullState'))?.running === false);
    expect(await t.call('assistant.pullState')).toMatchObject({
      running: false,
      done: false,
      error: 'Download failed: pull model manifest: file does not exist',
    });
  });

  it('refuses a model name that is not one', async () => {
    t = await makeAssistantApp();
    await expect(t.call('assistant.pull', { model: 'rm -rf /' })).rejects.toThrow(/invalid_input/);
  });
});

describe('request options', () => {
  it('sends think:false only to models that can think', async () => {
    t = await makeAssistantApp({ model: 'qwen3:8b' });
    t.ollama.models.push({ name: 'qwen3:8b', capabilities: ['completion', 'tools', 'thinking'] });
    t.ollama.replies.push({ content: 'Hello!' });
    const id = await t.say('Hi');
    await t.call('assistant.suggest', { conversationId: id });
    await t.settle();
    expect(t.assistantChats()[0]).toMatchObject({ model: 'qwen3:8b', think: false, keep_alive: '12h', options: { num_ctx: 4096 } });
  });
});
