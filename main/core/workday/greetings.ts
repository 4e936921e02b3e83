// Greeting and away messages: a greeting answers a customer's first message ever, an away message answers while the
// shop is closed (its opening hours, in its time zone). Each in the customer's language, at most once per customer per
// window, never to an opted-out customer, and through the outbox like any reply (so pacing applies).
import { z } from 'zod';
import type { Db } from '../db/connection';
import type { Clock } from '../clock';
import type { SettingsRepo } from '../db/repos/settings-repo';
import type { SettingsService } from '../settings/service';
import type { ContactsRepo } from '../db/repos/contacts-repo';
import type { InboundEvent, InboxService } from '../inbox/service';
import { isShopOpen } from '../../shared/opening-hours';
import { stmt } from '../db/statements';

export type AutoReplyKind = 'greeting' | 'away';

export const greetingSettingsSchema = z.object({
  greeting: z.boolean(),
  away: z.boolean(),
  /** Hours before the same customer can get the same automatic message again. */
  windowHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 90),
  /** The owner's own wording per customer language; missing ones use Lavka's text. */
  texts: z.record(
    z.string().regex(/^[a-z]{2}$/),
    z.object({ greeting: z.string().trim().max(1000).optional(), away: z.string().trim().max(1000).optional() }),
  ),
});
export type GreetingSettings = z.infer<typeof greetingSettingsSchema>;

const KEY = 'workday.greetings';
export const DEFAULT_GREETINGS: GreetingSettings = { greeting: false, away: false, windowHours: 24, texts: {} };

export interface GreetingDeps {
  db: Db;
  clock: Clock;
  settingsRepo: SettingsRepo;
  settings: SettingsService;
  contacts: ContactsRepo;
  inbox: InboxService;
  isOptedOut: (contactId: number) => boolean;
  /** The customer's language: the contact's (owner's choice or decided), else what this message clearly is. */
  languageFor?: (contactId: number, text: string) => string;
}

export class GreetingService {
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly d: GreetingDeps) {}

  /** Resolves once every greeting being prepared is queued (tests, orderly shutdown). */
  async idle(): Promise<void> {
    while (this.pending.size) await Promise.all([...this.pending]);
  }

  get(): GreetingSettings {
    const parsed = greetingSettingsSchema.safeParse(this.d.settingsRepo.get(KEY));
    return parsed.success ? parsed.data : DEFAULT_GREETINGS;
  }

  save(next: GreetingSettings): GreetingSettings {
    this.d.settingsRepo.set(KEY, greetingSettingsSchema.parse(next));
    return this.get();
  }

  /** The text a customer in `lang` would get (the owner's wording, else Lavka's), for sending and for the preview. */
  async text(kind: AutoReplyKind, lang: string, s: GreetingSettings = this.get()): Promise<string> {
    const own = s.texts[lang]?.[kind];
    if (own) return own;
    // Loaded on first use: the locale files are inlined by the build, and code that runs the core without the build
    // (a Playwright spec starting createApp itself) must not need them until a greeting is actually due.
    const { customerText } = await import('../../shared/i18n/customer-texts');
    return customerText(lang, `greeting:${kind}`, { business: this.d.settings.get().business.name });
  }

  /** Which automatic message (if any) this inbound message gets. Closed shop → away; open and first ever → greeting. */
  decide(e: InboundEvent): AutoReplyKind | null {
    const s = this.get();
    if ((!s.greeting && !s.away) || e.message.author !== 'customer' || this.d.isOptedOut(e.contactId)) return null;
    const now = this.d.clock.now();
    const business = this.d.settings.get().business;
    const kind: AutoReplyKind | null =
      s.away && !isShopOpen({ hours: business.openingHours, timeZone: business.timeZone }, now)
        ? 'away'
        : s.greeting && this.firstEver(e.conversationId)
          ? 'greeting'
          : null;
    if (!kind) return null;
    const last = stmt<[number, string], { sent_at: number }>(
      this.d.db,
      'SELECT sent_at FROM auto_replies_sent WHERE contact_id = ? AND kind = ?',
    ).get(e.contactId, kind);
    if (last && now - last.sent_at < s.windowHours * 3_600_000) return null;
    return kind;
  }

  /** The inbound hook: queues the greeting or away message when one is due. */
  onInbound(e: InboundEvent): Promise<void> {
    const work = this.answer(e).finally(() => this.pending.delete(work));
    this.pending.add(work);
    return work;
  }

  private async answer(e: InboundEvent): Promise<void> {
    const kind = this.decide(e);
    if (!kind) return;
    const lang =
      this.d.languageFor?.(e.contactId, e.message.body) ??
      this.d.contacts.get(e.contactId)?.language ??
      this.d.settings.get().preferences.replyLanguage;
    const text = await this.text(kind, lang);
    // Decided again after the wait: a second message that arrived meanwhile must not send a second one.
    if (this.decide(e) !== kind) return;
    const queued = this.d.db
      .transaction(() => {
        stmt(
          this.d.db,
          'INSERT INTO auto_replies_sent(contact_id, kind, sent_at) VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET sent_at = excluded.sent_at',
        ).run(e.contactId, kind, this.d.clock.now());
        return this.d.inbox.queueInTransaction(e.conversationId, text, {
          channel: e.message.channel,
          author: 'assistant',
          keepState: true,
        });
      })
      .immediate();
    queued.afterCommit();
  }

  private firstEver(conversationId: number): boolean {
    return (
      stmt<[number], { n: number }>(
        this.d.db,
        "SELECT count(*) AS n FROM (SELECT 1 FROM messages WHERE conversation_id = ? AND direction = 'in' LIMIT 2)",
      ).get(conversationId)!.n === 1
    );
  }
}
