// Only the owner's user account may read Lavka's files: the data folder is 0700 and everything in it that holds
// customer data or secrets is 0600 (POSIX; on Windows the per-user app-data folder already belongs to the user alone).
// Applied at every start, so folders made by an older Lavka (0755/0644) are tightened too.
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const PRIVATE_DIR = 0o700;
export const PRIVATE_FILE = 0o600;

const isPosix = process.platform !== 'win32';

/** chmod that never fails the caller (a file can vanish between listing and chmod; a foreign mount may refuse). */
export function makePrivate(path: string, mode = PRIVATE_FILE): void {
  if (!isPosix) return;
  try {
    chmodSync(path, mode);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') console.error(`[files] could not restrict ${path}: ${(err as Error).message}`);
  }
}

/** A folder only the owner can enter, with every file in it (one level, and its subfolders' files) owner-only. */
export function privateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR });
  makePrivate(dir, PRIVATE_DIR);
}

function tightenTree(dir: string, depth: number): void {
  if (!isPosix || !existsSync(dir)) return;
  makePrivate(dir, PRIVATE_DIR);
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    let st;
    try {
      st = statSync(p);
    } catch {
      continue;
    }
    if (st.isDirectory()) {
      if (depth > 0) tightenTree(p, depth - 1);
      else makePrivate(p, PRIVATE_DIR);
    } else if (st.isFile()) makePrivate(p);
  }
}

/** Tightens the data folder: files directly in it (database, WAL, SHM, secrets, token) and in its subfolders (backups, exports). */
export function secureDataDir(dataDir: string): void {
  privateDir(dataDir);
  tightenTree(dataDir, 1);
}

/** Creates an empty owner-only file if there is none. SQLite gives the WAL and SHM the mode of the database file. */
export function createPrivateFile(path: string): void {
  if (!isPosix || existsSync(path)) return;
  closeSync(openSync(path, 'a', PRIVATE_FILE));
  makePrivate(path);
}
