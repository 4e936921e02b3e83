// Shared setup for reminder tests: a real core on a temp dir with a fake clock, pretend customers, and a record of
// everything the sandbox channel delivered.
import { makeTestApp, flush, type TestApp } from '../../helpers/test-app';
import { FakeClock } from '../../helpers/fake-clock';
import type { SandboxDelivery } from '../../../main/core/channels/sandbox/sandbox-channel';
import type { AppConfig } from '../../../main/core/app';

export interface World {
  t: TestApp;
  clock: FakeClock;
  deliveries: SandboxDelivery[];
  /** A pretend customer writes through the sandbox; returns their contact and conversation ids. */
  customer(key: string, name: string, text?: string): { contactId: number; conversationId: number };
  /** Moves time forward and lets the outbox send whatever fell due. */
  advance(ms: number): Promise<void>;
  /** Moves to a wall-clock instant (ISO with offset or Z). */
  at(iso: string): Promise<void>;
  settle(): Promise<void>;
  /** When each sent reminder was fired (queued), oldest first, as ISO strings. */
  firedAt(): Promise<string[]>;
  close(): Promise<void>;
}

export async function world({ startAt, ...opts }: Partial<AppConfig> & { startAt?: string; dataDir?: string } = {}): Promise<World> {
  const clock = new FakeClock(startAt ?? '2026-03-02T09:00:00Z');
  // Listen before the app starts: catch-up after a restart sends during start().
  const t = await makeTestApp({ ...opts, clock, start: false });
  const deliveries: SandboxDelivery[] = [];
  t.app.services.sandbox.onDelivery((d) => deliveries.push(d));
  await t.app.start();
  const s = t.app.services;
  const settle = async () => {
    for (let i = 0; i < 4; i++) {
      await flush();
      await s.outbox.settle();
    }
  };
  await settle();
  return {
    t,
    clock,
    deliveries,
    customer(key, name, text = 'Hello!') {
      s.sandbox.customerSays(key, name, text);
      const identity = s.repos.contacts.findIdentity('sandbox', key)!;
      return { contactId: identity.contactId, conversationId: s.inbox.conversationOfContact(identity.contactId)! };
    },
    async advance(ms) {
      clock.advance(ms);
      await settle();
    },
    async at(iso) {
      clock.set(iso);
      await settle();
    },
    settle,
    async firedAt() {
      const sent = await t.call('reminders.list', { tab: 'sent', limit: 200 });
      return sent.items.map((r) => new Date(r.doneAt!).toISOString()).sort();
    },
    close: () => t.close(),
  };
}

export const MIN = 60_000;
export const HOUR = 60 * MIN;
export const DAY = 24 * HOUR;
