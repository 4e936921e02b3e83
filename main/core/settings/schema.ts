// The business profile and app preferences the owner sets in first-run setup and in Settings.
import { z } from 'zod';
import { UI_LANGUAGE_CODES } from '../../shared/ui-languages';
import { DEFAULT_HOURS, WEEKDAYS, type WeekHours } from '../../shared/opening-hours';

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use HH:MM, e.g. 09:00');
const dayHours = z.object({ open: time, close: time }).nullable();
export { WEEKDAYS };

export const openingHoursSchema = z.object({
  mon: dayHours,
  tue: dayHours,
  wed: dayHours,
  thu: dayHours,
  fri: dayHours,
  sat: dayHours,
  sun: dayHours,
}) satisfies z.ZodType<WeekHours>;
export type OpeningHours = WeekHours;

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export const businessSchema = z.object({
  name: z.string().trim().min(1, 'Business name is required').max(120),
  description: z.string().trim().max(2000).default(''),
  currency: z.string().regex(/^[A-Z]{3}$/, 'Use a 3-letter currency code, e.g. EUR'),
  timeZone: z.string().refine(isTimeZone, 'Unknown time zone'),
  /** ISO 3166 region used to read local phone numbers (e.g. "8 912…" in RU). */
  region: z.string().regex(/^[A-Z]{2}$/, 'Use a 2-letter country code, e.g. DE'),
  openingHours: openingHoursSchema,
  address: z.string().max(500).default(''),
  phone: z.string().max(60).default(''),
});
export type BusinessProfile = z.infer<typeof businessSchema>;

export const preferencesSchema = z.object({
  uiLanguage: z.enum(UI_LANGUAGE_CODES),
  /** Language Lavka writes to customers in when it cannot tell theirs. */
  replyLanguage: z.string().regex(/^[a-z]{2}$/),
});
export type Preferences = z.infer<typeof preferencesSchema>;

export const setupSchema = z.object({ business: businessSchema, preferences: preferencesSchema });
export type SetupInput = z.input<typeof setupSchema>;

export interface AppSettings {
  setupDone: boolean;
  business: BusinessProfile;
  preferences: Preferences;
}

export { DEFAULT_HOURS };

export const DEFAULT_SETTINGS: AppSettings = {
  setupDone: false,
  business: {
    name: '',
    description: '',
    currency: 'EUR',
    timeZone: 'UTC',
    region: 'DE',
    openingHours: DEFAULT_HOURS,
    address: '',
    phone: '',
  },
  preferences: { uiLanguage: 'en', replyLanguage: 'en' },
};
