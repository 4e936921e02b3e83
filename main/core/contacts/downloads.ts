// Files Lavka made for the owner to take away (exports, a customer's data): kept in <data>/exports under a random id
// until downloaded or an hour passes. The browser fetches GET /download/<id>; the desktop shell copies to a chosen path.
import { randomBytes } from 'node:crypto';
import { readdirSync, rmSync, statSync } from 'node:fs';
import { makePrivate, privateDir } from '../file-modes';
import { AppError } from '../errors';
import { join } from 'node:path';
import type { Clock } from '../clock';

export interface DownloadFile {
  id: string;
  fileName: string;
  mime: string;
  path: string;
  size: number;
  createdAt: number;
  /** Whose data the file holds: one customer's data request, or 'any' (a contacts export may hold anyone). */
  contacts: 'any' | readonly number[];
}

const KEEP_MS = 60 * 60_000;

export class Downloads {
  private readonly files = new Map<string, DownloadFile>();
  /** Files being written (newPath called, add not yet): an erase during the write dooms those that may hold the customer. */
  private readonly pending = new Map<string, { contacts: DownloadFile['contacts']; doomed: boolean }>();

  constructor(
    readonly dir: string,
    private readonly clock: Clock,
  ) {
    // Whatever a previous run left here was never meant to outlive it.
    rmSync(dir, { recursive: true, force: true });
    privateDir(dir);
  }

  /** A fresh path inside the exports folder for a file that will be registered with add(). */
  newPath(fileName: string, contacts: DownloadFile['contacts'] = 'any'): { id: string; path: string } {
    const id = randomBytes(12).toString('base64url');
    this.pending.set(id, { contacts, doomed: false });
    return { id, path: join(this.dir, `${id}-${safeFileName(fileName)}`) };
  }

  add(id: string, path: string, fileName: string, mime: string, contacts: DownloadFile['contacts'] = 'any'): DownloadFile {
    this.prune();
    const pending = this.pending.get(id);
    this.pending.delete(id);
    if (pending?.doomed) {
      rmSync(path, { force: true });
      throw new AppError('conflict', 'A customer was deleted while this file was being made, so it was thrown away. Export again.');
    }
    makePrivate(path);
    const f: DownloadFile = { id, fileName, mime, path, size: statSync(path).size, createdAt: this.clock.now(), contacts };
    this.files.set(id, f);
    return f;
  }

  get(id: string): DownloadFile | undefined {
    this.prune();
    return this.files.get(id);
  }

  /**
   * Erasing a customer: every file that may hold their data is deleted and its download link stops working (an
   * export of many contacts too — the owner exports again without them). Returns how many files went.
   */
  forgetContact(contactId: number): number {
    for (const p of this.pending.values()) if (p.contacts === 'any' || p.contacts.includes(contactId)) p.doomed = true;
    let removed = 0;
    for (const [id, f] of this.files) {
      if (f.contacts !== 'any' && !f.contacts.includes(contactId)) continue;
      rmSync(f.path, { force: true });
      this.files.delete(id);
      removed++;
    }
    return removed;
  }

  private prune(): void {
    const now = this.clock.now();
    for (const [id, f] of this.files) {
      if (now - f.createdAt > KEEP_MS) {
        rmSync(f.path, { force: true });
        this.files.delete(id);
      }
    }
  }

  clear(): void {
    for (const name of readdirSync(this.dir)) rmSync(join(this.dir, name), { force: true, recursive: true });
    this.files.clear();
  }
}

/** A name safe on Windows, macOS and Linux and in a Content-Disposition header's ASCII fallback. */
export function safeFileName(name: string): string {
  const cleaned = name
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex -- control characters are exactly what must not reach a file name
    .replace(/[\u0000-\u001f\u007f<>:"/\\|?*\u200B-\u200F\u202A-\u202E\u2066-\u2069]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 120);
  return cleaned.replace(/^\.+/, '') || 'file';
}
