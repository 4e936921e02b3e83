// The inbox tabs stay instant in a big shop because each list query starts from the right index. A shop with tens of
// thousands of resolved conversations once paid ~8 ms per Resolved-tab open for its two pinned rows: the planner
// walked every resolved conversation to find them. These tests read the plan of the SQL the repository really runs.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../../main/core/db/connection';
import { makeTestApp, type TestApp } from '../../helpers/test-app';

let t: TestApp;
let ran: string[];

beforeEach(async () => {
  t = await makeTestApp({ startWorkers: false });
  ran = [];
  const db: Db = t.app.services.db;
  const prepare = db.prepare.bind(db);
  db.prepare = (sql: string) => (ran.push(sql), prepare(sql));
});
afterEach(async () => t.close());

/** The query plans of every statement the call prepared (cached statements were prepared by an earlier call). */
function plansOf(db: Db): string[] {
  return ran
    .filter((sql) => /^\s*SELECT/i.test(sql))
    .map((sql) => {
      const params = new Array<null>((sql.match(/\?/g) ?? []).length).fill(null);
      return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((p) => p.detail).join(' | ');
    });
}

describe('inbox tab query plans', () => {
  it.each(['resolved', 'open', 'active'] as const)(
    'the pinned rows of the %s tab come from the pinned index, not a walk over the tab',
    async (state) => {
      const result = await t.call('inbox.list', { state, limit: 50 });
      expect(result.pinned).toEqual([]);
      const plans = plansOf(t.app.services.db);
      const pinned = plans.filter((p) => /conversations_pinned/.test(p));
      expect(pinned.length).toBeGreaterThan(0);
      // The list of the rest still walks the tab's own index in activity order.
      expect(plans.some((p) => /conversations_state/.test(p))).toBe(true);
    },
  );

  it('pinned rows still obey the tab: a pinned resolved conversation shows on Resolved, not on Active', async () => {
    const r = await t.call('sandbox.say', { name: 'Olga', text: 'Hello' });
    const id = r.conversationId!;
    await t.call('conversations.pin', { conversationId: id, pinned: true });
    await t.call('conversations.setState', { conversationId: id, state: 'resolved' });
    expect((await t.call('inbox.list', { state: 'resolved' })).pinned.map((c) => c.id)).toEqual([id]);
    expect((await t.call('inbox.list', { state: 'active' })).pinned).toEqual([]);
  });
});
