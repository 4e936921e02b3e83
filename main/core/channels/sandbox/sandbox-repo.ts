// SQL for the sandbox page: the pretend customers made so far (identities on the sandbox channel).
import type { Db } from '../../db/connection';
import { SANDBOX } from './sandbox-channel';

export interface SandboxCustomer {
  key: string;
  name: string;
  contactId: number;
}

export class SandboxRepo {
  constructor(private readonly db: Db) {}

  /** The 50 pretend customers seen most recently. */
  customers(): SandboxCustomer[] {
    return this.db
      .prepare<[string], SandboxCustomer>(
        `SELECT i.external_id AS key, c.name, c.id AS contactId FROM identities i JOIN contacts c ON c.id = i.contact_id
         WHERE i.channel = ? ORDER BY coalesce(i.last_seen_at, i.created_at) DESC LIMIT 50`,
      )
      .all(SANDBOX);
  }
}
