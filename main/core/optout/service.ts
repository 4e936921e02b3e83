// Customers' opt-out: a whole-message STOP word on any channel stops reminders and promotions, the customer gets
// one confirmation in their language, and the owner can record consent back. Other domains ask isOptedOut().
import { z } from 'zod';
import type { Clock } from '../clock';
import type { Db } from '../db/connection';
import type { ContactsRepo } from '../db/repos/contacts-repo';
import type { OptOutRepo, ConsentEntry } from '../db/repos/optout-repo';
import type { SettingsRepo } from '../db/repos/settings-repo';
import { AppError, notFound } from '../errors';
import type { EventBus } from '../events';
import type { DomainBus } from '../domain-events';
import type { InboxService } from '../inbox/service';
import type { Message } from '../inbox/types';
import type { SettingsService } from '../settings/service';
import { DEFAULT_KEYWORDS, readOptOutMessage, type OptOutKeyword } from './keywords';
import { confirmationLanguage, confirmationText } from './confirmation';
import { detectLanguage } from '../assistant/language';
import type { CustomerLanguageService } from '../language/service';

export const optOutSettingsSchema = z.object({
  keywords: z
    .array(
      z.object({
        word: z.string().trim().min(1, 'A stop word cannot be empty').max(40),
        lang: z.string().regex(/^[a-z]{2}$/, 'Use a 2-letter language code, e.g. en'),
      }),
    )
    .max(200),
});
export type OptOutSettings = z.infer<typeof optOutSettingsSchema>;
const SETTINGS_KEY = 'optout';
/** Last inbound message id looked at, so opt-outs that arrived just before a crash are still acted on. */
const WATERMARK_KEY = 'optout.scannedMessageId';

export interface OptOutStatus {
  contactId: number;
  optedOut: boolean;
  at: number | null;
  channel: string | null;
  /** What the customer wrote, as untrusted text. */
  said: string | null;
  language: string | null;
  confirmationMessageId: number | null;
  history: ConsentEntry[];
}

// Keyed by UI language; languages without their own note fall back to English.
type Notes = { out: (said: string) => string; in: (note: string) => string; unclear: (said: string) => string };
const NOTES: Record<string, Notes | undefined> & { en: Notes } = {
  en: {
    out: (said: string) => `The customer wrote “${said}”: no more reminders or promotions. A confirmation was sent.`,
    in: (note: string) => `Consent recorded by the owner: reminders are allowed again.${note ? ` (${note})` : ''}`,
    unclear: (said: string) => `The customer wrote “${said}”: this may mean no more messages. Reminders wait until you decide (Needs you).`,
  },
  ru: {
    out: (said: string) => `Клиент написал «${said}»: больше никаких напоминаний и рекламы. Подтверждение отправлено.`,
    in: (note: string) => `Владелец отметил согласие клиента: напоминания снова разрешены.${note ? ` (${note})` : ''}`,
    unclear: (said: string) =>
      `Клиент написал «${said}»: возможно, он не хочет больше сообщений. Напоминания ждут вашего решения (Нужны вы).`,
  },
  uk: {
    out: (said: string) => `Клієнт написав «${said}»: більше жодних нагадувань і реклами. Підтвердження надіслано.`,
    in: (note: string) => `Власник позначив згоду клієнта: нагадування знову дозволені.${note ? ` (${note})` : ''}`,
    unclear: (said: string) =>
      `Клієнт написав «${said}»: можливо, він більше не хоче повідомлень. Нагадування чекають на ваше рішення (Потрібні ви).`,
  },
  es: {
    out: (said: string) => `El cliente escribió «${said}»: no más recordatorios ni promociones. Se envió una confirmación.`,
    in: (note: string) =>
      `Consentimiento registrado por el dueño: los recordatorios vuelven a estar permitidos.${note ? ` (${note})` : ''}`,
    unclear: (said: string) =>
      `El cliente escribió «${said}»: puede que no quiera más mensajes. Los recordatorios esperan tu decisión (Te necesitan).`,
  },
  'pt-BR': {
    out: (said: string) => `O cliente escreveu “${said}”: sem mais lembretes nem promoções. Uma confirmação foi enviada.`,
    in: (note: string) => `Consentimento registrado pelo dono: lembretes permitidos de novo.${note ? ` (${note})` : ''}`,
    unclear: (said: string) =>
      `O cliente escreveu “${said}”: talvez não queira mais mensagens. Os lembretes esperam sua decisão (Precisa de você).`,
  },
  vi: {
    out: (said: string) => `Khách đã viết “${said}”: không gửi nhắc nhở hay khuyến mãi nữa. Đã gửi tin xác nhận.`,
    in: (note: string) => `Chủ cửa hàng đã ghi nhận đồng ý: được gửi nhắc nhở trở lại.${note ? ` (${note})` : ''}`,
    unclear: (said: string) => `Khách đã viết “${said}”: có thể khách không muốn nhận tin nữa. Nhắc nhở sẽ chờ bạn quyết định (Cần bạn).`,
  },
};

