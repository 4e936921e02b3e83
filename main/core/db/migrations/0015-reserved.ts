// Reserved: the number 0015 was set aside for a branch merged in parallel (#15 / #19 work). This placeholder keeps the
// migration list gap-free on the workday branch; at merge the real 0015 replaces it (it changes nothing).
import type { Migration } from './types';

const migration: Migration = { version: 15, name: 'reserved-15', up() {} };

export default migration;
