// The definitions behind the Reports page, written once. The SQL (reports-repo.ts) finds the rows; these functions
// turn them into figures. Pure: no database, no clock.
//
// FIRST RESPONSE. A customer starts *waiting* with a message written after the shop's last reply (or their first
// message ever); further messages before a reply belong to the same wait (a "waiting spell"). The first response is
// the first message after that written by the owner or by the assistant (Auto). Reminders, order status notices,
// opt-out confirmations and system notes are not responses. First response time = reply time − the spell's first
// message. A spell belongs to the period in which the customer started waiting, to the hour of day (shop's time
// zone) and to the channel of that first message, and to whoever answered (owner or assistant).
//
// RESOLUTION (Lavka has no conversation states yet). A *matter* is one or more waiting spells of a customer, each
// following the shop's previous reply within 7 days. A matter is *resolved* when the shop replied and the customer
// did not write again within 7 days of that reply; until 7 days have passed it is *too early to tell*; a matter
// whose customer still waits is *unanswered*.
// - First-contact resolution: resolved matters settled in one round (one spell, one reply) / resolved matters.
// - Resolution time: from the matter's first customer message to the shop's last reply in it (resolved matters).
// - Reopen rate: resolved matters in which the customer came back after a day or more of quiet (between 24 h and
//   7 days after a reply) / resolved matters — "it looked done, but was not".
//
// CONTAINMENT (handled by Auto without the owner). A conversation in which the customer started waiting during the
// period and every one of those waits got its first reply from the assistant.
//
// CUSTOMERS in a period: those who started waiting in it (wrote after the shop's last reply, or for the first time).
// New: their conversation with the shop began in the period; returning: it began before.
//
// Percentiles interpolate linearly between neighbours (the median of 1, 2, 3, 4 minutes is 2.5 minutes).
import {
  CONTINUES,
  REPLIED_BY_ASSISTANT,
  REPLIED_BY_OWNER,
  WROTE_AGAIN_LATER,
  WROTE_AGAIN_WITHIN_7D,
  type Customers,
  type SpellStarts,
  type Spells,
} from './rows';
import type { HourOfDay } from './period';

export const MIN = 60_000;
export const HOUR = 60 * MIN;
export const DAY = 24 * HOUR;
/** Customer silence after a reply that closes a matter. */
export const RESOLVED_AFTER = 7 * DAY;
/** Quiet after a reply that makes a customer's return count as a reopen. */
export const REOPEN_QUIET = DAY;

export interface Stat {
  n: number;
  /** Milliseconds; null when there is nothing to measure. */
  median: number | null;
  p90: number | null;
}

export function percentile(sorted: ArrayLike<number>, p: number): number | null {
  if (sorted.length === 0) return null;
  const pos = ((sorted.length - 1) * p) / 100;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return Math.round(sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo));
}

export function stat(values: number[]): Stat {
  const s = Float64Array.from(values).sort();
  return { n: s.length, median: percentile(s, 50), p90: percentile(s, 90) };
}

export interface SpeedFigures {
  /** Customers who started waiting in the period. */
  spells: number;
  answered: number;
  within5m: number;
  within1h: number;
  all: Stat;
  owner: Stat;
  assistant: Stat;
  byHour: { hour: number; spells: number; owner: Stat; assistant: Stat }[];
  byChannel: { channel: string; spells: number; all: Stat; owner: Stat; assistant: Stat }[];
}

interface Waits {
  spells: number;
  /** Each in ascending order. */
  all: number[];
  owner: number[];
  assistant: number[];
}

const waitsOf = (): Waits => ({ spells: 0, all: [], owner: [], assistant: [] });

function add(w: Waits, wait: number, replier: number): void {
  w.all.push(wait);
  if (replier === REPLIED_BY_OWNER) w.owner.push(wait);
  else if (replier === REPLIED_BY_ASSISTANT) w.assistant.push(wait);
}

function statOfSorted(sorted: number[]): Stat {
  return { n: sorted.length, median: percentile(sorted, 50), p90: percentile(sorted, 90) };
}

