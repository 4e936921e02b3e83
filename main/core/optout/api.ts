// optout.* API methods: a contact's opt-out state, recording consent back, and the editable stop words.
import { z } from 'zod';
import type { OptOutService } from './service';
import { method, noInput } from '../api/define';
import { OptOutStatusSchema, OptoutSettingsGetOutput } from './outputs';
import { optOutSettingsSchema } from './service';

const id = z.number().int().positive();

/** The services these methods call, and nothing else. */
export interface OptoutApiDeps {
  optout: OptOutService;
}

export function optoutApi(s: OptoutApiDeps) {
  return {
    'optout.status': method(
      z.object({ contactId: id }),
      OptOutStatusSchema,
      (i) => s.optout.status(i.contactId),
      "A contact's opt-out state and consent history.",
    ),
    'optout.recordConsent': method(
      z.object({ contactId: id, note: z.string().max(500).optional() }),
      OptOutStatusSchema,
      (i) => s.optout.recordConsent(i.contactId, i.note),
      'Records that a customer who opted out agreed to reminders again (e.g. they asked for them).',
    ),
    'optout.decide': method(
      z.object({ contactId: id, optOut: z.boolean() }),
      OptOutStatusSchema,
      (i) => s.optout.decide(i.contactId, i.optOut),
      'Decides an unclear opt-out ("stop sending me so much"): opt the customer out, or keep sending them reminders.',
    ),
    'optout.settings.get': method(
      noInput,
      OptoutSettingsGetOutput,
      () => s.optout.getSettings(),
      'The stop words customers can write to opt out.',
    ),
    'optout.settings.update': method(
      optOutSettingsSchema,
      OptoutSettingsGetOutput,
      (i) => s.optout.updateSettings(i),
      'Saves the stop words.',
    ),
  };
}
