// Builds the reports domain: the read-only report queries and the recorder of what the owner does with suggestions.
import type { Clock } from '../clock';
import type { Db } from '../db/connection';
import type { EventBus } from '../events';
import type { SettingsService } from '../settings/service';
import { ReportsRepo } from './reports-repo';
import { ReportsService } from './service';
import { SuggestionTracker } from './suggestions';

export type { ReportsService };

export function createReportsDomain(d: { db: Db; clock: Clock; events: EventBus; settings: SettingsService }) {
  const repo = new ReportsRepo(d.db);
  const tracker = new SuggestionTracker(d.events, repo, d.clock);
  return { reports: new ReportsService(repo, d.settings, d.clock), stop: () => tracker.stop() };
}