/**
 * One pass over the spells (a big shop has tens of thousands a month), then one sort of the period's waits instead
 * of one per group: each wait's sort key also names its group (who answered × hour × channel), so every group
 * receives its waits already in order.
 */
export function speedFigures(spells: Spells, from: number, to: number, hours: HourOfDay): SpeedFigures {
  const total = waitsOf();
  const byHour = Array.from({ length: 24 }, waitsOf);
  // The period's channels in order of their first spell in it.
  const channelIndex = new Int32Array(spells.channels.length).fill(-1);
  const byChannel: { channel: string; w: Waits }[] = [];
  const waits: number[] = [];
  /** Per wait: its group, channel × 72 + replier × 24 + hour (replier 0: none, 1: owner, 2: assistant). */
  const groups: number[] = [];
  for (let i = 0; i < spells.length; i++) {
    const startAt = spells.startAt[i];
    if (startAt < from || startAt >= to) continue;
    const hour = hours.hour(startAt);
    let c = channelIndex[spells.channel[i]];
    if (c < 0) {
      channelIndex[spells.channel[i]] = c = byChannel.length;
      byChannel.push({ channel: spells.channels[spells.channel[i]], w: waitsOf() });
    }
    total.spells++;
    byHour[hour].spells++;
    byChannel[c].w.spells++;
    const replyAt = spells.replyAt[i];
    if (Number.isNaN(replyAt)) continue;
    waits.push(replyAt - startAt);
    groups.push(c * 72 + spells.replier[i] * 24 + hour);
  }
  const sorted = sortedWaits(waits, groups, 72 * Math.max(1, byChannel.length));
  for (let k = 0; k < sorted.wait.length; k++) {
    const wait = sorted.wait[k];
    const g = sorted.group[k] % 72;
    const replier = Math.floor(g / 24);
    add(total, wait, replier);
    add(byHour[g % 24], wait, replier);
    add(byChannel[Math.floor(sorted.group[k] / 72)].w, wait, replier);
  }
  const waitStats = (w: Waits) => ({ all: statOfSorted(w.all), owner: statOfSorted(w.owner), assistant: statOfSorted(w.assistant) });
  return {
    spells: total.spells,
    answered: total.all.length,
    within5m: total.all.filter((w) => w <= 5 * MIN).length,
    within1h: total.all.filter((w) => w <= HOUR).length,
    ...waitStats(total),
    byHour: byHour.map((h, hour) => ({ hour, spells: h.spells, owner: statOfSorted(h.owner), assistant: statOfSorted(h.assistant) })),
    byChannel: byChannel.sort((a, b) => b.w.spells - a.w.spells).map(({ channel, w }) => ({ channel, spells: w.spells, ...waitStats(w) })),
  };
}

/**
 * The waits in ascending order, each with its group. Packs both into one number (wait × groups + group) and sorts
 * those natively — several times faster than a comparator, which remains for waits that do not pack exactly.
 */
function sortedWaits(waits: number[], group: number[], groups: number): { wait: number[]; group: number[] } {
  const n = waits.length;
  let packable = true;
  for (const w of waits) if (!Number.isInteger(w) || w < 0 || !Number.isSafeInteger((w + 1) * groups)) packable = false;
  if (!packable) {
    const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => waits[a] - waits[b]);
    return { wait: order.map((i) => waits[i]), group: order.map((i) => group[i]) };
  }
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = waits[i] * groups + group[i];
  keys.sort();
  const out = { wait: new Array<number>(n), group: new Array<number>(n) };
  for (let i = 0; i < n; i++) {
    const g = keys[i] % groups;
    out.group[i] = g;
    out.wait[i] = (keys[i] - g) / groups;
  }
  return out;
}

export interface ResolutionFigures {
  /** Matters that began in the period. */
  matters: number;
  resolved: number;
  firstContact: number;
  reopened: number;
  /** Replied, but 7 days have not passed yet. */
  tooEarly: number;
  /** The customer is still waiting for a reply. */
  unanswered: number;
  time: Stat;
}

