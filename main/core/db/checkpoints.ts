// Folds the WAL back into the database file in the moment after writes instead of inside one of them. SQLite's own
// checkpoint runs in the commit that crosses its threshold: that one message waited for ~1,000 pages and two fsyncs.
import type { Clock } from '../clock';
import type { Db } from './connection';

/**
 * SQLite still checkpoints inside a commit once the WAL holds this many pages (40 MB): only a long stream of writes
 * with no moment in between gets that far (arrivals that come together are stored in one transaction).
 */
export const BACKSTOP_PAGES = 10_000;
/** A quiet trickle of writes shares one checkpoint per this long… */
const QUIET_MS = 1_000;
/** …and after this many commits it runs as soon as the current work yields. */
const BUSY_COMMITS = 32;

export class IdleCheckpoints {
  private pending: unknown = null;
  private pendingDelay = 0;
  private commits = 0;
  /** WAL frames the last checkpoint saw (-1: none yet). */
  private lastLog = -1;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {
    db.pragma(`wal_autocheckpoint = ${BACKSTOP_PAGES}`);
  }

  /**
   * A write committed: fold the WAL in later, once for every commit until then. Durability is the WAL's, as before:
   * a checkpoint only copies committed pages into the main file.
   */
  committed(): void {
    this.commits++;
    const delay = this.commits >= BUSY_COMMITS ? 0 : QUIET_MS;
    if (this.pending !== null) {
      if (delay >= this.pendingDelay) return;
      this.clock.clearTimeout(this.pending);
    }
    this.pendingDelay = delay;
    this.pending = this.clock.setTimeout(() => this.run(), delay);
  }

  private run(): void {
    this.pending = null;
    this.commits = 0;
    if (!this.db.open || this.db.inTransaction) return;
    let r: { log: number } | undefined;
    try {
      [r] = this.db.pragma('wal_checkpoint(PASSIVE)') as { log: number }[];
    } catch (err) {
      // Another process holds the file (a backup tool, a second Lavka refused by the lock): the next commit tries again.
      console.error('[db] WAL checkpoint failed', err);
      return;
    }
    // Other domains write after the inbox (the inbound pipeline's reactions) without telling: while the WAL keeps
    // changing, look again after a quiet second; once it stands still, stop until the next commit.
    if (r && r.log !== this.lastLog) {
      this.lastLog = r.log;
      this.pendingDelay = QUIET_MS;
      this.pending = this.clock.setTimeout(() => this.run(), QUIET_MS);
    }
  }
}
