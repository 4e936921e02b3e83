// The owner's reminder settings: quiet hours, the catch-up policy after Lavka was closed, and the automatic rules.
// Automatic rules start switched off: Lavka never writes to customers on its own until the owner says so.
import { z } from 'zod';
import type { OpeningHours } from '../settings/schema';
import type { QuietHours } from '../../shared/opening-hours';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use HH:MM, e.g. 09:00');
const template = z.string().max(2000);

export const remindersSettingsSchema = z.object({
  quietHours: z.object({
    /** fixed: no sends between start and end; opening_hours: only while the shop is open; off: any time. */
    mode: z.enum(['fixed', 'opening_hours', 'off']),
    start: hhmm,
    end: hhmm,
  }),
  /** After Lavka was closed: a reminder at most this late still goes out; a later one is marked missed. */
  catchUpMinutes: z
    .number()
    .int()
    .min(0)
    .max(7 * 24 * 60),
  rules: z.object({
    unpaidOrder: z.object({
      enabled: z.boolean(),
      delayHours: z
        .number()
        .int()
        .min(1)
        .max(24 * 30),
      template,
    }),
    followUp: z.object({
      enabled: z.boolean(),
      delayHours: z
        .number()
        .int()
        .min(1)
        .max(24 * 30),
      template,
    }),
    reorder: z.object({ enabled: z.boolean(), delayDays: z.number().int().min(1).max(365), template }),
  }),
});
export type RemindersSettings = z.infer<typeof remindersSettingsSchema>;

export const SETTINGS_KEY = 'reminders';

export const DEFAULT_REMINDERS_SETTINGS: RemindersSettings = {
  quietHours: { mode: 'fixed', start: '21:00', end: '09:00' },
  catchUpMinutes: 120,
  rules: {
    unpaidOrder: { enabled: false, delayHours: 24, template: '' },
    followUp: { enabled: false, delayHours: 48, template: '' },
    reorder: { enabled: false, delayDays: 30, template: '' },
  },
};

export function quietHoursOf(s: RemindersSettings, openingHours: OpeningHours): QuietHours {
  const q = s.quietHours;
  if (q.mode === 'off') return { mode: 'off' };
  if (q.mode === 'opening_hours') return { mode: 'opening_hours', hours: openingHours };
  return { mode: 'fixed', start: q.start, end: q.end };
}
