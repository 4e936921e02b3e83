// Builds the reports domain: the read-only report queries and the recorder of what the owner does with suggestions.
import type { Clock } from '../clock';
import type { Db } from '../db/connection';
import type { EventBus } from '../events';
import type { SettingsService } from '../settings/service';
import { ReportsRepo } from './reports-repo';
import { ReportsService } from './service';
import { SpellsBuilder } from './spells';
import { SuggestionTracker } from './suggestions';

export type { ReportsService };

/** Messages read per background slice: ~20 ms of work, so an API call or an arriving message waits at most that. */
const SLICE_MESSAGES = 1000;
/** Pause between background slices, so messages arriving meanwhile are stored without waiting. */
const SLICE_PAUSE_MS = 20;
/** The first slice waits until start-up is over: the first inbox page is served without sharing the process. */
const START_DELAY_MS = 3000;
/** Once caught up, look again this often, so opening Reports after a busy week has little left to read. */
const IDLE_MS = 5 * 60_000;

export function createReportsDomain(d: { db: Db; clock: Clock; events: EventBus; settings: SettingsService }) {
  const repo = new ReportsRepo(d.db);
  const spells = new SpellsBuilder(d.db);
  const tracker = new SuggestionTracker(d.events, repo, d.clock);
  let timer: unknown = null;
  let stopped = false;
  // Reads history into report_spells in small slices while Lavka runs (a big shop's first start: ~2M messages),
  // so no report call and no incoming message waits for it; then every few minutes. A report call also catches up.
  const slice = () => {
    timer = null;
    if (stopped) return;
    let done = false;
    try {
      done = spells.catchUp(SLICE_MESSAGES);
    } catch (err) {
      console.error('[reports] reading messages into reports failed', err);
      return;
    }
    timer = d.clock.setTimeout(slice, done ? IDLE_MS : SLICE_PAUSE_MS);
  };
  return {
    reports: new ReportsService(repo, spells, d.settings, d.clock),
    spells,
    start: () => {
      if (!stopped && timer === null) timer = d.clock.setTimeout(slice, START_DELAY_MS);
    },
    stop: () => {
      stopped = true;
      if (timer !== null) d.clock.clearTimeout(timer);
      tracker.stop();
    },
  };
}
