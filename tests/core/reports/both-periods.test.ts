// Figures computed from one read of a period and the one before it: percentiles of every group from one sort, the
// ends of matters that lie outside what was read, and customers of both periods counted apart.
import { describe, expect, it } from 'vitest';
import { MIN, reportsShop } from './history';

// Europe/Berlin, UTC+1 until 29 March 2026.
const WEEK = { preset: 'custom', from: '2026-03-23', to: '2026-03-29' } as const;

describe('reports: a period and the one before, from one read', () => {
  const shop = reportsShop();

  it('gives every channel, hour and replier its own median and 90th percentile', async () => {
    const { t, h } = shop;
    const wait = (name: string, channel: string, at: string, minutes: number | null, who: 'owner' | 'assistant' = 'owner') => {
      const c = h.customer(name, { channel, since: at });
      h.msg(c, at, 'customer');
      if (minutes !== null) h.msg(c, new Date(Date.parse(at) + minutes * MIN).toISOString(), who);
    };
    wait('W1', 'whatsapp', '2026-03-24T08:00:00Z', 10); // 09:00 local
    wait('W2', 'whatsapp', '2026-03-24T08:30:00Z', 20);
    wait('W3', 'whatsapp', '2026-03-25T13:00:00Z', 40); // 14:00 local
    wait('W4', 'whatsapp', '2026-03-25T08:15:00Z', 2, 'assistant');
    wait('W5', 'whatsapp', '2026-03-27T10:00:00Z', null); // still waiting
    wait('T1', 'telegram', '2026-03-26T13:00:00Z', 1, 'assistant');
    wait('T2', 'telegram', '2026-03-26T13:30:00Z', 3, 'assistant');
    wait('T3', 'telegram', '2026-03-26T19:00:00Z', 60); // 20:00 local
    wait('I1', 'instagram', '2026-03-17T10:00:00Z', 5); // the week before

    const r = await t.call('reports.conversations', { period: WEEK });
    const s = r.current.speed;
    expect(s).toMatchObject({ spells: 8, answered: 7, within5m: 3, within1h: 7 });
    expect(s.all).toEqual({ n: 7, median: 10 * MIN, p90: 48 * MIN });
    expect(s.owner).toEqual({ n: 4, median: 30 * MIN, p90: 54 * MIN });
    expect(s.assistant).toEqual({ n: 3, median: 2 * MIN, p90: 2.8 * MIN });
    expect(s.byChannel).toEqual([
      {
        channel: 'whatsapp',
        spells: 5,
        all: { n: 4, median: 15 * MIN, p90: 34 * MIN },
        owner: { n: 3, median: 20 * MIN, p90: 36 * MIN },
        assistant: { n: 1, median: 2 * MIN, p90: 2 * MIN },
      },
      {
        channel: 'telegram',
        spells: 3,
        all: { n: 3, median: 3 * MIN, p90: 48.6 * MIN },
        owner: { n: 1, median: 60 * MIN, p90: 60 * MIN },
        assistant: { n: 2, median: 2 * MIN, p90: 2.8 * MIN },
      },
    ]);
    expect(s.byHour[9]).toEqual({
      hour: 9,
      spells: 3,
      owner: { n: 2, median: 15 * MIN, p90: 19 * MIN },
      assistant: { n: 1, median: 2 * MIN, p90: 2 * MIN },
    });
    expect(s.byHour[14]).toMatchObject({ spells: 3, owner: { n: 1, median: 40 * MIN }, assistant: { n: 2, median: 2 * MIN } });
    expect(s.byHour[20].owner).toEqual({ n: 1, median: 60 * MIN, p90: 60 * MIN });
    expect(s.byHour[11]).toMatchObject({ spells: 1, owner: { n: 0, median: null } });
    expect(r.prior.speed.byChannel).toEqual([
      {
        channel: 'instagram',
        spells: 1,
        all: { n: 1, median: 5 * MIN, p90: 5 * MIN },
        owner: { n: 1, median: 5 * MIN, p90: 5 * MIN },
        assistant: { n: 0, median: null, p90: null },
      },
    ]);
  });

  it('judges matters by what happened outside the spells it read: an earlier reply, a return weeks later', async () => {
    const { t, h } = shop;
    // Answered on 20 January, back within 7 days in the week before: that wait continues a matter from before.
    h.chat('P', [
      ['2026-01-20T10:00:00Z', 'customer'],
      ['2026-01-20T10:05:00Z', 'owner'],
      ['2026-01-26T12:00:00Z', 'customer'],
      ['2026-01-26T12:10:00Z', 'owner'],
    ]);
    h.chat('Q', [
      ['2026-01-27T10:00:00Z', 'customer'],
      ['2026-01-27T10:30:00Z', 'owner'],
    ]);
    // Answered after 29 days; the customer wrote again 3 days later, after the 30 days that are read: not settled.
    h.chat('R', [
      ['2026-02-08T10:00:00Z', 'customer'],
      ['2026-03-09T10:00:00Z', 'owner'],
      ['2026-03-12T10:00:00Z', 'customer'],
      ['2026-03-12T10:05:00Z', 'owner'],
    ]);
    // Back six weeks after the reply: the first matter was resolved in one round.
    h.chat('S', [
      ['2026-02-03T10:00:00Z', 'customer'],
      ['2026-02-03T10:10:00Z', 'owner'],
      ['2026-03-20T10:00:00Z', 'customer'],
      ['2026-03-20T10:01:00Z', 'owner'],
    ]);

    const r = await t.call('reports.conversations', { period: { preset: 'custom', from: '2026-02-02', to: '2026-02-08' } });
    expect(r.current.resolution).toMatchObject({ matters: 2, resolved: 1, firstContact: 1, tooEarly: 1, unanswered: 0, reopened: 0 });
    expect(r.current.resolution.time).toEqual({ n: 1, median: 10 * MIN, p90: 10 * MIN });
    expect(r.prior.resolution).toMatchObject({ matters: 1, resolved: 1, firstContact: 1 });
    expect(r.prior.resolution.time.median).toBe(30 * MIN);
  });

  it('counts each period’s customers apart: new or returning as of that period, every channel once, ties by name', async () => {
    const { t, h } = shop;
    const anna = h.customer('Anna', { language: 'en', since: '2026-03-17T10:00:00Z' });
    h.msg(anna, '2026-03-17T10:00:00Z', 'customer');
    h.msg(anna, '2026-03-17T10:05:00Z', 'owner');
    h.msg(anna, '2026-03-24T10:00:00Z', 'customer');
    h.msg(anna, '2026-03-24T10:05:00Z', 'owner');
    h.msg({ ...anna, channel: 'telegram' }, '2026-03-25T10:00:00Z', 'customer');
    h.msg(anna, '2026-03-25T10:05:00Z', 'owner');
    h.msg(anna, '2026-03-26T10:00:00Z', 'customer');
    const boris = h.customer('Boris', { channel: 'telegram', language: 'ru', since: '2026-03-24T09:00:00Z' });
    h.msg(boris, '2026-03-24T09:00:00Z', 'customer');
    const chen = h.customer('Chen', { language: 'vi', since: '2026-01-01T10:00:00Z' });
    h.msg(chen, '2026-03-26T10:00:00Z', 'customer');

    const c = await t.call('reports.customers', { period: WEEK });
    expect(c.current).toEqual({
      total: 3,
      new: 1,
      returning: 2,
      byChannel: [
        { channel: 'telegram', new: 1, returning: 1 },
        { channel: 'whatsapp', new: 0, returning: 2 },
      ],
      byLanguage: [
        { language: 'en', n: 1 },
        { language: 'ru', n: 1 },
        { language: 'vi', n: 1 },
      ],
    });
    expect(c.prior).toEqual({
      total: 1,
      new: 1,
      returning: 0,
      byChannel: [{ channel: 'whatsapp', new: 1, returning: 0 }],
      byLanguage: [{ language: 'en', n: 1 }],
    });
  });
});
