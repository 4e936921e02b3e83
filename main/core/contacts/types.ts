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
  language: string | null;
  tags: string[];
  identities: Identity[];
  createdAt: number;
  updatedAt: number;
}
