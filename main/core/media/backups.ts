// Media in backups. A backup is one SQLite file; the photos and files its rows name are kept next to the backups in
// one shared folder, <backups>/media, as copies of the live files (media files never change, so one copy serves
// every backup that names it). Restoring a backup brings back the files it names; files no remaining backup names are
// removed (after rotation, and after "delete all backups" once a customer was erased).
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from '../db/connection';
import { MediaRepo } from './media-repo';
import type { MediaStore } from './store';

export class MediaBackups {
  constructor(
    private readonly store: MediaStore,
    private readonly backupsDir: () => string,
    /** Media file names the live database holds. */
    private readonly liveFiles: () => string[],
  ) {}

  private pool(): string {
    return join(this.backupsDir(), 'media');
  }

  /** After a backup: every live file is in the pool; then files no backup names any more go. */
  afterBackup(): void {
    const pool = this.pool();
    mkdirSync(pool, { recursive: true, mode: 0o700 });
    for (const f of this.liveFiles()) {
      const dest = join(pool, f);
      if (existsSync(dest)) continue;
      copyFileSync(this.store.path(f), dest);
      chmodSync(dest, 0o600);
    }
    this.prune();
  }

  /** After a restore: the files the restored rows name, copied back from the pool where they are missing. */
  afterRestore(): number {
    let restored = 0;
    for (const f of this.liveFiles()) {
      const live = this.store.path(f);
      const kept = join(this.pool(), f);
      if (existsSync(live) || !existsSync(kept)) continue;
      copyFileSync(kept, live);
      chmodSync(live, 0o600);
      restored++;
    }
    return restored;
  }

  /** Removes pool files that no backup names. */
  prune(): number {
    const pool = this.pool();
    if (!existsSync(pool)) return 0;
    const named = new Set<string>();
    for (const name of readdirSync(this.backupsDir())) {
      if (!name.endsWith('.sqlite')) continue;
      try {
        const db = openDatabase(join(this.backupsDir(), name), { readonly: true });
        try {
          for (const f of new MediaRepo(db).storedFiles()) named.add(f);
        } finally {
          db.close();
        }
      } catch {
        // A backup from before media (no media table) names no files.
      }
    }
    let removed = 0;
    for (const f of readdirSync(pool)) {
      if (named.has(f)) continue;
      rmSync(join(pool, f), { force: true });
      removed++;
    }
    return removed;
  }
}
