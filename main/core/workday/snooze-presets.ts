// "Snooze for an hour / until tomorrow morning / until Monday morning", worked out in the shop's time zone so
// "9:00" is the shop's 9:00 whatever the computer's zone, and stepping local days keeps 9:00 across DST.
import { addDays, fromLocal, toLocal, weekdayIndex } from '../../shared/zoned-time';

export const SNOOZE_PRESETS = ['hour', 'tomorrow', 'monday'] as const;
export type SnoozePreset = (typeof SNOOZE_PRESETS)[number];

const MORNING = { hour: 9, minute: 0 };

export function snoozeUntil(preset: SnoozePreset, now: number, timeZone: string): number {
  if (preset === 'hour') return now + 3_600_000;
  const today = { ...toLocal(now, timeZone), ...MORNING };
  // Monday → the coming Monday (a week on when today is Monday).
  const days = preset === 'tomorrow' ? 1 : 7 - weekdayIndex(today);
  return fromLocal(addDays(today, days), timeZone);
}
