// Work files a job leaves behind when Lavka is killed mid-way (a backup copy being written, a restore's working copy)
// are never meant to outlive that run: they are removed at start. Exports and imports clear their own folders.
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

export function removeStaleWorkFiles(dataDir: string, backupDir: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(join(dataDir, `restore-work.sqlite${suffix}`), { force: true });
  if (!existsSync(backupDir)) return;
  for (const name of readdirSync(backupDir)) {
    if (/\.sqlite\.part(-wal|-shm|-journal)?$/.test(name)) rmSync(join(backupDir, name), { force: true });
  }
}
