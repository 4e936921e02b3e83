// Pins the exported file byte for byte on a varied shop (several addresses, tags, orders of every status, first and last
// contact across daylight-saving changes), and checks that batched reads agree with the one-contact read on a shop
// bigger than one batch. The export was made faster by reading each batch's details set-wise; this is what says the
// file did not change.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from '../../helpers/test-app';
import { addContact, downloaded, finished } from './helpers';
import { EXPORT_COLUMNS } from '../../../main/core/contacts/export';
import type { Services } from '../../../main/core/app';
import { ContactsListRepo, type ExportRow } from '../../../main/core/db/repos/contacts-list-repo';
import { resolveFacts } from '../../../main/core/contacts/facts';
import { ORDER_CONTACT_FACTS } from '../../../main/core/orders/contact-facts';
import { OPT_OUT_CONTACT_FACTS } from '../../../main/core/optout/contact-facts';

const DAY = 86_400_000;

function converse(s: Services, contactId: number, firstAt: number, lastAt: number): void {
  s.db
    .prepare("INSERT INTO conversations(contact_id, last_message_at, last_channel, created_at) VALUES (?, ?, 'whatsapp', ?)")
    .run(contactId, lastAt, firstAt);
}

let orderNo = 0;
function order(s: Services, contactId: number, status: string, totalMinor: number): void {
  s.db
    .prepare(
      "INSERT INTO orders(number, contact_id, customer_name, status, currency, total_minor, created_at, updated_at) VALUES (?, ?, '', ?, 'EUR', ?, 1, 1)",
    )
    .run(status === 'draft' ? null : ++orderNo, contactId, status, totalMinor);
}

/** Eight customers that between them use every column and every branch of every column. */
function seedVaried(s: Services): void {
  const anna = addContact(s, {
    name: 'Anna Petrova',
    notes: 'Rye only, no seeds',
    tags: ['vip', 'rye', 'постоянный'],
    phones: ['+4915111111111', '+4915122222222'],
    emails: ['anna@example.com', 'anna.work@example.com'],
    telegram: [
      { id: '100200300', display: 'Anna (@anna_p)' },
      { id: '100200301', display: 'no username here' },
    ],
    language: 'ru',
  });
  // The same number on the phone channel too: listed once.
  s.repos.contacts.addIdentity(anna, 'phone', '+4915111111111', '', s.clock.now());
  // Last spring's DST change in Berlin (2025-03-30 01:00 UTC) falls between her first and last message.
  converse(s, anna, Date.parse('2025-03-30T00:59:00Z'), Date.parse('2025-03-30T01:00:00Z'));
  order(s, anna, 'completed', 10);
  order(s, anna, 'paid', 20);
  order(s, anna, 'cancelled', 99_999);
  order(s, anna, 'draft', 777);
  order(s, anna, 'completed', 123_456);

  const ben = addContact(s, { name: 'ben', emails: ['ben@example.com'], tags: ['wholesale'] });
  // Autumn's change: 01:30 local happens twice; 00:30 and 01:30 UTC are 02:30 CEST and 02:30 CET.
  converse(s, ben, Date.parse('2025-10-26T00:30:00Z'), Date.parse('2025-10-26T01:30:00Z'));
  order(s, ben, 'cancelled', 5000);

  const chi = addContact(s, { name: 'Chi Nguyễn 🥐', notes: 'line one\nline two', telegram: [{ id: '555000111' }] });
  converse(s, chi, Date.parse('2024-12-31T22:59:59Z'), Date.parse('2024-12-31T23:00:00Z'));
  order(s, chi, 'new', 1999);
  s.db.prepare("INSERT INTO contact_optouts(contact_id, at, channel, said, language) VALUES (?, 1, 'telegram', 'STOP', 'en')").run(chi);

  addContact(s, { name: '=SUM(A1)', phones: ['+79123456789'], tags: ['a,b', 'c;d'] });
  addContact(s, { name: 'Ben', notes: '  padded  ' });
  const dora = addContact(s, { name: 'Dora "D" Smith, Jr.', phones: ['+380501112233'], emails: ['d@example.com'] });
  converse(s, dora, Date.parse('2026-01-01T00:00:00Z'), Date.parse('2026-09-14T13:37:42Z'));
  for (let i = 0; i < 7; i++) order(s, dora, 'completed', 333);
  const maryam = addContact(s, { name: 'مريم الأحمد', notes: 'שלום', tags: ['vip'] });
  const ben2 = addContact(s, { name: 'ben', phones: ['+4915133333333'] });
  // Added in summer (CEST), not at the fake clock's winter "now".
  for (const id of [dora, maryam, ben2]) s.db.prepare('UPDATE contacts SET created_at = ? WHERE id = ?').run(s.clock.now() + DAY * 200, id);
}

