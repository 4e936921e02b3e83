// Which of a contact's addresses Lavka can write on. A phone number from the phone book and an email address are
// things the owner knows about a customer, not channels: a message is never queued on them.

/** Identity kinds that only record an address (phone book, email); no channel ever sends on them. */
export const ADDRESS_ONLY = ['phone', 'email'] as const;

export function isMessagingChannel(channel: string): boolean {
  return !(ADDRESS_ONLY as readonly string[]).includes(channel);
}
