// channels.* and sandbox.* API methods.
import { z } from 'zod';
import type { Services } from '../app';
import { method, noInput } from '../api/define';
import { MAX_BODY_CHARS } from '../inbox/service';
import { SANDBOX, newCustomerKey } from './sandbox/sandbox-channel';

export function channelsMethods(s: Services) {
  return {
    'channels.list': method(noInput, () => s.hub.list(), 'Status of every channel.'),
    'outbox.stats': method(noInput, () => s.repos.outbox.counts(), 'Outgoing messages by state.'),
    'sandbox.say': method(
      z.object({
        customerKey: z.string().regex(/^sb-[\w-]{1,40}$/).optional(),
        name: z.string().trim().min(1).max(200),
        text: z.string().min(1).max(MAX_BODY_CHARS),
      }),
      (i) => {
        const customerKey = i.customerKey ?? newCustomerKey();
        s.sandbox.customerSays(customerKey, i.name, i.text);
        const identity = s.repos.contacts.findIdentity(SANDBOX, customerKey);
        const conversationId = identity ? s.inbox.conversationOfContact(identity.contactId) : undefined;
        return { customerKey, conversationId: conversationId ?? null };
      },
      'A pretend customer writes through the sandbox channel.',
    ),
    'sandbox.customers': method(
      noInput,
      () =>
        s.db
          .prepare<[], { key: string; name: string; contactId: number }>(
            `SELECT i.external_id AS key, c.name, c.id AS contactId FROM identities i JOIN contacts c ON c.id = i.contact_id
             WHERE i.channel = 'sandbox' ORDER BY coalesce(i.last_seen_at, i.created_at) DESC LIMIT 50`,
          )
          .all(),
      'Pretend customers made in the sandbox.',
    ),
    'sandbox.thread': method(
      z.object({ customerKey: z.string().max(60) }),
      (i) => {
        const identity = s.repos.contacts.findIdentity(SANDBOX, i.customerKey);
        if (!identity) return [];
        const conversationId = s.inbox.conversationOfContact(identity.contactId);
        if (conversationId === undefined) return [];
        // What the customer sees: only what crossed the sandbox channel, oldest first.
        return s.repos.messages
          .page(conversationId, 200)
          .filter((m) => m.channel === SANDBOX && (m.direction === 'in' || ['sent', 'delivered', 'read'].includes(m.status)))
          .reverse();
      },
      "The pretend customer's side of the chat.",
    ),
    'sandbox.failNextSends': method(
      z.object({ count: z.number().int().min(0).max(100) }),
      (i) => {
        s.sandbox.failNextSends = i.count;
        return { count: i.count };
      },
      'Makes the next N sandbox sends fail, to see how a failed message looks.',
    ),
  };
}
