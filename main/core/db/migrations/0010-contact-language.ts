// Who decided a contact's language: Lavka now detects it from the customer's messages and writes it to
// contacts.language, but a language the owner chose must never be overwritten by a guess. Languages already on a
// contact before this migration came from the owner (the contact card, an import, the demo), so they count as chosen.
import type { Migration } from './types';

const migration: Migration = {
  // Assigned number 0010; 9 on this branch because the list must have no gaps (0009 lands from another branch and
  // the integrator renumbers). Tests read the number from here.
  version: 10,
  name: 'contact-language',
  up(db) {
    db.exec(`
      ALTER TABLE contacts ADD COLUMN language_by_owner INTEGER NOT NULL DEFAULT 0 CHECK (language_by_owner IN (0, 1));
      UPDATE contacts SET language_by_owner = 1 WHERE language IS NOT NULL;
    `);
  },
};

export default migration;