const GOLDEN_CSV = [
  '\uFEFFName,Phones,Emails,Telegram,Channels,Tags,Labels,Notes,Language,First contact,Last contact,Orders,Total spent (EUR),Opted out,Added,Lavka ID',
  `'=SUM(A1),+79123456789,,,whatsapp,"a,b, c;d",,,,,,0,0.00,,2026-03-02 10:00,4`,
  'Anna Petrova,"+4915111111111, +4915122222222","anna@example.com, anna.work@example.com","100200300 (@anna_p), 100200301","whatsapp, email, telegram, phone","rye, vip, постоянный",,"Rye only, no seeds",ru,2025-03-30 01:59,2025-03-30 03:00,3,1234.86,,2026-03-02 10:00,1',
  'ben,,ben@example.com,,email,wholesale,,,,2025-10-26 02:30,2025-10-26 02:30,0,0.00,,2026-03-02 10:00,2',
  'Ben,,,,,,,"  padded  ",,,,0,0.00,,2026-03-02 10:00,5',
  'ben,+4915133333333,,,whatsapp,,,,,,,0,0.00,,2026-09-18 11:00,8',
  'Chi Nguyễn 🥐,,,555000111,telegram,,,"line one\nline two",,2024-12-31 23:59,2025-01-01 00:00,1,19.99,yes,2026-03-02 10:00,3',
  '"Dora ""D"" Smith, Jr.",+380501112233,d@example.com,,"whatsapp, email",,,,,2026-01-01 01:00,2026-09-14 15:37,7,23.31,,2026-09-18 11:00,6',
  'مريم الأحمد,,,,,vip,,שלום,,,,0,0.00,,2026-09-18 11:00,7',
  '',
];

describe('contacts export, pinned output', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await makeTestApp();
    orderNo = 0;
  });
  afterEach(() => t.close());

  it('writes exactly the same CSV for a varied shop: addresses, tags, order count and total, first and last contact', async () => {
    seedVaried(t.app.services);
    const job = await t.call('contacts.export', { columns: [...EXPORT_COLUMNS] });
    const text = downloaded(t.app.services, await finished(t.app.services, job)).toString('utf8');
    expect(text.split('\r\n')).toEqual(GOLDEN_CSV);
  });

  it('reads the same details batch by batch as one contact at a time, across batch boundaries and with a filter', () => {
    const s = t.app.services;
    const N = 2_600;
    s.db.transaction(() => {
      for (let i = 0; i < N; i++) {
        // Few distinct names, so batches end in the middle of a run of equal names.
        const id = s.repos.contacts.create(
          { name: `Customer ${i % 40}`, notes: i % 9 === 0 ? `note ${i}` : '' },
          1_700_000_000_000 + i * 60_000,
        );
        for (let k = 0; k < i % 4; k++) s.repos.contacts.addIdentity(id, k === 2 ? 'email' : 'whatsapp', `+49151${i * 10 + k}`, '', 1);
        if (i % 6 === 0) s.repos.contacts.addIdentity(id, 'telegram', String(900_000 + i), `C (@user_${i})`, 1);
        s.repos.contacts.setTags(id, ['vip', 'retail', 'wholesale', 'b2b'].slice(0, i % 5));
        if (i % 3 !== 1) converse(s, id, 1_690_000_000_000 + i * 3_600_000, 1_700_000_000_000 + i * 7_200_000);
        for (let k = 0; k < i % 5; k++) order(s, id, ['completed', 'paid', 'cancelled', 'new', 'draft'][(i + k) % 5], 100 * k + (i % 97));
        if (i % 11 === 0)
          s.db
            .prepare("INSERT INTO contact_optouts(contact_id, at, channel, said, language) VALUES (?, 1, 'whatsapp', 'STOP', 'en')")
            .run(id);
      }
    })();
    const list = new ContactsListRepo(s.db);
    const ext = resolveFacts({ orders: ORDER_CONTACT_FACTS, optOut: OPT_OUT_CONTACT_FACTS }, 'EUR');
    expect(ext.orders).not.toBeNull();
    expect(ext.optOut).not.toBeNull();
    const all = (filter: Parameters<ContactsListRepo['exportBatch']>[0], ids?: number[]) => {
      const out: ExportRow[] = [];
      let after: { name: string; id: number } | null = null;
      for (;;) {
        const batch = list.exportBatch(filter, ids, after, 1000, ext);
        if (batch.length === 0) return out;
        out.push(...batch);
        after = { name: batch[batch.length - 1].name, id: batch[batch.length - 1].id };
      }
    };
    const rows = all({});
    expect(rows).toHaveLength(N);
    expect(
      rows.filter((r) => r.orderCount! > 0 && r.identities.length > 1 && r.tags.length > 1 && r.firstContactAt !== null && r.optedOut),
    ).not.toHaveLength(0);
    for (const r of rows) expect(r).toEqual(list.exportRow(r.id, ext));
    const picked = rows.filter((r) => r.id % 7 === 0).map((r) => r.id);
    const vips = all({ tag: 'vip' }, picked);
    expect(vips.length).toBeGreaterThan(0);
    expect(vips).toEqual(rows.filter((r) => r.id % 7 === 0 && r.tags.includes('vip')));
  });
});
