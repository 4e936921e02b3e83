// What the opt-out domain shows about a contact: whether they opted out (a row in contact_optouts). Registered with
// the contacts module in app.ts; the SQL lives here, beside the opt-out schema.
import type { OptOutFacts } from '../contacts/facts';

export const OPT_OUT_CONTACT_FACTS: OptOutFacts = {
  expr: 'EXISTS (SELECT 1 FROM contact_optouts x WHERE x.contact_id = c.id)',
};
