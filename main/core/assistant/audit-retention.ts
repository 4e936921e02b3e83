// The assistant's log keeps a configurable period (Settings → assistant, auditKeepDays, default 180 days) and is pruned
// by the daily maintenance run, so it never grows without bound.
import type { Clock } from '../clock';
import type { AssistantRepo } from '../db/repos/assistant-repo';
import type { SettingsService } from '../settings/service';
import { ASSISTANT_SETTINGS_KEY, DEFAULT_ASSISTANT_SETTINGS, assistantSettingsSchema } from './settings';

const DAY_MS = 86_400_000;

export function pruneAssistantAudit(repo: AssistantRepo, settings: SettingsService, clock: Clock): number {
  const days = settings.section(ASSISTANT_SETTINGS_KEY, assistantSettingsSchema, DEFAULT_ASSISTANT_SETTINGS).auditKeepDays;
  if (days === 0) return 0;
  return repo.pruneAudit(clock.now() - days * DAY_MS);
}