export interface OptOutDeps {
  db: Db;
  repo: OptOutRepo;
  contacts: ContactsRepo;
  settingsRepo: SettingsRepo;
  settings: SettingsService;
  inbox: InboxService;
  events: EventBus;
  /** Tells 'contact.optedOut' (reminders cancel theirs). */
  domain: DomainBus;
  clock: Clock;
  languages: CustomerLanguageService;
  /** Where an unclear opt-out waits for the owner's decision (the assistant's Needs you). */
  needsYou: { flagOptOutQuestion(conversationId: number, messageId: number, said: string): void };
}

export class OptOutService {
  private running = false;
  private scanned = 0;
  private readonly db: Db;
  private readonly repo: OptOutRepo;
  private readonly contacts: ContactsRepo;
  private readonly settingsRepo: SettingsRepo;
  private readonly settings: SettingsService;
  private readonly inbox: InboxService;
  private readonly events: EventBus;
  private readonly clock: Clock;
  private readonly languages: CustomerLanguageService;

  constructor(private readonly d: OptOutDeps) {
    this.db = d.db;
    this.repo = d.repo;
    this.contacts = d.contacts;
    this.settingsRepo = d.settingsRepo;
    this.settings = d.settings;
    this.inbox = d.inbox;
    this.events = d.events;
    this.clock = d.clock;
    this.languages = d.languages;
  }

  /** Acts on STOP words from now on; first catches up on messages that arrived while the last run was ending. */
  start(): void {
    if (this.running) return;
    const stored = this.settingsRepo.get(WATERMARK_KEY);
    this.scanned = typeof stored === 'number' ? stored : this.repo.maxMessageId();
    for (;;) {
      const batch = this.repo.shortInboundSince(this.scanned, 400, 500);
      if (batch.length === 0) break;
      for (const m of batch) {
        const contactId = this.inboxContact(m.conversationId);
        if (contactId !== undefined)
          this.handle({ id: m.id, conversationId: m.conversationId, channel: m.channel, body: m.body, createdAt: m.createdAt }, contactId);
        this.scanned = m.id;
      }
    }
    this.scanned = Math.max(this.scanned, this.repo.maxMessageId());
    this.settingsRepo.set(WATERMARK_KEY, this.scanned);
    this.running = true;
  }

  stop(): void {
    this.running = false;
    this.settingsRepo.set(WATERMARK_KEY, this.scanned);
  }

  isOptedOut(contactId: number): boolean {
    return this.repo.isOptedOut(contactId);
  }

  /** Whether a message is an opt-out, clear or unclear (the assistant should not answer it with a chatty reply). */
  isOptOutMessage(body: string): boolean {
    return readOptOutMessage(body, this.keywords()) !== null;
  }

  /** No reminder or offer may go out: opted out, or an unclear opt-out waits for the owner's decision. */
  holdsReminders(contactId: number): boolean {
    return this.repo.isOptedOut(contactId) || this.repo.question(contactId) !== undefined;
  }