/**
 * Matters from waiting spells (sorted by conversation, then time), judged at `now`: a last reply less than 7 days
 * ago, with nothing after, cannot be judged yet.
 */
export function resolutionFigures(spells: Spells, from: number, to: number, now: number): ResolutionFigures {
  const out: ResolutionFigures = { matters: 0, resolved: 0, firstContact: 0, reopened: 0, tooEarly: 0, unanswered: 0, time: stat([]) };
  const { conversationId, startAt, replyAt, flags } = spells;
  const times: number[] = [];
  let i = 0;
  while (i < spells.length) {
    const first = i;
    let j = i;
    let reopened = false;
    // Follow the chain: the next spell continues this matter when it started within 7 days of the reply before it
    // (a spell still waiting, NaN, continues nothing).
    while (j + 1 < spells.length && conversationId[j + 1] === conversationId[first] && startAt[j + 1] - replyAt[j] <= RESOLVED_AFTER) {
      if (startAt[j + 1] - replyAt[j] >= REOPEN_QUIET) reopened = true;
      j++;
    }
    const last = j;
    i = j + 1;
    // A spell that follows a reply within 7 days continues a matter that began before it.
    if (flags[first] & CONTINUES || startAt[first] < from || startAt[first] >= to) continue;
    out.matters++;
    if (Number.isNaN(replyAt[last])) {
      out.unanswered++;
      continue;
    }
    const settled =
      flags[last] & (WROTE_AGAIN_LATER | WROTE_AGAIN_WITHIN_7D)
        ? (flags[last] & WROTE_AGAIN_LATER) !== 0
        : now - replyAt[last] >= RESOLVED_AFTER;
    if (!settled) {
      out.tooEarly++;
      continue;
    }
    out.resolved++;
    if (last === first) out.firstContact++;
    if (reopened) out.reopened++;
    times.push(replyAt[last] - startAt[first]);
  }
  out.time = stat(times);
  return out;
}

export interface CustomersFigures {
  total: number;
  new: number;
  returning: number;
  byChannel: { channel: string; new: number; returning: number }[];
  byLanguage: { language: string; n: number }[];
}

/**
 * Customers who started waiting in [from, to) — the spells may cover more — new or returning, by every channel
 * they wrote on and by language. Equal counts are listed by name.
 */
export function customerFigures(spells: SpellStarts, customers: Customers, from: number, to: number): CustomersFigures {
  // Who wrote, and on which channels: each (conversation, channel) pair once, as one number.
  const width = Math.max(1, spells.channels.length);
  const pairs = new Set<number>();
  for (let i = 0; i < spells.startAt.length; i++) {
    if (spells.startAt[i] < from || spells.startAt[i] >= to) continue;
    pairs.add(spells.conversationId[i] * width + spells.channel[i]);
  }
  const perChannel = spells.channels.map(() => ({ new: 0, returning: 0 }));
  const counted = new Set<number>();
  const languages = new Map<string, number>();
  let fresh = 0;
  for (const pair of pairs) {
    const channel = pair % width;
    const id = (pair - channel) / width;
    const who = customers.get(id);
    if (!who) continue;
    const isNew = who.createdAt >= from;
    if (isNew) perChannel[channel].new++;
    else perChannel[channel].returning++;
    if (counted.has(id)) continue;
    counted.add(id);
    if (isNew) fresh++;
    languages.set(who.language, (languages.get(who.language) ?? 0) + 1);
  }
  const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return {
    total: counted.size,
    new: fresh,
    returning: counted.size - fresh,
    byChannel: spells.channels
      .map((channel, i) => ({ channel, ...perChannel[i] }))
      .filter((c) => c.new + c.returning > 0)
      .sort((a, b) => b.new + b.returning - (a.new + a.returning) || byName(a.channel, b.channel)),
    byLanguage: [...languages.entries()]
      .map(([language, n]) => ({ language, n }))
      .sort((a, b) => b.n - a.n || byName(a.language, b.language)),
  };
}
