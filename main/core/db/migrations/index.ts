// The ordered list of schema migrations. Append only; a landed migration is never edited.
import type { Db } from '../connection';
import m0001 from './0001-spine';

export interface Migration {
  version: number;
  name: string;
  up(db: Db): void;
}

export const migrations: readonly Migration[] = [m0001];
