// When to restart WhatsApp's browser on purpose: Chrome grows over days of running 24/7, so Lavka restarts it (the
// link to the phone is kept) during the shop's quiet hour once it is too big or has run too long. Pure decisions.

export interface MaintenancePolicy {
  /** Hour of the day (0–23, the shop's time zone) when a routine restart may happen. */
  quietHour: number;
  /** Restart when the browser uses more than this. */
  memoryLimitBytes: number;
  /** Restart when the browser has run longer than this. */
  maxUptimeMs: number;
  timeZone: string;
}

export interface BrowserFacts {
  now: number;
  startedAt: number;
  memoryBytes: number | null;
  /** When the last routine restart happened: at most one per day, even if the browser is big right after starting. */
  lastRestartAt: number | null;
  /** A message is being handed to WhatsApp right now: never restart under it. */
  sending: boolean;
}

const DAY = 86_400_000;

/** Why the browser should be restarted now, or null. */
export function routineRestartReason(p: MaintenancePolicy, f: BrowserFacts): string | null {
  if (f.sending || hourIn(f.now, p.timeZone) !== p.quietHour) return null;
  if (f.lastRestartAt !== null && f.now - f.lastRestartAt < DAY - 2 * 3_600_000) return null;
  if (f.memoryBytes !== null && f.memoryBytes > p.memoryLimitBytes) {
    return `Routine restart of the WhatsApp browser: it used ${megabytes(f.memoryBytes)} MB (limit ${megabytes(p.memoryLimitBytes)} MB)`;
  }
  if (f.now - f.startedAt > p.maxUptimeMs) {
    return `Routine restart of the WhatsApp browser after ${Math.floor((f.now - f.startedAt) / DAY)} days of running`;
  }
  return null;
}

/** The hour of the day (0–23) at `now` in a time zone; an unknown zone falls back to UTC rather than throwing. */
export function hourIn(now: number, timeZone: string): number {
  try {
    const parts = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', hourCycle: 'h23' }).formatToParts(now);
    return Number(parts.find((x) => x.type === 'hour')?.value ?? new Date(now).getUTCHours());
  } catch {
    return new Date(now).getUTCHours();
  }
}

export function megabytes(bytes: number): number {
  return Math.round(bytes / 1_048_576);
}