  /** What the customer wrote that may be an opt-out, while the owner has not decided. */
  unclear(contactId: number): { messageId: number | null; said: string; at: number } | null {
    return this.repo.question(contactId) ?? null;
  }

  /**
   * The owner's decision on an unclear opt-out: opt the customer out (they get the confirmation) or keep them.
   * Either way reminders stop waiting for it.
   */
  decide(contactId: number, optOut: boolean): OptOutStatus {
    if (!this.contacts.exists(contactId)) throw notFound('Contact', contactId);
    const q = this.repo.question(contactId);
    if (!q) throw new AppError('conflict', 'There is no unclear opt-out to decide for this customer.');
    this.repo.removeQuestion(contactId);
    const conversationId = this.inbox.conversationOfContact(contactId);
    if (optOut && conversationId !== undefined) {
      const channel =
        (q.messageId !== null ? this.inboxChannel(q.messageId) : null) ?? this.inbox.defaultChannel(conversationId, contactId);
      // The confirmation goes in the language the customer wrote the unclear message in.
      const guess = readOptOutMessage(q.said, this.keywords())?.langs ?? [];
      // Only a clear reading counts: a short English phrase can look faintly Spanish to the detector.
      const g = detectLanguage(q.said);
      const written = g?.confident ? g.lang : undefined;
      const langs = written && guess.includes(written as never) ? [written] : written ? [written, ...guess] : guess;
      this.optOut(
        { id: q.messageId ?? 0, conversationId, channel, body: q.said, createdAt: this.clock.now() },
        contactId,
        { langs },
        'owner',
      );
    }
    this.events.emit('contact.updated', { contactId });
    return this.status(contactId);
  }

  private inboxChannel(messageId: number): string | null {
    return this.inbox.message(messageId)?.channel ?? null;
  }

  keywords(): OptOutKeyword[] {
    return this.getSettings().keywords;
  }

  getSettings(): OptOutSettings {
    return this.settings.section(SETTINGS_KEY, optOutSettingsSchema, { keywords: DEFAULT_KEYWORDS });
  }

  updateSettings(value: unknown): OptOutSettings {
    const parsed = optOutSettingsSchema.parse(value);
    if (parsed.keywords.length === 0) {
      throw new AppError('invalid_input', 'Keep at least one stop word: customers must always have a way to opt out.');
    }
    return this.settings.setSection(SETTINGS_KEY, optOutSettingsSchema, parsed);
  }

  status(contactId: number): OptOutStatus {
    if (!this.contacts.exists(contactId)) throw notFound('Contact', contactId);
    const row = this.repo.get(contactId);
    return {
      contactId,
      optedOut: row !== undefined,
      at: row?.at ?? null,
      channel: row?.channel ?? null,
      said: row?.said ?? null,
      language: row?.language ?? null,
      confirmationMessageId: row?.confirmationMessageId ?? null,
      history: this.repo.history(contactId),
    };
  }

  /**
   * A customer message arrived (any channel; the inbound pipeline's 'optout' stage). Returns true when it was an
   * opt-out that changed something. Before start() nothing is acted on here: start()'s catch-up reads it then.
   */
  handleInbound(message: Message, contactId: number): boolean {
    if (!this.running || message.direction !== 'in' || message.kind !== 'text') return false;
    if (message.id > this.scanned) this.scanned = message.id;
    return this.handle(message, contactId);
  }

  private handle(m: Pick<Message, 'id' | 'conversationId' | 'channel' | 'body' | 'createdAt'>, contactId: number): boolean {
    const reading = readOptOutMessage(m.body, this.keywords());
    if (!reading) return false;
    // The owner recorded consent after this message: the customer changed their mind since.
    const optedInAt = this.repo.lastOptInAt(contactId);
    if (optedInAt !== undefined && optedInAt >= m.createdAt) return false;
    if (reading.kind === 'ambiguous') {
      if (this.repo.isOptedOut(contactId)) return false;
      const said = m.body.trim().slice(0, 200);
      this.repo.addQuestion({ contactId, messageId: m.id || null, said, at: this.clock.now() });
      const notes = NOTES[this.settings.get().preferences.uiLanguage] ?? NOTES.en;
      this.inbox.addSystemNote(m.conversationId, notes.unclear(said));
      this.d.needsYou.flagOptOutQuestion(m.conversationId, m.id, said);
      this.events.emit('optout.unclear', { contactId, conversationId: m.conversationId, messageId: m.id, said });
      this.events.emit('contact.updated', { contactId });
      return true;
    }
    return this.optOut(m, contactId, { langs: reading.langs }, 'customer');
  }

