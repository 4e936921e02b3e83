// The WAL is folded into the database file after the inbox's commits, not inside one: a message's commit never waits
// for a checkpoint, and the main file still catches up as soon as the work yields.
import { statSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from '../../helpers/test-app';

let t: TestApp;
afterEach(async () => t?.close());

const message = (i: number) => ({
  channel: 'telegram',
  externalId: `c${i}`,
  from: { externalId: `sender-${i % 3}`, display: 'Anna' },
  kind: 'text' as const,
  // Long enough that every message needs new pages in the file.
  body: `order ${i} `.repeat(2_000),
  at: Date.parse('2026-03-02T08:00:00Z') + i,
});

describe('WAL checkpoints after the inbox commits', () => {
  it('leaves the main file alone during the commits and folds the WAL in once the work yields', async () => {
    t = await makeTestApp();
    const s = t.app.services;
    const file = s.db.name;
    s.db.pragma('wal_checkpoint(TRUNCATE)');
    const before = statSync(file).size;
    for (let i = 0; i < 5; i++) expect(s.inbox.receive(message(i)).stored).toBe(true);
    expect(statSync(file).size).toBe(before);
    t.clock.advance(1_000);
    expect(statSync(file).size).toBeGreaterThan(before);
    expect(s.db.pragma('wal_autocheckpoint', { simple: true })).toBe(10_000);
  });

  it('after many commits in a row, runs at the first chance instead of waiting for a quiet second', async () => {
    t = await makeTestApp();
    const s = t.app.services;
    const file = s.db.name;
    s.db.pragma('wal_checkpoint(TRUNCATE)');
    const before = statSync(file).size;
    for (let i = 0; i < 40; i++) s.inbox.receive(message(i));
    expect(statSync(file).size).toBe(before);
    t.clock.advance(0);
    expect(statSync(file).size).toBeGreaterThan(before);
  });

  it('also folds in what other domains write after the inbox, a quiet second later, and then rests', async () => {
    t = await makeTestApp();
    const s = t.app.services;
    const file = s.db.name;
    s.inbox.receive(message(0));
    t.clock.advance(1_000);
    const afterInbox = statSync(file).size;
    // A reaction elsewhere (here: a large setting) commits without telling the checkpoints.
    s.db.prepare('INSERT INTO settings(key, value) VALUES (?, ?)').run('test.large', 'x'.repeat(200_000));
    expect(statSync(file).size).toBe(afterInbox);
    t.clock.advance(1_000);
    expect(statSync(file).size).toBeGreaterThan(afterInbox);
  });
});
