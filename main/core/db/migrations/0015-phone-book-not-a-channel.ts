// The "Phone" pseudo-channel goes: a phone-book number is an address, not a channel, and nothing can be sent on it.
// Replies queued on it move to the contact's WhatsApp identity for the same number when there is one; otherwise
// they are marked failed with a reason the owner reads (workday.phoneNotAChannel) and can act on (Write on WhatsApp).
// Conversations that showed "Phone" as their channel show the contact's real channel, or none.
import type { Migration } from './types';

/** Stored in messages.error and outbox.last_error; the inbox words it in the owner's language. */
export const PHONE_NOT_A_CHANNEL = 'phone_not_a_channel';

const migration: Migration = {
  version: 15,
  name: 'phone-book-not-a-channel',
  up(db) {
    const now = Date.now();
    const stuck = db
      .prepare(
        `SELECT o.message_id, o.address, m.conversation_id, c.contact_id
           FROM outbox o JOIN messages m ON m.id = o.message_id JOIN conversations c ON c.id = m.conversation_id
          WHERE o.channel = 'phone' AND o.state IN ('queued', 'sending')`,
      )
      .all() as { message_id: number; address: string; conversation_id: number; contact_id: number }[];
    const whatsappOf = db.prepare(
      `SELECT id, external_id FROM identities WHERE contact_id = ? AND channel = 'whatsapp'
        ORDER BY (external_id = ?) DESC, coalesce(last_seen_at, 0) DESC, id DESC LIMIT 1`,
    );
    const move = db.prepare(
      "UPDATE outbox SET channel = 'whatsapp', address = ?, state = 'queued', next_attempt_at = ?, updated_at = ? WHERE message_id = ?",
    );
    const moveMessage = db.prepare(
      "UPDATE messages SET channel = 'whatsapp', identity_id = ?, status = 'queued', updated_at = ? WHERE id = ?",
    );
    const fail = db.prepare("UPDATE outbox SET state = 'failed', last_error = ?, updated_at = ? WHERE message_id = ?");
    const failMessage = db.prepare("UPDATE messages SET status = 'failed', error = ?, updated_at = ? WHERE id = ?");
    for (const r of stuck) {
      const wa = whatsappOf.get(r.contact_id, r.address) as { id: number; external_id: string } | undefined;
      if (wa) {
        move.run(wa.external_id, now, now, r.message_id);
        moveMessage.run(wa.id, now, r.message_id);
      } else {
        fail.run(PHONE_NOT_A_CHANNEL, now, r.message_id);
        failMessage.run(PHONE_NOT_A_CHANNEL, now, r.message_id);
      }
    }
    // The channel a conversation shows: the contact's most recently seen messaging identity, else none.
    db.exec(`
      UPDATE conversations SET last_channel = coalesce(
        (SELECT i.channel FROM identities i WHERE i.contact_id = conversations.contact_id AND i.channel NOT IN ('phone', 'email')
          ORDER BY coalesce(i.last_seen_at, 0) DESC, i.id DESC LIMIT 1),
        'none')
      WHERE last_channel IN ('phone', 'email');
    `);
  },
};

export default migration;
