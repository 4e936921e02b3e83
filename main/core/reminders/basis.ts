// What every reminder computation reads: the settings (parsed once, kept until the owner changes them), the shop's
// time zone and quiet hours, and the customer's language and the texts' placeholders in it.
import type { CustomerLanguageService } from '../language/service';
import type { Voice } from '../../shared/i18n/voice';
import type { OrderFacts } from '../db/repos/reminder-orders-repo';
import type { SettingsService } from '../settings/service';
import { formatWhen, type TemplateVars } from './templates';
import { nextAllowed, type QuietHours } from '../../shared/opening-hours';
import { DEFAULT_REMINDERS_SETTINGS, SETTINGS_KEY, quietHoursOf, remindersSettingsSchema, type RemindersSettings } from './settings';

/** The settings firing needs, read once and kept until the owner changes settings (parsing them is not free). */
interface Snapshot {
  reminders: RemindersSettings;
  timeZone: string;
  quiet: QuietHours;
  businessName: string;
  region: string;
}

export class ReminderBasis {
  private snap: Snapshot | null = null;

  constructor(
    private readonly settings: Pick<SettingsService, 'get' | 'section'>,
    private readonly languages: Pick<CustomerLanguageService, 'languageFor' | 'voice'>,
  ) {}

  /** The owner changed settings: read them again on next use. */
  forget(): void {
    this.snap = null;
  }

  private snapshot(): Snapshot {
    if (!this.snap) {
      const app = this.settings.get();
      const reminders = this.settings.section(SETTINGS_KEY, remindersSettingsSchema, DEFAULT_REMINDERS_SETTINGS);
      this.snap = {
        reminders,
        timeZone: app.business.timeZone,
        quiet: quietHoursOf(reminders, app.business.openingHours),
        businessName: app.business.name,
        region: app.business.region,
      };
    }
    return this.snap;
  }

  settingsNow(): RemindersSettings {
    return this.snapshot().reminders;
  }

  timeZone(): string {
    return this.snapshot().timeZone;
  }

  /** The earliest moment at or after `ms` when a reminder may go out under the current quiet hours. */
  allowedAt(ms: number): number {
    const snap = this.snapshot();
    return nextAllowed(ms, snap.timeZone, snap.quiet);
  }

  /** The customer's language (see CustomerLanguageService): the owner's choice or detected, else the order's, else the shop's. */
  languageFor(contactId: number | undefined, order: OrderFacts | undefined): string {
    return this.languages.languageFor(contactId, order?.language);
  }

  /** How reminders are written in `lang`: built-in texts with the owner's wording, money in that locale. */
  voice(lang: string): Voice {
    return this.languages.voice(lang);
  }

  /** The values of a text's placeholders ({name}, {date}, {order}, {total}, {business}) in `lang`. */
  vars(name: string, order: OrderFacts | undefined, when: number, lang: string, tz: string): TemplateVars {
    const snap = this.snapshot();
    const vars: TemplateVars = { name, business: snap.businessName, date: formatWhen(when, lang, tz, snap.region) };
    if (order) {
      vars.order = String(order.number ?? order.id);
      vars.total = this.voice(lang).money(order.totalMinor, order.currency);
    }
    return vars;
  }
}
