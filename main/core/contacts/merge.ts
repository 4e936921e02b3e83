// Merging two contacts that are one person (a WhatsApp and a Telegram identity, an import and a chat), and finding
// pairs that look like duplicates. A merge is one transaction: identities, messages, tags, notes and every other
// domain's rows (orders, reminders, opt-out…) move to the survivor; nothing is deleted except the empty shell.
import type { Clock } from '../clock';
import type { Db } from '../db/connection';
import type { ContactsRepo } from '../db/repos/contacts-repo';
import type { ContactDataRepo } from '../db/repos/contact-data-repo';
import type { ConversationsRepo } from '../db/repos/conversations-repo';
import { AppError, notFound } from '../errors';
import type { EventBus } from '../events';
import { previewOf } from '../inbox/preview';
import type { MessageKind } from '../inbox/types';
import { linkedRefs, type ContactExtensions } from './facts';
import { PHONE_CHANNELS, normaliseEmail, phoneKey } from './phone';
import type { Contact, DuplicateReason, DuplicateSuggestion, MergePreview } from './types';

export interface MergeResult {
  contact: Contact;
  movedMessages: number;
  moved: Record<string, number>;
}

export class ContactMerger {
  constructor(
    private readonly db: Db,
    private readonly contacts: ContactsRepo,
    private readonly data: ContactDataRepo,
    private readonly conversations: ConversationsRepo,
    private readonly events: EventBus,
    private readonly clock: Clock,
    private readonly ext: () => ContactExtensions,
    private readonly region: () => string,
  ) {}

  preview(survivorId: number, otherId: number): MergePreview {
    this.checkPair(survivorId, otherId);
    return { survivor: this.describe(survivorId), other: this.describe(otherId) };
  }

  private describe(id: number): MergePreview['survivor'] {
    const c = this.contacts.get(id);
    if (!c) throw notFound('Contact', id);
    const conv = this.data.conversationOf(id);
    const related: Record<string, number> = {};
    for (const [table, refs] of linkedRefs(this.ext().linked, id, conv?.id)) {
      const n = this.data.countLinked(table, refs);
      if (n > 0) related[table] = n;
    }
    return { ...c, messageCount: conv ? this.data.messageCount(conv.id) : 0, related };
  }

  private checkPair(a: number, b: number): void {
    if (a === b) throw new AppError('invalid_input', 'Pick two different contacts to merge', undefined, { reason: 'merge_same_contact' });
    if (!this.contacts.exists(a)) throw notFound('Contact', a);
    if (!this.contacts.exists(b)) throw notFound('Contact', b);
  }

  /**
   * Moves everything of `otherId` onto `survivorId` and deletes the empty `otherId`. The owner may pick the name to keep;
   * otherwise a real name wins over one that is just a phone number or id.
   */
  merge(survivorId: number, otherId: number, opts: { name?: string } = {}): MergeResult {
    this.checkPair(survivorId, otherId);
    const now = this.clock.now();
    const linked = this.ext().linked;
    const result = this.db
      .transaction(() => {
        const s = this.contacts.get(survivorId)!;
        const o = this.contacts.get(otherId)!;
        const sConv = this.data.conversationOf(survivorId);
        const oConv = this.data.conversationOf(otherId);
        const moved: Record<string, number> = {};
        let movedMessages = 0;

        this.data.moveIdentities(otherId, survivorId);
        this.data.copyTags(otherId, survivorId);

        if (oConv && !sConv) {
          this.data.giveConversation(oConv.id, survivorId);
          movedMessages = this.data.messageCount(oConv.id);
        } else if (oConv && sConv) {
          movedMessages = this.data.moveMessages(oConv.id, sConv.id);
          for (const l of linked.filter((x) => x.parent === 'conversations')) {
            const n = this.data.moveLinked(l, oConv.id, sConv.id);
            if (n) moved[l.table] = (moved[l.table] ?? 0) + n;
          }
          this.rebuildSummary(sConv.id, {
            unread: sConv.unread_count + oConv.unread_count,
            createdAt: Math.min(sConv.created_at, oConv.created_at),
            lastAt: Math.max(sConv.last_message_at, oConv.last_message_at),
          });
          this.data.deleteConversation(oConv.id);
        }
        for (const l of linked.filter((x) => x.parent === 'contacts')) {
          const n = this.data.moveLinked(l, otherId, survivorId);
          if (n) moved[l.table] = (moved[l.table] ?? 0) + n;
        }

        const name = opts.name?.trim() || pickName(s, o);
        const notes = mergeNotes(s.notes, o.notes);
        // The owner's choice of language survives a merge; otherwise the survivor's detected one.
        const chosen = [s, o].find((c) => c.languageByOwner && c.language);
        this.data.setContactFields(
          survivorId,
          { name, notes, language: chosen?.language ?? s.language ?? o.language, languageByOwner: !!chosen },
          now,
        );
        this.data.deleteContact(otherId);
        return {
          moved,
          movedMessages,
          removedConversationId: oConv && sConv ? oConv.id : null,
          conversationId: sConv?.id ?? oConv?.id ?? null,
        };
      })
      .immediate();

    this.events.emit('contact.merged', {
      from: otherId,
      into: survivorId,
      removedConversationId: result.removedConversationId,
      conversationId: result.conversationId,
    });
    this.events.emit('contact.updated', { contactId: survivorId });
    if (result.conversationId !== null) {
      const summary = this.conversations.summary(result.conversationId);
      if (summary) this.events.emit('conversation.updated', { conversation: summary });
    }
    return { contact: this.contacts.get(survivorId)!, movedMessages: result.movedMessages, moved: result.moved };
  }

