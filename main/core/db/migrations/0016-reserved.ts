// Reserved: the number 0016 was set aside for a branch merged in parallel (#15 / #19 work). This placeholder keeps the
// migration list gap-free on the workday branch; at merge the real 0016 replaces it (it changes nothing).
import type { Migration } from './types';

const migration: Migration = { version: 16, name: 'reserved-16', up() {} };

export default migration;
