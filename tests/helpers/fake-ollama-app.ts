// A real Lavka core (temp dir, fake clock) wired to a fake Ollama over HTTP, with the demo bakery's knowledge,
// plus shortcuts for assistant tests: a sandbox customer writes, Auto's debounce elapses, background work settles.
import { makeTestApp, flush, type TestApp } from './test-app';
import { FakeOllama, callKind, type ChatBody } from './fake-ollama';
import { seedKnowledgeDemo } from '../../main/core/knowledge/demo';
import { AUTO_DEBOUNCE_MS, type Mode } from '../../main/core/assistant/settings';
import type { AppEvent } from '../../main/core/events';
import type { Message } from '../../main/core/inbox/types';

export interface AssistantTestApp extends TestApp {
  ollama: FakeOllama;
  events: AppEvent[];
  /** The chats the assistant itself made (suggest, auto, summary); other domains may call the model too. */
  assistantChats(): ChatBody[];
  /** A sandbox customer writes now; returns the conversation id. */
  say(text: string, customer?: string): Promise<number>;
  /** Lets Auto's debounce pass and waits for every model call and decision to finish. */
  settle(): Promise<void>;
  messages(conversationId: number): Message[];
  setDefaultMode(mode: Mode): void;
}

export async function makeAssistantApp(opts: { model?: string; ollama?: FakeOllama | null } = {}): Promise<AssistantTestApp> {
  let ollama = opts.ollama ?? null;
  if (!ollama) {
    ollama = new FakeOllama();
    await ollama.start();
  }
  const t = await makeTestApp({ env: { OLLAMA_HOST: ollama.url } });
  const s = t.app.services;
  seedKnowledgeDemo(s);
  s.assistant.saveSettings({ model: opts.model ?? 'qwen3:4b-instruct' });
  const events: AppEvent[] = [];
  s.events.subscribe((e) => events.push(e));
  const keys = new Map<string, string>();
  const fake = ollama;
  const reply = (b: ChatBody) => callKind(b) === 'suggest' || callKind(b) === 'free-text';
  const mine = (b: ChatBody) => reply(b) || callKind(b) === 'summary';
  // Scripted replies go to the assistant's own calls; anyone else asking the model (order capture) hears "nothing".
  fake.takesReply = reply;
  fake.script = (b) =>
    callKind(b) === 'summary'
      ? { content: 'The customer needs the owner.' }
      : mine(b)
        ? { content: autoJson('We will check with the team and get back to you.') }
        : { content: JSON.stringify({ intent: 'none', items: [], fulfilment: 'unknown' }) };
  return {
    ...t,
    ollama: fake,
    events,
    assistantChats: () => fake.chats().filter(mine),
    async say(text, customer = 'Maria') {
      const key = keys.get(customer) ?? `sb-${customer.toLowerCase().replace(/[^a-z0-9]/g, '') || `c${keys.size + 1}`}`;
      keys.set(customer, key);
      const r = await t.call('sandbox.say', { customerKey: key, name: customer, text });
      await flush();
      return r.conversationId!;
    },
    async settle() {
      await flush();
      t.clock.advance(AUTO_DEBOUNCE_MS + 1);
      for (let i = 0; i < 5; i++) {
        await s.assistant.idle();
        await flush(5);
      }
    },
    messages(conversationId) {
      return s.repos.messages.recent(conversationId, 100);
    },
    setDefaultMode(mode) {
      s.assistant.saveSettings({ defaultMode: mode });
    },
    async close() {
      await t.close();
      await fake.stop();
    },
  };
}

/** A well-formed Auto-mode answer as the model would write it. */
export function autoJson(reply: string, extra: Partial<{ intent: string; needs_human: boolean; facts_used: string[] }> = {}): string {
  return JSON.stringify({ reply, intent: 'question', needs_human: false, facts_used: [], ...extra });
}
