// Away message journey on a real `serve --fake-clock`: the owner turns the away message on in Settings; a customer
// who writes while the shop is closed gets it once per window, in their language; inside opening hours nobody gets
// it; an opted-out customer never does. Time moves only through dev.clock.advance.
import { test, expect, shot } from './fixtures';
import type { ServeProcess } from '../helpers/serve-process';

test.use({ serveOptions: { demo: true, args: ['--fake-clock'] } });

const HOUR = 3_600_000;
const day = { open: '09:00', close: '18:00' };

/** Moves the test clock forward to the next `hour`:00 UTC (the shop runs on UTC here). */
async function advanceTo(lavka: ServeProcess, hour: number): Promise<void> {
  const now = (await lavka.api<{ now: number }>('dev.clock.now')).value!.now;
  const d = new Date(now);
  let target = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), hour);
  if (target <= now) target += 24 * HOUR;
  expect((await lavka.api('dev.clock.advance', { ms: target - now })).ok).toBe(true);
}

type Line = { direction: string; body: string };
const thread = async (lavka: ServeProcess, customerKey: string) => (await lavka.api<Line[]>('sandbox.thread', { customerKey })).value!;
const replies = async (lavka: ServeProcess, customerKey: string) => (await thread(lavka, customerKey)).filter((m) => m.direction === 'out');

test('away message: once per window outside opening hours, in the customer’s language; none inside hours or after an opt-out', async ({
  page,
  lavka,
}) => {
  await lavka.api('settings.update', {
    business: { timeZone: 'UTC', openingHours: { mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: day } },
  });
  await page.goto(lavka.url);
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('settings-tab-greetings').click();
  await page.getByTestId('away-on').check();
  await page.getByTestId('settings-save').click();
  await expect(page.getByText('✓')).toBeVisible();

  // 21:00: closed. A Russian-speaking customer gets the away message in Russian, once.
  await advanceTo(lavka, 21);
  const ru = (
    await lavka.api<{ customerKey: string }>('sandbox.say', { name: 'Ольга', text: 'Здравствуйте! Есть ли у вас свежий хлеб сегодня?' })
  ).value!.customerKey;
  await expect.poll(() => replies(lavka, ru)).toEqual([expect.objectContaining({ body: expect.stringContaining('Сейчас мы закрыты') })]);
  await lavka.api('sandbox.say', { customerKey: ru, name: 'Ольга', text: 'И ещё вопрос: сколько стоит багет?' });
  // The second message is filed; no second away message in the same window.
  await expect.poll(async () => (await thread(lavka, ru)).length).toBe(3);
  expect(await replies(lavka, ru)).toHaveLength(1);

  await page.getByTestId('nav-inbox').click();
  await page.getByTestId('conversation-row').filter({ hasText: 'Ольга' }).click();
  await expect(page.getByTestId('message').filter({ hasText: 'Сейчас мы закрыты' })).toBeVisible();
  await shot(page, 'workday-away-en');

  // An opted-out customer never gets it: their opt-out is the first thing they write, the next message is after closing.
  const out = (await lavka.api<{ customerKey: string }>('sandbox.say', { name: 'No Messages Please', text: 'STOP' })).value!.customerKey;
  await expect.poll(() => replies(lavka, out)).toHaveLength(1); // the opt-out confirmation only
  await lavka.api('sandbox.say', { customerKey: out, name: 'No Messages Please', text: 'Is the shop open tomorrow?' });
  await expect.poll(async () => (await thread(lavka, out)).filter((m) => m.direction === 'in').length).toBe(2);
  expect((await replies(lavka, out)).map((m) => m.body).join('\n')).not.toMatch(/closed right now/);

  // Next day 10:00: open. A new customer gets no away message.
  await advanceTo(lavka, 10);
  const en = (await lavka.api<{ customerKey: string }>('sandbox.say', { name: 'Daytime Dan', text: 'Hello, do you have rye bread today?' }))
    .value!.customerKey;
  await expect.poll(async () => (await thread(lavka, en)).length).toBeGreaterThanOrEqual(1);
  // 22:00 that day: closed again, and the window (24 h) for Olga has passed: she gets it again; Dan gets his first.
  await advanceTo(lavka, 22);
  expect(await replies(lavka, en)).toEqual([]);
  await lavka.api('sandbox.say', { customerKey: en, name: 'Daytime Dan', text: 'One more question about the rye bread' });
  await expect
    .poll(() => replies(lavka, en))
    .toEqual([expect.objectContaining({ body: expect.stringContaining('We are closed right now') })]);
  await lavka.api('sandbox.say', { customerKey: ru, name: 'Ольга', text: 'Вы уже открылись?' });
  await expect.poll(async () => (await replies(lavka, ru)).length).toBe(2);

  await lavka.api('settings.update', { preferences: { uiLanguage: 'ru' } });
  await page.reload();
  await page.getByTestId('conversation-row').filter({ hasText: 'Ольга' }).click();
  await expect(page.getByTestId('message').filter({ hasText: 'Сейчас мы закрыты' })).toHaveCount(2);
  await shot(page, 'workday-away-ru');
});
