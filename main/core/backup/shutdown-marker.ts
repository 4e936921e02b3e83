// The clean-shutdown marker: a small file written after the database was closed cleanly, naming the file's size and
// modification time at that moment. At the next start it is read and removed. A missing marker (a crash, a power cut,
// a first start) or one that no longer matches the file (something else wrote to it) means the file deserves a check.
import { existsSync, readFileSync, rmSync, statSync, writeFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';

export const MARKER_FILE = 'clean-shutdown.json';

interface Marker {
  closedAt: number;
  size: number;
  mtimeMs: number;
}

export type LastShutdown = 'clean' | 'unclean' | 'first-start';

/** Reads and removes the marker, so a crash during this run leaves none behind. */
export function takeShutdownMarker(dataDir: string, dbPath: string): LastShutdown {
  const file = join(dataDir, MARKER_FILE);
  if (!existsSync(dbPath)) {
    rmSync(file, { force: true });
    return 'first-start';
  }
  let marker: Marker | null = null;
  try {
    marker = JSON.parse(readFileSync(file, 'utf8')) as Marker;
  } catch {
    marker = null;
  }
  rmSync(file, { force: true });
  if (!marker) return 'unclean';
  const st = statSync(dbPath);
  return st.size === marker.size && Math.round(st.mtimeMs) === Math.round(marker.mtimeMs) ? 'clean' : 'unclean';
}

/** Called after the database was closed (WAL folded back): the file is complete and consistent as it lies. */
export function writeShutdownMarker(dataDir: string, dbPath: string, now: number): void {
  if (!existsSync(dbPath)) return;
  const st = statSync(dbPath);
  const marker: Marker = { closedAt: now, size: st.size, mtimeMs: st.mtimeMs };
  const file = join(dataDir, MARKER_FILE);
  // Write-then-rename: a half-written marker must never read as "clean".
  writeFileSync(`${file}.tmp`, JSON.stringify(marker));
  renameSync(`${file}.tmp`, file);
}
