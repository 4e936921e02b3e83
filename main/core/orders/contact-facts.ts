// What the orders domain shows about a contact (Contacts page, contact panel, export): how many orders count and what
// they add up to. Registered with the contacts module in app.ts; the SQL lives here, beside the orders schema.
import type { OrderFacts } from '../contacts/facts';

export const ORDER_CONTACT_FACTS: OrderFacts = {
  table: 'orders',
  totalExpr: (digits) => `o.total_minor / ${10 ** digits}.0`,
  // Cancelled orders and drafts still being captured are not money the customer spent.
  countsExpr: "o.status NOT IN ('cancelled', 'draft')",
};
