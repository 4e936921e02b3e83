// Figure 1: inbound messages per second through the real path (InboxService.receive: dedupe, contact lookup, new
// contact/conversation, message + FTS, inbox row) against SQLite's own limit: a prepared INSERT of the same rows into
// a bare table in the same database file, with the same one-commit-per-message durability. Storage is compared with
// storage: one message and a burst are both timed as the call a channel makes (rows, commit, the synchronous events
// after it); the inbound pipeline that call starts (language, opt-out, orders, assistant) is timed apart, as "incl.
// after-commit listeners", for one-at-a-time and burst alike.
import { statSync } from 'node:fs';
import type { App } from '../../../main/core/app';
import type { Db } from '../../../main/core/db/connection';
import type { InboundMessage } from '../../../main/core/channels/channel';
import { figure, latency, type Figure } from '../report';

const CHUNK = 500;
/** Messages that arrive together are stored this many per transaction (group commit). */
const GROUP = 50;

/** Messages per WAL-volume sample. */
const WAL_SAMPLE = 200;

/** WAL bytes per message that `store` writes, checkpoints held back meanwhile (the WAL is folded in before and after). */
function walKbPerMessage(db: Db, messages: number, store: () => void): number {
  const every = db.pragma('wal_autocheckpoint', { simple: true }) as number;
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.pragma('wal_autocheckpoint = 0');
  try {
    store();
    return statSync(`${db.name}-wal`).size / messages / 1024;
  } finally {
    db.pragma(`wal_autocheckpoint = ${every}`);
    db.pragma('wal_checkpoint(TRUNCATE)');
  }
}

/** Waits until the work other domains start after an inbound message (order capture, assistant) has finished. */
export async function settle(app: App): Promise<void> {
  await Promise.all([app.services.orderCapture.idle(), app.services.assistant.idle()]);
  for (let i = 0; i < 3; i++) await new Promise((r) => setImmediate(r));
}

