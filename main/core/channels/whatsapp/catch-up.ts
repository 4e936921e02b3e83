// The catch-up after (re)connecting: files messages that arrived while Lavka was closed or WhatsApp was down, which
// WhatsApp Web does not emit as events. Recent chats first, a bounded number of each; repeats are harmless because
// the inbox keys messages by (channel, message id).
import type { Clock } from '../../clock';
import type { WaClient, WaMessage } from './client';
import { messageOf } from './health';
import { ownMessageFiled, skipReason, type WaFilter } from './inbound';

export interface BackfillReport {
  chats: number;
  stored: number;
}

export interface CatchUpDeps {
  clock: Clock;
  store: { lastSeenAt(): number | null; setLastSeenAt(at: number): void };
  filter: WaFilter;
  /** How far back the very first catch-up looks. */
  firstBackfillDays: number;
  maxChats: number;
  perChat: number;
  /** The owner's own number (…@c.us), to tell chats with others from notes to self. */
  ownJid?: string;
  /** Files one message (a customer's, or the owner's own from the phone); true when it was new. */
  file(m: WaMessage): Promise<boolean>;
  /** Files a chat's messages in one transaction; how many were new. Throws (storing none) when any fails. */
  fileMany(ms: WaMessage[]): Promise<number>;
  /** False once the client was replaced or the channel stopped: the run ends early. */
  live(): boolean;
  progress(detail: string | undefined): void;
}

/** The catch-up starts a bit before the last time Lavka knew it had everything. */
const OVERLAP_MS = 15 * 60_000;

export async function catchUp(client: WaClient, d: CatchUpDeps): Promise<BackfillReport> {
  const startedAt = d.clock.now();
  const last = d.store.lastSeenAt();
  const since = last ? last - OVERLAP_MS : startedAt - d.firstBackfillDays * 86_400_000;
  const chats = (await client.getChats())
    .filter((c) => c.timestamp * 1000 >= since)
    .filter((c) => !(c.isGroup && d.filter.ignoreGroups) && !/@(broadcast|newsletter)$/.test(c.id._serialized))
    .sort((a, b) => b.timestamp - a.timestamp)
    .slice(0, d.maxChats);
  let stored = 0;
  let unsaved = 0;
  for (const [i, chat] of chats.entries()) {
    if (!d.live()) return { chats: i, stored };
    d.progress(`Catching up on messages received while Lavka was closed… ${i}/${chats.length} chats`);
    let msgs: WaMessage[];
    try {
      msgs = await chat.fetchMessages({ limit: d.perChat });
    } catch (err) {
      console.error('[whatsapp] could not load a chat for the catch-up', messageOf(err));
      continue;
    }
    const wanted = [...msgs]
      .sort((a, b) => a.timestamp - b.timestamp)
      .filter((m) => m.timestamp * 1000 >= since)
      // What the owner wrote from the phone while Lavka was closed belongs in the history too.
      .filter((m) => (m.fromMe ? ownMessageFiled(m, d.ownJid) : !skipReason(m, d.filter)));
    // A chat's messages go in one transaction; if that fails, one by one, so only a message at fault stays unsaved.
    if (wanted.length > 1) {
      try {
        stored += await d.fileMany(wanted);
        continue;
      } catch (err) {
        console.error('[whatsapp] a chat could not be filed at once; filing its messages one by one', messageOf(err));
      }
    }
    for (const m of wanted) {
      try {
        if (await d.file(m)) stored++;
      } catch (err) {
        unsaved++;
        console.error('[whatsapp] a message could not be filed', messageOf(err));
      }
    }
  }
  // Received means stored: the marker moves only when every message of the catch-up was saved, so the next
  // catch-up looks at the same period again (the inbox's message-id key drops what is already there).
  if (unsaved > 0) {
    d.progress(
      `${unsaved} message${unsaved === 1 ? '' : 's'} from while Lavka was closed could not be saved; Lavka tries again when WhatsApp reconnects`,
    );
    return { chats: chats.length, stored };
  }
  d.store.setLastSeenAt(startedAt);
  d.progress(stored ? `Caught up: ${stored} message${stored === 1 ? '' : 's'} arrived while Lavka was closed` : undefined);
  return { chats: chats.length, stored };
}
