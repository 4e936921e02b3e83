// The assistant in the UI: Ollama status (polled gently, with back-off, only while someone looks), settings, model
// download, per-conversation modes, streamed suggestions written into the composer, and the "Needs you" queue.
import { create } from 'zustand';
import { call, type ApiInput, type ApiOutput, type EventMap } from '../api';
import { useComposerStore } from './composer';
import { errorText } from '../i18n/errors';

export type AssistantStatus = ApiOutput<'assistant.status'>;
export type AssistantSettings = ApiOutput<'assistant.settings'>;
export type Mode = AssistantSettings['defaultMode'];
export type ModeInfo = ApiOutput<'assistant.mode'>;
export type QueueItem = ApiOutput<'assistant.queue'>[number];
export type Draft = EventMap['assistant.draft'];
export type PullState = EventMap['assistant.pull'];

interface DraftState extends Draft {
  /** The text this store last put into the composer: if the composer differs, the owner has typed. */
  written: string;
}

interface AssistantState {
  status: AssistantStatus | null;
  checking: boolean;
  settings: AssistantSettings | null;
  pull: PullState | null;
  modes: Record<number, ModeInfo>;
  drafts: Record<number, DraftState>;
  /** Per conversation: the newest message a suggestion was requested for, so a re-render never asks twice. */
  requestedFor: Record<number, number>;
  queue: QueueItem[];
  queueCount: number;
  loadStatus: (refresh?: boolean) => Promise<void>;
  applyStatus: (s: AssistantStatus) => void;
  loadSettings: () => Promise<void>;
  saveSettings: (patch: ApiInput<'assistant.saveSettings'>) => Promise<void>;
  startPull: (model: string) => Promise<void>;
  cancelPull: () => Promise<void>;
  applyPull: (p: PullState) => void;
  loadMode: (conversationId: number) => Promise<void>;
  setMode: (conversationId: number, mode: Mode | null) => Promise<void>;
  applyMode: (info: ModeInfo) => void;
  suggest: (conversationId: number, opts?: { regenerate?: boolean; forMessageId?: number }) => Promise<void>;
  cancel: (conversationId: number) => Promise<void>;
  applyDraft: (d: Draft) => void;
  /** The owner typed in the composer: a suggestion still being written stops, and never overwrites them. */
  ownerTyped: (conversationId: number, text: string) => void;
  loadQueue: () => Promise<void>;
  applyQueueCount: (n: number) => void;
  resolve: (id: number, action: 'send' | 'dismiss', text?: string) => Promise<void>;
}

export const useAssistantStore = create<AssistantState>((set, get) => ({
  status: null,
  checking: false,
  settings: null,
  pull: null,
  modes: {},
  drafts: {},
  requestedFor: {},
  queue: [],
  queueCount: 0,

  async loadStatus(refresh = false) {
    set({ checking: true });
    try {
      set({ status: await call('assistant.status', { refresh }) });
    } catch {
      // The core itself is unreachable: the connection banner says so; keep the last known status.
    } finally {
      set({ checking: false });
    }
  },
  applyStatus(status) {
    set({ status });
  },
  async loadSettings() {
    set({ settings: await call('assistant.settings') });
  },
  async saveSettings(patch) {
    const settings = await call('assistant.saveSettings', patch);
    set({ settings });
    void get().loadStatus(true);
  },
  async startPull(model) {
    set({ pull: await call('assistant.pull', { model }) });
  },
  async cancelPull() {
    await call('assistant.cancelPull');
    set({ pull: await call('assistant.pullState') });
  },
  applyPull(pull) {
    set({ pull });
    if (pull.done) void get().loadStatus(true);
  },

  async loadMode(conversationId) {
    const info = await call('assistant.mode', { conversationId });
    get().applyMode(info);
  },
  async setMode(conversationId, mode) {
    get().applyMode(await call('assistant.setMode', { conversationId, mode }));
  },
  applyMode(info) {
    set({ modes: { ...get().modes, [info.conversationId]: info } });
  },

  async suggest(conversationId, opts = {}) {
    if (!opts.regenerate && opts.forMessageId !== undefined) {
      if (get().requestedFor[conversationId] === opts.forMessageId) return;
      set({ requestedFor: { ...get().requestedFor, [conversationId]: opts.forMessageId } });
    }
    try {
      get().applyDraft(await call('assistant.suggest', { conversationId, regenerate: opts.regenerate ?? false }));
    } catch (err) {
      const cur = get().drafts[conversationId];
      const failed: DraftState = {
        conversationId,
        requestId: cur?.requestId ?? 'local',
        text: '',
        done: true,
        sources: [],
        warnings: [],
        error: errorText(err),
        forMessageId: opts.forMessageId ?? null,
        written: cur?.written ?? '',
      };
      set({ drafts: { ...get().drafts, [conversationId]: failed } });
    }
  },
  async cancel(conversationId) {
    await call('assistant.cancelSuggestion', { conversationId }).catch(() => {});
  },
  applyDraft(d) {
    // The core only emits events of a conversation's current request, in order, so the newest event wins.
    const cur = get().drafts[d.conversationId];
    const composer = useComposerStore.getState();
    const inComposer = composer.drafts[d.conversationId] ?? '';
    const ownerOwnsComposer = inComposer.trim() !== '' && inComposer !== (cur?.written ?? '');
    let written = cur?.written ?? '';
    if (!ownerOwnsComposer && !d.error && (d.text || inComposer)) {
      composer.setDraft(d.conversationId, d.text);
      written = d.text;
    }
    set({ drafts: { ...get().drafts, [d.conversationId]: { ...d, written } } });
  },
  ownerTyped(conversationId, text) {
    const cur = get().drafts[conversationId];
    if (cur && !cur.done && text !== cur.written) {
      void get().cancel(conversationId);
      set({ drafts: { ...get().drafts, [conversationId]: { ...cur, written: '' } } });
    }
  },

  async loadQueue() {
    const queue = await call('assistant.queue');
    set({ queue, queueCount: queue.length });
  },
  applyQueueCount(n) {
    set({ queueCount: n });
    void get().loadQueue();
  },
  async resolve(id, action, text) {
    await call('assistant.resolve', { id, action, text });
    await get().loadQueue();
  },
}));

/**
 * Keeps the status fresh while a component that shows it is on screen: every 5 s while Ollama is missing, backing
 * off to a minute, and once a minute when it runs. Nothing polls when nobody looks.
 */
let watchers = 0;
let timer: ReturnType<typeof setTimeout> | null = null;
let delay = 5_000;

function tick(): void {
  timer = setTimeout(() => {
    if (watchers === 0) return;
    void useAssistantStore
      .getState()
      .loadStatus(true)
      .then(() => {
        const ready = useAssistantStore.getState().status?.state === 'ready';
        delay = ready ? 60_000 : Math.min(delay * 2, 60_000);
        tick();
      });
  }, delay);
}

export function watchStatus(): () => void {
  watchers++;
  if (watchers === 1) {
    delay = 5_000;
    void useAssistantStore.getState().loadStatus(false);
    tick();
  }
  return () => {
    watchers--;
    if (watchers === 0 && timer) {
      clearTimeout(timer);
      timer = null;
    }
  };
}
