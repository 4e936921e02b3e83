// Records what the owner did with each suggested reply (Suggest mode), which nothing recorded before the Reports
// page: sent as suggested, edited, or discarded. Listens to the event bus only; the assistant is not changed.
//
// A finished suggestion waits for the owner's next message in that conversation:
// - the same text (ignoring spaces and letter case) → 'as_is';
// - a text that keeps at least half of the suggestion's words → 'edited';
// - anything else → 'discarded' (the owner wrote their own reply).
// A suggestion replaced by one for a newer customer message, with no owner message between, is 'discarded'.
// Regenerating a suggestion for the same message replaces it without counting the first one.
import type { Clock } from '../clock';
import type { EventBus } from '../events';
import type { DraftEvent } from '../assistant/types';
import type { Message } from '../inbox/types';
import type { ReportsRepo } from './reports-repo';

const EDITED_AT_LEAST = 0.5;

interface Pending {
  text: string;
  forMessageId: number | null;
}

export class SuggestionTracker {
  private readonly pending = new Map<number, Pending>();
  private readonly unsubscribe: () => void;

  constructor(
    events: EventBus,
    private readonly repo: ReportsRepo,
    private readonly clock: Clock,
  ) {
    this.unsubscribe = events.subscribe((e) => {
      if (e.type === 'assistant.draft') this.onDraft(e.payload);
      else if (e.type === 'message.new') {
        const { conversationId, message } = e.payload;
        if (message.direction === 'out' && message.author === 'owner' && message.channel !== 'system')
          this.onOwnerMessage(conversationId, message);
      }
    });
  }

  private onDraft(d: DraftEvent): void {
    if (!d.done || d.error || !d.text.trim()) return;
    const before = this.pending.get(d.conversationId);
    if (before && before.forMessageId !== d.forMessageId) this.record(d.conversationId, 'discarded', null, 0);
    this.pending.set(d.conversationId, { text: d.text, forMessageId: d.forMessageId });
  }

  private onOwnerMessage(conversationId: number, m: Message): void {
    const p = this.pending.get(conversationId);
    if (!p) return;
    this.pending.delete(conversationId);
    const sim = similarity(p.text, m.body);
    const outcome = normalise(p.text) === normalise(m.body) ? 'as_is' : sim >= EDITED_AT_LEAST ? 'edited' : 'discarded';
    this.record(conversationId, outcome, m.id, outcome === 'as_is' ? 1 : sim);
  }

  private record(conversationId: number, outcome: 'as_is' | 'edited' | 'discarded', messageId: number | null, sim: number): void {
    try {
      this.repo.recordSuggestionOutcome({
        at: this.clock.now(),
        conversationId,
        outcome,
        messageId,
        similarity: Math.max(0, Math.min(1, sim)),
      });
    } catch (err) {
      // A report row must never break sending (e.g. the conversation was deleted meanwhile).
      console.error('[reports] could not record a suggestion outcome', err);
    }
  }

  stop(): void {
    this.unsubscribe();
    this.pending.clear();
  }
}

function normalise(s: string): string {
  return s.normalize('NFC').toLocaleLowerCase().replace(/\s+/gu, ' ').trim();
}

function words(s: string): string[] {
  return normalise(s).match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Share of the suggestion's words that survive in the sent text (multiset overlap / suggestion length), 0–1. */
export function similarity(suggested: string, sent: string): number {
  const a = words(suggested);
  if (a.length === 0) return 0;
  const left = new Map<string, number>();
  for (const w of words(sent)) left.set(w, (left.get(w) ?? 0) + 1);
  let kept = 0;
  for (const w of a) {
    const n = left.get(w) ?? 0;
    if (n > 0) {
      kept++;
      left.set(w, n - 1);
    }
  }
  // Words the owner added dilute the match too: a two-word suggestion buried in a long reply is not "edited".
  return (2 * kept) / (a.length + words(sent).length);
}
