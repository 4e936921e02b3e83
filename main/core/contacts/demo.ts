// Demo contacts: customers the shop knows from before Lavka (an imported address book) — one of them is John Smith
// again under his old number format, so "Duplicates" has something to show.
import type { Services } from '../services';

const KNOWN: { name: string; phone?: string; email?: string; tags: string[]; notes?: string }[] = [
  { name: 'J. Smith (café)', phone: '+49 151 12345678', tags: ['wholesale'], notes: 'From the old address book.' },
  { name: 'Bäckerei-Freunde e.V.', email: 'kontakt@baeckerei-freunde.example', tags: ['wholesale', 'events'] },
  { name: 'Сергей Иванов', phone: '+49 176 55501234', tags: ['постоянный'], notes: 'Бородинский хлеб по субботам.' },
  { name: 'Fatima Yılmaz', phone: '+49 160 5550199', email: 'fatima.y@example.com', tags: ['cakes'] },
  { name: 'Lukas Weber', phone: '+49 171 5550123', tags: [] },
  { name: 'Marta Nowak', email: 'marta.nowak@example.com', tags: ['newsletter'] },
  { name: 'Trần Thị Hoa', phone: '+49 152 5550456', tags: ['cakes'], notes: 'Birthday cakes, no nuts.' },
  { name: 'Peter Schulz', phone: '+49 30 5550789', tags: ['office'], notes: 'Orders for the office on Fridays.' },
];

export function seedContactsDemo(s: Services): void {
  const now = s.clock.now();
  for (const c of KNOWN) {
    const id = s.repos.contacts.create({ name: c.name, notes: c.notes ?? '' }, now);
    // Stored as typed in the old address book for the first one: the duplicate finder reads both formats.
    if (c.phone)
      s.repos.contacts.addIdentity(id, 'phone', c.phone === '+49 151 12345678' ? '0151 12345678' : c.phone.replace(/\s/g, ''), '', now);
    if (c.email) s.repos.contacts.addIdentity(id, 'email', c.email, '', now);
    if (c.tags.length) s.repos.contacts.setTags(id, c.tags);
  }
}
