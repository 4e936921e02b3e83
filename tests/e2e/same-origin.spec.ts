// Only the owner's own window can drive Lavka. A page served from another port of 127.0.0.1 (another local dev
// server, a local tool, a malicious page behind a local proxy) shares the owner's cookie — browsers do not separate
// cookies by port — yet it can neither read live events, call the API, nor change settings. The owner's tab works on.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test, expect, shot } from './fixtures';

const ATTACK = (lavka: string) => `<!doctype html><html><body><h1>Totally unrelated local tool</h1><script>
const lavka = ${JSON.stringify(lavka)};
const results = {};
async function attempt(name, fn) {
  try { results[name] = await fn(); } catch (e) { results[name] = 'blocked: ' + (e && e.message || e); }
}
window.attack = (async () => {
  // 1. Read the inbox with the owner's cookie (a CORS request).
  await attempt('read', async () => { const r = await fetch(lavka + '/api/inbox.list', { method: 'POST', credentials: 'include', body: '{}' }); return 'status ' + r.status + ' ' + (await r.text()).slice(0, 60); });
  // 2. A "simple" cross-origin POST (text/plain, no preflight) that writes: rename the shop; pretend a customer wrote.
  await attempt('settings', async () => { const r = await fetch(lavka + '/api/settings.update', { method: 'POST', mode: 'no-cors', credentials: 'include', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ business: { name: 'Pwned Shop' } }) }); return 'sent (' + r.type + ')'; });
  await attempt('write', async () => { const r = await fetch(lavka + '/api/sandbox.say', { method: 'POST', mode: 'no-cors', credentials: 'include', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ name: 'Intruder', text: 'injected' }) }); return 'sent (' + r.type + ')'; });
  // 3. Listen to live customer messages on the event socket.
  await attempt('events', () => new Promise((resolve) => {
    const ws = new WebSocket(lavka.replace('http', 'ws') + '/events');
    const got = [];
    ws.onmessage = (m) => got.push(String(m.data).slice(0, 40));
    ws.onerror = () => resolve('refused');
    ws.onopen = () => setTimeout(() => resolve('open, ' + got.length + ' events'), 1500);
  }));
  return results;
})();
</script></body></html>`;

test('a page on another 127.0.0.1 port, with the owner’s cookie, cannot read events, call the API or change settings', async ({
  page,
  context,
  lavka,
}) => {
  // The owner's tab: opening the printed link sets the cookie for 127.0.0.1.
  await page.goto(lavka.url);
  await expect(page.getByTestId('conversation-list')).toBeVisible();
  expect((await context.cookies(lavka.origin)).map((c) => c.name)).toContain('lavka_token');

  const server: Server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(ATTACK(lavka.origin)));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  try {
    const attacker = await context.newPage();
    await attacker.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    const results = await attacker.evaluate(() => (window as unknown as { attack: Promise<Record<string, string>> }).attack);
    // The cookie did travel with these requests (same site), but Lavka refused them: the browser saw no readable answer.
    expect(results.read).toMatch(/^blocked/);
    expect(results.events).toBe('refused');
    await attacker.close();

    // Nothing changed: the shop keeps its name and no "Intruder" conversation exists.
    const settings = await lavka.api<{ business: { name: string } }>('settings.get');
    expect(settings.value!.business.name).not.toBe('Pwned Shop');
    const inbox = await lavka.api<{ items: { contactName: string }[] }>('inbox.list', {});
    expect(inbox.value!.items.map((c) => c.contactName)).not.toContain('Intruder');
    expect(lavka.output()).toMatch(/refused request POST \/api\/settings\.update: request from another origin/);
    expect(lavka.output()).toMatch(/refused event socket GET \/events: request from another origin/);

    // The owner's own tab still works: a customer's message arrives live and the reply goes out.
    await page.getByTestId('try-as-customer').click();
    await page.getByTestId('sandbox-name').fill('Real Customer');
    await page.getByTestId('sandbox-input').fill('Is the shop open?');
    await page.getByTestId('sandbox-send').click();
    const row = page.getByTestId('conversation-row').filter({ hasText: 'Real Customer' });
    await expect(row).toBeVisible();
    await page
      .getByTestId('sandbox-panel')
      .getByRole('button', { name: /close|закрыть/i })
      .click();
    await row.click();
    await page.getByTestId('composer').fill('Yes, until six.');
    await page.getByTestId('send').click();
    await expect(page.getByTestId('message').filter({ hasText: 'Yes, until six.' })).toHaveAttribute('data-status', /sent|delivered|read/);
  } finally {
    server.close();
  }
});

test('a browser without the token gets the "Paste the link Lavka printed" page', async ({ page, lavka }) => {
  await page.goto(lavka.origin + '/');
  await expect(page.getByRole('heading', { name: 'Paste the link Lavka printed' })).toBeVisible();
  await shot(page, 'paste-the-link');
  await page.goto(lavka.url);
  await expect(page.getByTestId('conversation-list')).toBeVisible();
  // A bookmark of the bare address works with the kept cookie.
  await page.goto(lavka.origin + '/');
  await expect(page.getByTestId('conversation-list')).toBeVisible();
});
