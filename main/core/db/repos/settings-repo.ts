// SQL for the key/value settings table. Values are JSON; validation lives in the settings service.
import type { Db } from '../connection';

export class SettingsRepo {
  private readonly getStmt;
  private readonly setStmt;
  private readonly allStmt;

  constructor(db: Db) {
    this.getStmt = db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?');
    this.setStmt = db.prepare<[string, string]>(
      'INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
    );
    this.allStmt = db.prepare<[], { key: string; value: string }>('SELECT key, value FROM settings');
  }

  get(key: string): unknown {
    const raw = this.getRaw(key);
    return raw === undefined ? undefined : (JSON.parse(raw) as unknown);
  }

  /** The stored JSON text, so callers can tell cheaply whether a value changed. */
  getRaw(key: string): string | undefined {
    return this.getStmt.get(key)?.value;
  }

  set(key: string, value: unknown): void {
    this.setStmt.run(key, JSON.stringify(value));
  }

  all(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const row of this.allStmt.all()) out[row.key] = JSON.parse(row.value) as unknown;
    return out;
  }
}
