// The assistant's log keeps a configurable period (default 180 days) and the daily maintenance run prunes it.
import { describe, expect, it } from 'vitest';
import { makeTestApp } from '../../helpers/test-app';
import { pruneAssistantAudit } from '../../../main/core/assistant/audit-retention';
import { ASSISTANT_SETTINGS_KEY, DEFAULT_ASSISTANT_SETTINGS, assistantSettingsSchema } from '../../../main/core/assistant/settings';

const DAY = 86_400_000;

describe('assistant audit retention', () => {
  it('keeps 180 days by default, prunes older entries in the daily run, and follows the configured period', async () => {
    const t = await makeTestApp({ startWorkers: false });
    try {
      const s = t.app.services;
      const now = t.clock.now();
      const add = (ageDays: number) =>
        s.db
          .prepare("INSERT INTO assistant_audit(at, conversation_id, event, detail) VALUES (?, NULL, 'held', ?)")
          .run(now - ageDays * DAY, `${ageDays} days old`);
      // Ages as of now; the daily run comes about a day later.
      for (const age of [1, 178, 182, 400]) add(age);
      const left = () =>
        (s.db.prepare('SELECT detail FROM assistant_audit ORDER BY at DESC').all() as { detail: string }[]).map((r) => r.detail);

      // The daily maintenance run (backups' timer) prunes it: start the background work and move a day on.
      s.backup.start();
      t.clock.advance(DAY + 60 * 60_000);
      await s.backup.whenIdle();
      await new Promise((r) => setImmediate(r));
      expect(left()).toEqual(['1 days old', '178 days old']);

      s.settings.setSection(ASSISTANT_SETTINGS_KEY, assistantSettingsSchema, { ...DEFAULT_ASSISTANT_SETTINGS, auditKeepDays: 30 });
      expect(pruneAssistantAudit(s.repos.assistant, s.settings, t.clock)).toBe(1);
      expect(left()).toEqual(['1 days old']);
      s.settings.setSection(ASSISTANT_SETTINGS_KEY, assistantSettingsSchema, { ...DEFAULT_ASSISTANT_SETTINGS, auditKeepDays: 0 });
      add(5000);
      expect(pruneAssistantAudit(s.repos.assistant, s.settings, t.clock)).toBe(0);
    } finally {
      await t.close();
    }
  });
});
