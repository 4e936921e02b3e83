// What the settings API methods answer: the declared output of each method (JSON-safe by type, checked in tests).
// The renderer sees these through the contract's types; handlers must return values that fit them.
import { z } from 'zod';
import { UI_LANGUAGE_CODES } from '../../shared/ui-languages';

/** One day's opening hours ('HH:MM'), null when closed. */
const dayHours = z.strictObject({ open: z.string(), close: z.string() }).nullable();

/**
 * Structural, not the setup form's schema: before setup the stored profile is the empty default, which the form's
 * rules (a business name is required) would refuse.
 */
export const AppSettingsSchema = z.strictObject({
  setupDone: z.boolean(),
  business: z.strictObject({
    name: z.string(),
    description: z.string(),
    currency: z.string(),
    timeZone: z.string(),
    region: z.string(),
    openingHours: z.strictObject({
      mon: dayHours,
      tue: dayHours,
      wed: dayHours,
      thu: dayHours,
      fri: dayHours,
      sat: dayHours,
      sun: dayHours,
    }),
    address: z.string(),
    phone: z.string(),
  }),
  preferences: z.strictObject({ uiLanguage: z.enum(UI_LANGUAGE_CODES), replyLanguage: z.string() }),
});

export const AppInfoOutput = z.strictObject({ version: z.string(), setupDone: z.boolean(), dataDir: z.string(), now: z.number() });