export async function ingestFigures(app: App, batch: InboundMessage[]): Promise<Figure[]> {
  const { db, inbox } = app.services;
  db.exec(`DROP TABLE IF EXISTS bench_raw;
    CREATE TABLE bench_raw (id INTEGER PRIMARY KEY, channel TEXT, external_id TEXT, sender TEXT, kind TEXT, body TEXT, created_at INTEGER) STRICT`);
  const ins = db.prepare('INSERT INTO bench_raw(channel, external_id, sender, kind, body, created_at) VALUES (?, ?, ?, ?, ?, ?)');
  const rawOne = db.transaction((m: InboundMessage) => ins.run(m.channel, m.externalId, m.from.externalId, m.kind, m.body, m.at));
  const rawMany = db.transaction((ms: InboundMessage[]) => {
    for (const m of ms) ins.run(m.channel, m.externalId, m.from.externalId, m.kind, m.body, m.at);
  });

  // Interleave the two in chunks so WAL growth and checkpoints hit both alike.
  let realMs = 0;
  let listenersMs = 0;
  let rawMs = 0;
  let stored = 0;
  const perMessage: number[] = [];
  for (let from = 0; from < batch.length; from += CHUNK) {
    const chunk = batch.slice(from, from + CHUNK);
    let t = performance.now();
    for (const m of chunk) rawOne.immediate(m);
    rawMs += performance.now() - t;

    t = performance.now();
    for (const m of chunk) {
      const t1 = performance.now();
      if (inbox.receive(m).stored) stored++;
      perMessage.push(performance.now() - t1);
    }
    realMs += performance.now() - t;
    // Let after-commit listeners (order capture, assistant escalation, opt-out words) finish, as between arrivals.
    t = performance.now();
    await settle(app);
    listenersMs += performance.now() - t;
  }
  if (stored !== batch.length) throw new Error(`only ${stored} of ${batch.length} inbound messages were stored`);

  // A burst (a backfill page, a busy minute): the same kind of messages stored GROUP messages per commit. Timed like
  // the one-at-a-time figure: the call a channel makes (storage, commit, the synchronous after-commit events); the
  // inbound pipeline it starts (language, opt-out, orders, assistant) is timed apart, as "incl. listeners".
  const burst = batch.map((m) => ({ ...m, externalId: `${m.externalId}-burst` }));
  let burstMs = 0;
  let burstListenersMs = 0;
  const perGroup: number[] = [];
  for (let from = 0; from < burst.length; from += CHUNK) {
    const chunk = burst.slice(from, from + CHUNK);
    const t0 = performance.now();
    for (let g = 0; g < chunk.length; g += GROUP) {
      const t1 = performance.now();
      const r = inbox.receiveMany(chunk.slice(g, g + GROUP));
      perGroup.push(performance.now() - t1);
      if (r.some((x) => !x.stored)) throw new Error('a burst message was not stored');
    }
    burstMs += performance.now() - t0;
    const t1 = performance.now();
    await settle(app);
    burstListenersMs += performance.now() - t1;
  }
  const burstRate = (burst.length / burstMs) * 1000;

  // What each way writes to the WAL per message (every written page goes there, and later into the file at a
  // checkpoint): unlike the rates, this does not move with the machine's load.
  const sample = batch.slice(0, WAL_SAMPLE);
  const walRaw = walKbPerMessage(db, sample.length, () => sample.forEach((m) => rawOne.immediate(m)));
  const walOne = walKbPerMessage(db, sample.length, () =>
    sample.forEach((m) => inbox.receive({ ...m, externalId: `${m.externalId}-wal1` })),
  );
  const walBurst = walKbPerMessage(db, sample.length, () => {
    for (let g = 0; g < sample.length; g += GROUP)
      inbox.receiveMany(sample.slice(g, g + GROUP).map((m) => ({ ...m, externalId: `${m.externalId}-walN` })));
  });
  await settle(app);

  db.exec('DELETE FROM bench_raw');
  const t = performance.now();
  for (let from = 0; from < batch.length; from += 10_000) rawMany.immediate(batch.slice(from, from + 10_000));
  const batchedMs = performance.now() - t;
  db.exec('DROP TABLE bench_raw');

  const realRate = (batch.length / realMs) * 1000;
  const rawRate = (batch.length / rawMs) * 1000;
  const batchedRate = (batch.length / batchedMs) * 1000;
  return [
    figure(
      'ingest: real inbound path',
      realRate,
      'msg/s',
      undefined,
      `${batch.length.toLocaleString('en')} msgs via InboxService.receive, 1 commit each`,
    ),
    figure(
      'ingest: incl. after-commit listeners',
      (batch.length / (realMs + listenersMs)) * 1000,
      'msg/s',
      undefined,
      'receive() plus what other domains do after each message (order capture, assistant, opt-out)',
    ),
    figure('ingest: raw INSERT, bare table', rawRate, 'msg/s', undefined, 'same rows, same file, 1 commit each'),
    figure(
      'ingest: real / raw, one commit each',
      (realRate / rawRate) * 100,
      '%',
      undefined,
      'every message its own transaction (a quiet day: messages one at a time)',
    ),
    figure(
      `ingest: burst, ${GROUP} per commit`,
      burstRate,
      'msg/s',
      undefined,
      'InboxService.receiveMany: same dedupe and rows, one transaction per group',
    ),
    figure(
      'ingest: burst / raw',
      (burstRate / rawRate) * 100,
      '%',
      { min: 50 },
      'storage vs storage: receiveMany (dedupe, contact, conversation, message + search index, commit) vs raw inserts, 1 commit each; listeners apart',
    ),
    figure(
      `ingest: burst incl. after-commit listeners`,
      (burst.length / (burstMs + burstListenersMs)) * 1000,
      'msg/s',
      undefined,
      'receiveMany plus the inbound pipeline each stored message starts (language, opt-out, orders, assistant)',
    ),
    ...latency(
      'ingest: one receive()',
      perMessage,
      5,
      `${perMessage.length} samples; WAL checkpoints run after commits (db/checkpoints.ts), for the raw inserts alike`,
    ),
    figure('ingest: one receive() max', Math.max(...perMessage), 'ms', undefined, 'the slowest one, for the tail the p99 leaves out'),
    ...latency(`ingest: one group of ${GROUP} (burst)`, perGroup),
    figure('ingest: WAL per message, raw', walRaw, 'KB', undefined, `${WAL_SAMPLE} raw inserts, 1 commit each`),
    figure('ingest: WAL per message, one receive()', walOne, 'KB', undefined, `${WAL_SAMPLE} messages, 1 commit each`),
    figure(`ingest: WAL per message, burst`, walBurst, 'KB', undefined, `${WAL_SAMPLE} messages, ${GROUP} per commit`),
    figure('ingest: raw INSERT, 10k per commit', batchedRate, 'msg/s', undefined, 'bulk-import ceiling, for scale'),
  ];
}
