// Is a database file healthy? Used by the background check (integrity-schedule.ts) and before
// a backup is trusted for a restore (full integrity_check, schema version, and that it is a Lavka database at all).
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { basename, join } from 'node:path';
import { openDatabase, type Db } from '../db/connection';
import { AppError } from '../errors';

export type Health = { state: 'missing' } | { state: 'ok' } | { state: 'damaged'; detail: string };

/** SQLite's own words for "this file is damaged" (as opposed to busy, locked or missing). */
export function isCorruption(err: unknown): boolean {
  const code = (err as { code?: string } | null)?.code ?? '';
  return /^SQLITE_(CORRUPT|NOTADB)/.test(code);
}

function checkRows(db: Db, pragma: 'quick_check' | 'integrity_check'): string | null {
  const rows = db.pragma(`${pragma}(20)`) as Record<string, string>[];
  const lines = rows.map((r) => Object.values(r)[0]);
  if (lines.length === 1 && lines[0] === 'ok') return null;
  const text = lines.slice(0, 3).join('; ').replace(/\s+/g, ' ');
  return text.length > 300 ? text.slice(0, 299) + '…' : text;
}

/** Start-up check of the live database. Throws for problems that are not damage (locked, no permission). */
export function checkDatabaseFile(path: string): Health {
  if (!existsSync(path)) return { state: 'missing' };
  let db: Db | null = null;
  try {
    db = openDatabase(path);
    const problem = checkRows(db, 'quick_check');
    return problem ? { state: 'damaged', detail: problem } : { state: 'ok' };
  } catch (err) {
    if (isCorruption(err)) return { state: 'damaged', detail: (err as Error).message };
    throw err;
  } finally {
    try {
      db?.close();
    } catch {
      // Closing a damaged file may fail too; the verdict above stands.
    }
  }
}

export interface RecoveryInfo {
  /** Where the damaged file was moved (kept for a specialist; Lavka never deletes it). */
  damagedFile: string;
  detail: string;
  at: number;
}

/**
 * Moves a damaged database (with its -wal and -shm) into <data>/damaged/ so Lavka can start on a fresh file and offer
 * a restore. Nothing is deleted.
 */
export function quarantine(dbPath: string, dataDir: string, detail: string, now: number): RecoveryInfo {
  const dir = join(dataDir, 'damaged');
  mkdirSync(dir, { recursive: true });
  const stamp = new Date(now).toISOString().replace(/[:.]/g, '-');
  const target = join(dir, `${basename(dbPath, '.sqlite')}-${stamp}.sqlite`);
  renameSync(dbPath, target);
  for (const suffix of ['-wal', '-shm']) {
    if (existsSync(dbPath + suffix)) renameSync(dbPath + suffix, target + suffix);
  }
  return { damagedFile: target, detail, at: now };
}

/**
 * Checks a backup before it may replace the live data: readable, integrity_check clean, a Lavka schema, and not
 * written by a newer Lavka. Returns its schema version.
 */
export function verifyBackup(path: string, knownVersion: number): number {
  if (!existsSync(path)) throw new AppError('not_found', 'This backup file no longer exists.');
  let db: Db | null = null;
  try {
    db = openDatabase(path, { readonly: true });
    const problem = checkRows(db, 'integrity_check');
    if (problem) throw new AppError('invalid_input', `This backup is damaged (${problem}). Pick another one.`);
    const hasContacts = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'contacts'").get();
    if (!hasContacts) throw new AppError('invalid_input', 'This file is not a Lavka backup.');
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > knownVersion) {
      throw new AppError('invalid_input', `This backup was made by a newer Lavka (schema ${version}). Update Lavka to restore it.`);
    }
    return version;
  } catch (err) {
    if (err instanceof AppError) throw err;
    if (isCorruption(err)) throw new AppError('invalid_input', `This backup is damaged (${(err as Error).message}). Pick another one.`);
    throw err;
  } finally {
    db?.close();
  }
}