  /** Recomputes a conversation's inbox row from its messages (after messages moved in or were deleted). */
  rebuildSummary(conversationId: number, keep: { unread: number; createdAt: number; lastAt: number }): void {
    const last = this.data.latestMessage(conversationId);
    const lastIn = this.data.latestMessage(conversationId, 'in');
    this.data.setSummary(conversationId, {
      lastMessageId: last?.id ?? null,
      lastMessageAt: Math.max(keep.lastAt, last?.created_at ?? 0),
      preview: last ? previewOf(last.kind as MessageKind, last.body) : '',
      lastChannel: last?.channel ?? null,
      lastInbound: lastIn?.channel ?? null,
      unread: keep.unread,
      createdAt: keep.createdAt,
    });
  }

  dismiss(a: number, b: number): void {
    this.checkPair(a, b);
    this.data.dismissPair(a, b, this.clock.now());
  }

  /**
   * Pairs that are probably one person: the same phone number written differently ("+49 151…" on WhatsApp and
   * "0151…" imported), the same email, or exactly the same name. Strongest reason first; dismissed pairs are skipped.
   */
  suggestions(limit = 100): DuplicateSuggestion[] {
    const region = this.region();
    const dismissed = this.data.dismissedPairs();
    const groups = new Map<string, { reason: DuplicateReason; value: string; ids: Set<number> }>();
    const add = (reason: DuplicateReason, value: string, id: number) => {
      const key = `${reason}:${value}`;
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { reason, value, ids: new Set() }));
      g.ids.add(id);
    };
    for (const a of this.data.allAddresses()) {
      if (PHONE_CHANNELS.has(a.channel)) {
        const k = phoneKey(a.external_id, region);
        if (k) add('same_phone', k, a.contact_id);
      } else if (a.channel === 'email') {
        const e = normaliseEmail(a.external_id);
        if (e) add('same_email', e, a.contact_id);
      }
    }
    for (const c of this.data.allNames()) {
      const n = c.name.normalize('NFC').trim().toLocaleLowerCase().replace(/\s+/g, ' ');
      // A name that is only digits/symbols is an address stand-in ("+4915…"), not a name.
      if (Array.from(n).filter((ch) => /\p{L}/u.test(ch)).length >= 3) add('same_name', n, c.id);
    }
    const rank: Record<DuplicateReason, number> = { same_phone: 0, same_email: 1, same_name: 2 };
    const seen = new Set<string>();
    const pairs: { a: number; b: number; reason: DuplicateReason; value: string }[] = [];
    const sorted = [...groups.values()].filter((g) => g.ids.size > 1).sort((x, y) => rank[x.reason] - rank[y.reason]);
    for (const g of sorted) {
      const ids = [...g.ids].sort((x, y) => x - y);
      // A value shared by dozens of contacts (a shop's own number, "info@…") is not a duplicate signal.
      if (ids.length > 5) continue;
      for (let i = 0; i < ids.length; i++) {
        for (let j = i + 1; j < ids.length; j++) {
          const key = `${ids[i]}:${ids[j]}`;
          if (seen.has(key) || dismissed.has(key)) continue;
          seen.add(key);
          pairs.push({ a: ids[i], b: ids[j], reason: g.reason, value: g.value });
        }
      }
      if (pairs.length >= limit) break;
    }
    const picked = pairs.slice(0, limit);
    const briefs = new Map(this.data.briefs([...new Set(picked.flatMap((p) => [p.a, p.b]))]).map((b) => [b.id, b]));
    const brief = (id: number) => {
      const b = briefs.get(id)!;
      return { id, name: b.name, channels: b.channels ? b.channels.split(',') : [] };
    };
    return picked
      .filter((p) => briefs.has(p.a) && briefs.has(p.b))
      .map((p) => ({ a: brief(p.a), b: brief(p.b), reason: p.reason, value: p.value }));
  }
}

/** True when a "name" is really an address: a phone number, a numeric id or the identity itself. */
function looksLikeAddress(c: Contact): boolean {
  const n = c.name.trim();
  if (!/\p{L}/u.test(n)) return true;
  return c.identities.some((i) => i.externalId === n);
}

function pickName(s: Contact, o: Contact): string {
  if (looksLikeAddress(s) && !looksLikeAddress(o)) return o.name;
  return s.name;
}

function mergeNotes(a: string, b: string): string {
  const x = a.trim();
  const y = b.trim();
  if (!y || x.includes(y)) return a;
  if (!x) return b;
  return `${a.trimEnd()}\n\n${b.trim()}`;
}
