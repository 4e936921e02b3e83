// What a migration is. Apart from index.ts (the list) so that a migration file names its type without importing the list.
import type { Db } from '../connection';
import type { SecretStore } from '../../secrets/secret-store';

/** What a migration may need besides the database (a migration that moves data out of it). */
export interface MigrationContext {
  secrets?: SecretStore;
}

export interface Migration {
  version: number;
  name: string;
  up(db: Db, ctx?: MigrationContext): void;
}
