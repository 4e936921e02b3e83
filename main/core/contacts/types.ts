// Contact shapes as the UI sees them.
export interface Identity {
  id: number;
  channel: string;
  externalId: string;
  display: string;
  lastSeenAt: number | null;
}

export interface Contact {
  id: number;
  name: string;
  notes: string;
  /** The language Lavka writes to this customer in (a customer language code), or null: the shop's default. */
  language: string | null;
  /** True when the owner chose the language; detection never changes it then. */
  languageByOwner: boolean;
  tags: string[];
  identities: Identity[];
  createdAt: number;
  updatedAt: number;
}

/** What the Contacts page filters by. The same filter drives the list, its count and "export filtered". */
export interface ContactFilter {
  query?: string;
  tag?: string;
  channel?: string;
  /** Only when the opt-out feature exists (see extensions.ts). */
  optedOut?: boolean;
}

export type ContactSort = 'name' | 'lastContact' | 'spent';

/** One row of the Contacts page. Order and opt-out fields are null when those features are not installed. */
export interface ContactListItem {
  id: number;
  name: string;
  channels: string[];
  /** E.164, as stored. */
  phones: string[];
  /** The same numbers written for people ("+49 151 12345678"). */
  phonesDisplay: string[];
  emails: string[];
  telegram: string[];
  tags: string[];
  firstContactAt: number | null;
  lastContactAt: number | null;
  conversationId: number | null;
  orderCount: number | null;
  orderTotal: number | null;
  optedOut: boolean | null;
}

/** Which optional columns the page can show, decided once at start from the schema. */
export interface ContactFacets {
  total: number;
  tags: { tag: string; count: number }[];
  channels: { channel: string; count: number }[];
  hasOrders: boolean;
  hasOptOut: boolean;
  currency: string;
}

export type DuplicateReason = 'same_phone' | 'same_email' | 'same_name';

export interface DuplicateSuggestion {
  a: { id: number; name: string; channels: string[] };
  b: { id: number; name: string; channels: string[] };
  reason: DuplicateReason;
  /** The shared value that made them look alike (E.164 phone, lower-case email or name). */
  value: string;
}

/** What merging would move, shown before the owner confirms. */
export interface MergePreview {
  survivor: Contact & { messageCount: number; related: Record<string, number> };
  other: Contact & { messageCount: number; related: Record<string, number> };
}
