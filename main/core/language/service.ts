// The one place that says which language a customer is written to in. It watches customer messages, decides from
// several of them (decide.ts) and stores the result on the contact; the owner's choice on the contact card wins and
// is never overwritten. Everything Lavka sends — order texts, reminders, opt-out confirmations, holding messages,
// the assistant's "reply in …" — asks here. Unknown: the shop's default reply language.
import { isCustomerLanguage, type CustomerLanguage } from '../../shared/languages';
import type { Clock } from '../clock';
import type { ContactsRepo } from '../db/repos/contacts-repo';
import type { MessagesRepo } from '../db/repos/messages-repo';
import type { EventBus } from '../events';
import type { InboundEvent } from '../inbox/service';
import type { SettingsService } from '../settings/service';
import { decideLanguage } from './decide';
import { detectMessageLanguage, type MessageLanguage } from './detect';
import type { CustomerTextsService } from './texts-service';
import type { Voice } from '../../shared/i18n/voice';

/** How many of the customer's latest messages are read to decide. */
const WINDOW = 12;
/** Guesses kept per message id, so each message is read once however often its conversation is re-decided. */
const CACHE_SIZE = 5000;

export type LanguageSource = 'owner' | 'detected' | 'default';

export interface ContactLanguage {
  /** The language texts go out in. */
  language: CustomerLanguage;
  /** owner: chosen on the contact card; detected: from the customer's messages; default: the shop's reply language. */
  source: LanguageSource;
}

export interface LanguageDeps {
  contacts: Pick<ContactsRepo, 'get' | 'setDetectedLanguage'>;
  messages: Pick<MessagesRepo, 'recent'>;
  settings: Pick<SettingsService, 'get'>;
  events: Pick<EventBus, 'emit'>;
  clock: Pick<Clock, 'now'>;
  texts: CustomerTextsService;
}

export class CustomerLanguageService {
  /** The owner's wording of customer texts per language (Settings → Customer messages). */
  readonly texts: CustomerTextsService;

  private readonly guesses = new Map<number, MessageLanguage | null>();

  constructor(private readonly d: LanguageDeps) {
    this.texts = d.texts;
  }

  private guess(id: number, body: string): MessageLanguage | null {
    if (this.guesses.has(id)) return this.guesses.get(id)!;
    const g = detectMessageLanguage(body);
    if (this.guesses.size >= CACHE_SIZE) this.guesses.delete(this.guesses.keys().next().value!);
    this.guesses.set(id, g);
    return g;
  }

  /** The shop's default reply language, as a language Lavka has customer texts in. */
  defaultLanguage(): CustomerLanguage {
    const reply = this.d.settings.get().preferences.replyLanguage;
    return isCustomerLanguage(reply) ? reply : 'en';
  }

  /**
   * The language for a contact: the owner's choice, else the one detected from their messages, else `fallback` (an
   * order's language, read from the customer's words when it was drafted), else the shop's default.
   */
  of(contactId: number | null | undefined, fallback?: string | null): ContactLanguage {
    const c = contactId === null || contactId === undefined ? undefined : this.d.contacts.get(contactId);
    if (c && isCustomerLanguage(c.language)) return { language: c.language, source: c.languageByOwner ? 'owner' : 'detected' };
    if (isCustomerLanguage(fallback)) return { language: fallback, source: 'detected' };
    return { language: this.defaultLanguage(), source: 'default' };
  }

  /** Shorthand for `of(contactId, fallback).language`. */
  languageFor(contactId: number | null | undefined, fallback?: string | null): CustomerLanguage {
    return this.of(contactId, fallback).language;
  }

  /** How Lavka writes in `lang`: its texts with the owner's wording, money and numbers in that locale. */
  voice(lang: string | null | undefined): Voice {
    return this.d.texts.voice(lang);
  }

  /** The voice for a contact (see of()). */
  voiceFor(contactId: number | null | undefined, fallback?: string | null): Voice {
    return this.d.texts.voice(this.languageFor(contactId, fallback));
  }

  /** Inbound listener: re-decides the contact's language from their latest messages (unless the owner chose it). */
  observe(e: InboundEvent): void {
    if (e.message.direction !== 'in') return;
    const c = this.d.contacts.get(e.contactId);
    if (!c || c.languageByOwner) return;
    const latest = this.d.messages
      .recent(e.conversationId, WINDOW * 3)
      .filter((m) => m.direction === 'in' && m.channel !== 'system')
      .slice(-WINDOW);
    const decided = decideLanguage(latest.map((m) => this.guess(m.id, m.body)));
    // Not settled (yet): keep what was decided before rather than forgetting it over a few "ok"s.
    if (!decided || decided === c.language) return;
    if (this.d.contacts.setDetectedLanguage(e.contactId, decided, this.d.clock.now())) {
      this.d.events.emit('contact.updated', { contactId: e.contactId });
    }
  }
}
