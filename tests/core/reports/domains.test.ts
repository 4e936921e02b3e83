import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { FakeClock } from '../../helpers/fake-clock';
import { flush, makeTestApp, type TestApp } from '../../helpers/test-app';
import type { DraftEvent } from '../../../main/core/assistant/types';
import { History } from './history';

const WEEK = { preset: 'custom', from: '2026-03-23', to: '2026-03-29' } as const;

describe('reports: the assistant, sales, reminders and customers', () => {
  let t: TestApp;
  let h: History;
  beforeEach(async () => {
    t = await makeTestApp({ clock: new FakeClock('2026-03-31T10:00:00Z'), startWorkers: false });
    h = new History(t.app.services.db);
  });
  afterEach(() => t.close());

  it('counts Auto replies, what they were based on, holds and escalations by reason, and containment', async () => {
    // P: Auto answered every time. Q: Auto once, the owner once. R: only the owner.
    const p = h.chat(
      'P',
      [
        ['2026-03-24T10:00:00Z', 'customer'],
        ['2026-03-24T10:01:00Z', 'assistant'],
        ['2026-03-25T10:00:00Z', 'customer'],
        ['2026-03-25T10:01:00Z', 'assistant'],
      ],
      { since: '2026-03-01T10:00:00Z' },
    );
    const q = h.chat(
      'Q',
      [
        ['2026-03-24T10:00:00Z', 'customer'],
        ['2026-03-24T10:01:00Z', 'assistant'],
        ['2026-03-25T10:00:00Z', 'customer'],
        ['2026-03-25T10:30:00Z', 'owner'],
      ],
      { since: '2026-03-01T10:00:00Z' },
    );
    const r = h.chat(
      'R',
      [
        ['2026-03-24T10:00:00Z', 'customer'],
        ['2026-03-24T10:30:00Z', 'owner'],
      ],
      { since: '2026-03-01T10:00:00Z' },
    );
    h.audit('2026-03-24T10:01:00Z', p.conversationId, 'auto_sent', null, '{"reply":"x","sources":["K1"]}');
    h.audit('2026-03-25T10:01:00Z', p.conversationId, 'auto_sent', null, '{"reply":"x","sources":["hours"]}');
    h.audit('2026-03-24T10:01:00Z', q.conversationId, 'auto_sent', null, '{"reply":"x","sources":[]}');
    h.audit('2026-03-25T10:00:05Z', q.conversationId, 'held', 'not_in_knowledge', '{}');
    h.audit('2026-03-26T10:00:05Z', q.conversationId, 'held', 'not_in_knowledge', '{}');
    h.audit('2026-03-26T11:00:05Z', r.conversationId, 'held', 'outside_hours', '{}');
    h.audit('2026-03-27T11:00:05Z', r.conversationId, 'escalated', 'complaint', 'The customer wrote “awful”');
    h.audit('2026-03-27T11:00:06Z', r.conversationId, 'auto_sent', 'holding_message', '{"reply":"We will get back to you"}');
    h.audit('2026-03-20T11:00:06Z', r.conversationId, 'held', 'loop', '{}');

    const a = await t.call('reports.assistant', { period: WEEK });
    expect(a.current).toMatchObject({ autoReplies: 3, autoFromKnowledge: 1, autoGrounded: 2, holdingMessages: 1 });
    expect(a.current.holds).toEqual([
      { reason: 'not_in_knowledge', n: 2 },
      { reason: 'outside_hours', n: 1 },
    ]);
    expect(a.current.escalations).toEqual([{ reason: 'complaint', n: 1 }]);
    expect(a.current.containment).toEqual({ withCustomer: 3, assistantAnswered: 2, contained: 1 });
    expect(a.prior.holds).toEqual([{ reason: 'loop', n: 1 }]);
  });

  it('records what the owner did with each suggestion: sent as is, edited, or discarded', async () => {
    const c = h.customer('S', { since: '2026-03-01T10:00:00Z' });
    const m1 = h.msg(c, '2026-03-31T09:00:00Z', 'customer', 'Do you have rye bread?');
    const draft = (text: string, forMessageId: number): void =>
      t.app.services.events.emit('assistant.draft', {
        conversationId: c.conversationId,
        requestId: `r${Math.random()}`,
        text,
        done: true,
        sources: [],
        warnings: [],
        error: null,
        forMessageId,
      } satisfies DraftEvent);
    const send = (text: string) => t.app.services.inbox.send(c.conversationId, text, { author: 'owner' });

    draft('Yes, we have rye bread today.', m1);
    send('Yes,  we have rye bread today. ');
    draft('We open at 9 tomorrow, see you!', m1);
    send('We open at 10 tomorrow, see you!');
    draft('Sorry, that one is sold out.', m1);
    send('Call me please');
    // Regenerated for the same message: only the last one counts. Then the customer moves on: discarded.
    draft('First try', m1);
    draft('Second try', m1);
    const m2 = h.msg(c, '2026-03-31T09:30:00Z', 'customer', 'Hello?');
    draft('Hello! How can I help?', m2);
    await flush();

    const a = await t.call('reports.assistant', { period: { preset: 'today' } });
    expect(a.current.suggestions).toEqual({ asIs: 1, edited: 1, discarded: 2 });
  });

  it('sums chat orders from order totals: revenue without cancelled orders, average, repeat customers, top products', async () => {
    const anna = h.customer('Anna', { since: '2026-01-01T10:00:00Z' });
    const boris = h.customer('Boris', { since: '2026-03-24T10:00:00Z' });
    const chen = h.customer('Chen', { since: '2026-03-24T10:00:00Z' });
    h.order(anna, '2026-03-10T10:00:00Z', { totalMinor: 500, status: 'completed' });
    h.order(anna, '2026-03-24T10:00:00Z', {
      totalMinor: 1000,
      status: 'completed',
      lines: [
        { name: 'Rye bread', qty: 2, priceMinor: 300 },
        { name: 'Croissant', qty: 2, priceMinor: 200 },
      ],
    });
    h.order(boris, '2026-03-25T10:00:00Z', { totalMinor: 2000, lines: [{ name: 'Cake', qty: 1, priceMinor: 2000 }] });
    h.order(boris, '2026-03-26T10:00:00Z', {
      totalMinor: 700,
      status: 'cancelled',
      lines: [{ name: 'Rye bread', qty: 1, priceMinor: 700 }],
    });
    h.order(chen, '2026-03-25T10:00:00Z', { totalMinor: 900, source: 'owner' });

    const s = await t.call('reports.sales', { period: WEEK });
    expect(s.current).toMatchObject({
      currency: 'EUR',
      orders: 3,
      cancelled: 1,
      revenueMinor: 3000,
      averageMinor: 1500,
      customers: 2,
      repeatCustomers: 2,
      ownerOrders: 1,
    });
    expect(s.current.topProducts.map((p) => [p.name, p.quantity, p.revenueMinor])).toEqual([
      ['Cake', 1, 2000],
      ['Rye bread', 2, 600],
      ['Croissant', 2, 400],
    ]);
    expect(Object.fromEntries(s.current.byStatus.map((b) => [b.status, b.n]))).toEqual({ completed: 1, new: 1, cancelled: 1 });
    expect(s.current.perDay.slice(1, 4)).toEqual([
      { date: '2026-03-24', n: 1, amountMinor: 1000 },
      { date: '2026-03-25', n: 1, amountMinor: 2000 },
      { date: '2026-03-26', n: 1, amountMinor: 0 },
    ]);
    expect(s.prior).toMatchObject({ orders: 0, averageMinor: null });
    const csv = await t.call('reports.exportCsv', { section: 'sales', table: 'topProducts', period: WEEK });
    expect(parse(csv.content, { columns: true, bom: true })).toEqual([
      { product: 'Cake', quantity: '1', orders: '1', revenue_EUR: '20.00' },
      { product: 'Rye bread', quantity: '2', orders: '1', revenue_EUR: '6.00' },
      { product: 'Croissant', quantity: '2', orders: '1', revenue_EUR: '4.00' },
    ]);
  });

  it('follows each reminder: answered within 48 h, an order within 7 days; opt-outs per day', async () => {
    const anna = h.customer('Anna', { since: '2026-01-01T10:00:00Z' });
    const boris = h.customer('Boris', { since: '2026-01-01T10:00:00Z' });
    const r1 = h.msg(anna, '2026-03-24T10:00:00Z', 'owner', 'Your payment is due');
    h.reminder(anna.contactId, r1, '2026-03-24T10:00:00Z', 'payment_due');
    h.msg(anna, '2026-03-25T09:00:00Z', 'customer', 'Paid!');
    h.order(anna, '2026-03-27T10:00:00Z', { totalMinor: 100 });
    const r2 = h.msg(boris, '2026-03-24T10:00:00Z', 'owner', 'How was the cake?');
    h.reminder(boris.contactId, r2, '2026-03-24T10:00:00Z', 'follow_up');
    h.msg(boris, '2026-03-27T10:00:00Z', 'customer', 'Great');
    h.consent(anna.contactId, '2026-03-25T12:00:00Z', 'opt_out');
    h.consent(boris.contactId, '2026-03-26T12:00:00Z', 'opt_out');
    h.consent(boris.contactId, '2026-03-27T12:00:00Z', 'opt_in');

    const r = await t.call('reports.reminders', { period: WEEK });
    expect(r.current.total).toEqual({ sent: 2, replied48h: 1, ordered7d: 1 });
    expect(r.current.byKind).toEqual(
      expect.arrayContaining([
        { kind: 'payment_due', sent: 1, replied48h: 1, ordered7d: 1 },
        { kind: 'follow_up', sent: 1, replied48h: 0, ordered7d: 0 },
      ]),
    );
    expect(r.current.optOuts).toBe(2);
    expect(r.current.consentPerDay.slice(2, 5)).toEqual([
      { date: '2026-03-25', optOuts: 1, optIns: 0 },
      { date: '2026-03-26', optOuts: 1, optIns: 0 },
      { date: '2026-03-27', optOuts: 0, optIns: 1 },
    ]);
  });

  it('tells new customers from returning ones, by channel and by language', async () => {
    const anna = h.customer('Anna', { language: 'en', since: '2026-01-01T10:00:00Z' });
    const boris = h.customer('Boris', { channel: 'telegram', language: 'ru', since: '2026-03-24T10:00:00Z' });
    const chen = h.customer('Chen', { language: null, since: '2026-03-25T10:00:00Z' });
    h.msg(anna, '2026-03-24T10:00:00Z', 'customer');
    h.msg(boris, '2026-03-24T10:00:00Z', 'customer');
    h.msg(chen, '2026-03-25T10:00:00Z', 'customer');
    h.msg(chen, '2026-03-25T10:01:00Z', 'customer');
    const c = await t.call('reports.customers', { period: WEEK });
    expect(c.current).toMatchObject({ total: 3, new: 2, returning: 1 });
    expect(c.current.byChannel).toEqual([
      { channel: 'whatsapp', new: 1, returning: 1 },
      { channel: 'telegram', new: 1, returning: 0 },
    ]);
    expect(c.current.byLanguage).toEqual(
      expect.arrayContaining([
        { language: 'en', n: 1 },
        { language: 'ru', n: 1 },
        { language: '', n: 1 },
      ]),
    );
    expect(c.prior.total).toBe(0);
  });
});
