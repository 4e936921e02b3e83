// The media folder: <data>/media, owner-only (0700), one file per media row (0600), named by Lavka — "<row id>-<random>"
// — never by the sender. Files are written whole (temp file, then rename) and never changed afterwards.
import { randomBytes } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const NAME = /^(\d+)-[\w-]{8,32}$/;

export class MediaStore {
  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    // mkdir's mode is filtered by the umask, and an existing folder keeps its old mode: set it outright.
    chmodSync(dir, 0o700);
  }

  path(file: string): string {
    if (!NAME.test(file)) throw new Error('not a media file name');
    return join(this.dir, file);
  }

  /** Writes the bytes for a media row; returns the file name to record. */
  write(id: number, data: Uint8Array): string {
    const file = `${id}-${randomBytes(9).toString('base64url')}`;
    // The folder may have gone while Lavka ran (the owner tidied up): it comes back owner-only.
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const tmp = join(this.dir, `.${file}.part`);
    writeFileSync(tmp, data, { mode: 0o600, flag: 'wx' });
    renameSync(tmp, join(this.dir, file));
    return file;
  }

  /** A copy of another media file for a new row (a catalog photo sent in a chat), so each row owns its file. */
  copy(id: number, fromFile: string): string {
    const file = `${id}-${randomBytes(9).toString('base64url')}`;
    copyFileSync(this.path(fromFile), join(this.dir, file));
    chmodSync(join(this.dir, file), 0o600);
    return file;
  }

  remove(file: string): void {
    rmSync(this.path(file), { force: true });
  }

  /** Deletes files whose row is gone (erased customer, retention, expired draft) and leftovers of cut-off writes. */
  sweep(liveIds: Set<number>): number {
    let removed = 0;
    if (!existsSync(this.dir)) return 0;
    for (const name of readdirSync(this.dir)) {
      const m = NAME.exec(name);
      const orphan = m ? !liveIds.has(Number(m[1])) : name.endsWith('.part');
      if (!orphan) continue;
      rmSync(join(this.dir, name), { force: true });
      removed++;
    }
    return removed;
  }
}