  private optOut(
    m: Pick<Message, 'id' | 'conversationId' | 'channel' | 'body' | 'createdAt'>,
    contactId: number,
    match: { langs: string[] },
    by: 'customer' | 'owner',
  ): boolean {
    const contact = this.contacts.get(contactId);
    if (!contact) return false;
    const app = this.settings.get();
    const lang = confirmationLanguage(
      { word: '', langs: match.langs },
      contact.language,
      this.languages.defaultLanguage(),
      contact.languageByOwner,
    );
    const text = confirmationText(this.languages.voice(lang), app.business.name);
    const now = this.clock.now();
    let afterCommit: (() => void) | null = null;
    const changed = this.db
      .transaction(() => {
        if (
          !this.repo.add({
            contactId,
            at: now,
            channel: m.channel,
            said: m.body.trim().slice(0, 80),
            messageId: m.id || null,
            language: lang,
          })
        )
          return false;
        this.repo.removeQuestion(contactId);
        this.repo.log(contactId, { at: now, change: 'opt_out', by, channel: m.channel, detail: m.body.trim().slice(0, 80) });
        try {
          // Answer on the channel they wrote from; a savepoint so a failed confirmation never undoes the opt-out.
          const queued = this.db.transaction(() =>
            this.inbox.queueInTransaction(m.conversationId, text, { channel: m.channel, author: 'owner', origin: 'system' }),
          )();
          this.repo.setConfirmation(contactId, queued.message.id);
          afterCommit = () => queued.afterCommit();
        } catch (err) {
          console.error('[optout] could not queue the confirmation', err);
        }
        return true;
      })
      .immediate();
    if (!changed) return false;
    (afterCommit as (() => void) | null)?.();
    const notes = NOTES[app.preferences.uiLanguage] ?? NOTES.en;
    this.inbox.addSystemNote(m.conversationId, notes.out(m.body.trim().slice(0, 80)));
    this.notify(contactId, true);
    return true;
  }

  /** The owner records that the customer agreed to reminders again (e.g. they asked for them). */
  recordConsent(contactId: number, note = ''): OptOutStatus {
    if (!this.contacts.exists(contactId)) throw notFound('Contact', contactId);
    const now = this.clock.now();
    const detail = note.trim().slice(0, 500);
    const changed = this.db
      .transaction(() => {
        if (!this.repo.remove(contactId)) return false;
        this.repo.log(contactId, { at: now, change: 'opt_in', by: 'owner', channel: null, detail });
        return true;
      })
      .immediate();
    if (!changed) throw new AppError('conflict', 'This customer has not opted out; there is no consent to record.');
    const conversationId = this.inbox.conversationOfContact(contactId);
    if (conversationId !== undefined) {
      const notes = NOTES[this.settings.get().preferences.uiLanguage] ?? NOTES.en;
      this.inbox.addSystemNote(conversationId, notes.in(detail));
    }
    this.notify(contactId, false);
    return this.status(contactId);
  }

  private notify(contactId: number, optedOut: boolean): void {
    if (optedOut) this.d.domain.emit({ type: 'contact.optedOut', contactId });
    this.events.emit('optout.changed', { contactId, optedOut });
    this.events.emit('contact.updated', { contactId });
  }

  private inboxContact(conversationId: number): number | undefined {
    try {
      return this.inbox.get(conversationId).contactId;
    } catch {
      return undefined;
    }
  }
}
