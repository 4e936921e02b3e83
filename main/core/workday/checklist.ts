// The first-run checklist: each step ticked from the real state of the shop, never from "the owner clicked it".
import type { Services } from '../services';

/** How many questions in Knowledge make the assistant useful for the questions every shop gets. */
export const TOP_QUESTIONS = 5;

export interface Checklist {
  whatsapp: boolean;
  telegram: boolean;
  products: boolean;
  knowledge: { done: boolean; questions: number; wanted: number };
  assistant: { done: boolean; state: 'not_running' | 'no_model' | 'ready' };
}

export async function firstRunChecklist(s: Services): Promise<Checklist> {
  const questions = s.knowledge.list().filter((e) => e.kind === 'qa' && e.enabled).length;
  // An unreachable Ollama must not hold the checklist up: its status call has its own short timeout.
  const assistant = await s.assistant.status().catch(() => ({ state: 'not_running' as const }));
  return {
    whatsapp: s.hub.isConnected('whatsapp'),
    telegram: s.hub.isConnected('telegram'),
    products: s.catalog.repo.count() > 0,
    knowledge: { done: questions >= TOP_QUESTIONS, questions, wanted: TOP_QUESTIONS },
    assistant: { done: assistant.state === 'ready', state: assistant.state },
  };
}
