// contacts.* API methods.
import { z } from 'zod';
import type { Services } from '../app';
import { method } from '../api/define';

const id = z.number().int().positive();

export function contactsMethods(s: Services) {
  return {
    'contacts.get': method(z.object({ contactId: id }), (i) => s.contacts.get(i.contactId), 'A contact with identities and tags.'),
    'contacts.update': method(
      z.object({
        contactId: id,
        name: z.string().trim().min(1).max(200).optional(),
        notes: z.string().max(20_000).optional(),
        tags: z.array(z.string().max(40)).max(50).optional(),
        language: z.string().regex(/^[a-z]{2}$/).nullable().optional(),
      }),
      ({ contactId, ...patch }) => s.contacts.update(contactId, patch),
      'Edits name, notes, tags or language.',
    ),
    'contacts.addIdentity': method(
      z.object({
        contactId: id,
        channel: z.enum(['whatsapp', 'telegram', 'email', 'phone', 'sandbox']),
        externalId: z.string().trim().min(1).max(200),
        display: z.string().max(200).optional(),
      }),
      (i) => s.contacts.addIdentity(i.contactId, i.channel, i.externalId, i.display),
      'Adds an address (phone, email, Telegram id) to a contact.',
    ),
  };
}
