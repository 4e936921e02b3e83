// Every table that points at a contact or a conversation, with what a merge and an erase do to its rows. A new table
// with a contact_id or conversation_id column must be added here: tests/core/contacts/links.test.ts fails until it is,
// and checks that each rule matches the table's foreign key.

/**
 * merge 'move': the merged-away contact's rows are re-pointed to the survivor (UPDATE OR IGNORE: where a table keeps one
 * row per parent and both have one, the survivor's stays).
 * erase 'delete': the rows go with the customer (ON DELETE CASCADE); 'keep': the rows stay for the books with the
 * reference cleared (ON DELETE SET NULL; personal fields are blanked by the erase itself).
 */
export interface ContactLink {
  table: string;
  column: string;
  parent: 'contacts' | 'conversations';
  merge: 'move';
  erase: 'delete' | 'keep';
}

const link = (table: string, column: string, parent: ContactLink['parent'], erase: ContactLink['erase']): ContactLink => ({
  table,
  column,
  parent,
  merge: 'move',
  erase,
});

export const CONTACT_LINKS: readonly ContactLink[] = [
  link('conversation_assistant', 'conversation_id', 'conversations', 'delete'),
  link('assistant_queue', 'conversation_id', 'conversations', 'delete'),
  link('assistant_audit', 'conversation_id', 'conversations', 'keep'),
  link('orders', 'conversation_id', 'conversations', 'keep'),
  link('orders', 'contact_id', 'contacts', 'keep'),
  link('reminders', 'contact_id', 'contacts', 'delete'),
  link('contact_optouts', 'contact_id', 'contacts', 'delete'),
  link('consent_log', 'contact_id', 'contacts', 'delete'),
  link('optout_questions', 'contact_id', 'contacts', 'delete'),
  link('report_spells', 'conversation_id', 'conversations', 'delete'),
  link('suggestion_outcomes', 'conversation_id', 'conversations', 'keep'),
  link('conversation_labels', 'conversation_id', 'conversations', 'delete'),
  link('auto_replies_sent', 'contact_id', 'contacts', 'delete'),
];

/**
 * Tables the contacts code handles itself (merge moves identities, tags, the conversation and its messages by name;
 * erase deletes them), and markers that hold no customer data and need no rule.
 */
export const CONTACT_OWN_TABLES: Readonly<Record<string, string>> = {
  contacts: 'the contact itself',
  identities: 'moved by merge, deleted with the contact',
  contact_tags: 'copied by merge, deleted with the contact',
  conversations: 'given to or folded into the survivor by merge',
  messages: 'moved with the conversation by merge, deleted by erase',
  outbox: 'follows its message',
  contact_merge_dismissed: 'pairs the owner said are not the same person; deleted with either contact',
  report_spells_dirty: 'a recompute marker for reports (no customer data); merge marks both conversations by trigger',
};
