// What breaks WhatsApp Web automation, one path per test, through the real core with the Client double and the fake
// clock: start-ups that never finish, a page that dies (idle or mid-send), getState() null or CONFLICT, blocks,
// pairing codes, and routine browser restarts in the quiet hour. Time only moves when a test moves it.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { WAState } from 'whatsapp-web.js';
import { flush, makeTestApp, type TestApp } from '../../helpers/test-app';
import { FakeClock } from '../../helpers/fake-clock';
import { DETACHED_FRAME, FakeWhatsApp, PAGE_CRASH } from '../../helpers/fake-whatsapp';
import type { ChannelStatus } from '../../../main/core/channels/channel';
import type { EventMap } from '../../../main/core/events';
import { WEB_CHANGED_MESSAGE } from '../../../main/core/channels/whatsapp/whatsapp-channel';

let t: TestApp | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  await t?.close();
  t = undefined;
});

const JOHN = '4915112345678@c.us';
const MB = 1_048_576;

interface Setup {
  t: TestApp;
  wa: FakeWhatsApp;
  notices: EventMap['ui.notify'][];
}

/** Lets the channel's promise chains and I/O (the QR image is drawn off-thread) run; the fake clock does not move. */
async function until(what: string, check: () => boolean | Promise<boolean>): Promise<void> {
  for (let i = 0; i < 20_000; i++) {
    if (await check()) return;
    await flush(1);
  }
  throw new Error(`never happened: ${what}`);
}

async function setup(opts: { linked?: boolean; start?: string } = {}): Promise<Setup> {
  const clock = new FakeClock(opts.start ?? '2026-03-02T09:00:00Z');
  const wa = new FakeWhatsApp(clock);
  wa.phone.linked = opts.linked ?? true;
  t = await makeTestApp({
    clock,
    channels: {
      whatsappClient: wa.factory,
      findBrowser: () => ({ ok: true, path: '/opt/chrome/chrome', source: 'detected' }),
      whatsapp: { measureMemory: wa.memory },
    },
  });
  // Pacing is tested elsewhere; here every queued message may go at once.
  const fast = { minGapSeconds: 0, hourlyCap: 1000, coldMinGapSeconds: 0, coldHourlyCap: 1000 };
  await t.call('channels.pacing.set', { whatsapp: fast, telegram: fast });
  const notices: EventMap['ui.notify'][] = [];
  t.app.services.events.subscribe((e) => {
    if (e.type === 'ui.notify') notices.push(e.payload);
  });
  return { t, wa, notices };
}

function status(): ChannelStatus {
  return t!.app.services.hub.status('whatsapp');
}

async function connectedWithJohn(s: Setup): Promise<number> {
  await s.t.call('channels.whatsapp.connect');
  await until('connected', () => status().state === 'connected');
  s.wa.latest.receive({ from: JOHN, body: 'hi', pushname: 'John', timestamp: Math.floor(s.t.clock.now() / 1000) });
  await until('filed', async () => (await s.t.call('inbox.list', {})).items.length === 1);
  return (await s.t.call('inbox.list', {})).items[0].id;
}

/**
 * Moves the fake clock timer by timer, letting the async work each timer starts run before the next one fires — as
 * Node's event loop does. (One synchronous sweep would let a probe's 20 s deadline overtake the probe's own answer.)
 */
async function advance(ms: number): Promise<void> {
  const clock = t!.clock;
  const end = clock.now() + ms;
  for (;;) {
    const next = clock.nextTimerAt();
    if (next === null || next > end) break;
    clock.advance(Math.max(0, next - clock.now()));
    await flush(4);
  }
  clock.advance(end - clock.now());
  await flush(10);
}

async function jumpTo(iso: string): Promise<void> {
  await advance(Date.parse(iso) - t!.clock.now());
}

describe('start-up that cannot hang', () => {
  it('a client that is never ready is replaced after the deadline, with backoff; three failures in a row tell the owner WhatsApp Web changed', async () => {
    const s = await setup();
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    s.wa.starts.push('never_ready', 'never_ready', 'auth_timeout');
    await s.t.call('channels.whatsapp.connect');
    await until('linked, loading', () => status().detail === 'Linked. Loading your chats…');

    await advance(180_000);
    expect(s.wa.clients[0].destroyed).toBe(true);
    expect(status()).toMatchObject({
      state: 'disconnected',
      detail: 'WhatsApp Web did not finish loading your chats within 180 s. Reconnecting in 5 s.',
    });
    await advance(5_000);
    expect(s.wa.clients).toHaveLength(2);
    await advance(180_000);
    expect(status().detail).toContain('Reconnecting in 10 s');
    expect(status().notice).toBeUndefined();
    expect(s.notices).toEqual([]);

    // The third start fails inside initialize(), the way the library does when the page never loads.
    await advance(10_000);
    await until('third failure', () => status().notice === 'web_changed');
    const seen: ChannelStatus[] = [];
    s.t.app.services.hub.onStatus((x) => seen.push(x));
    expect(status().detail).toBe(`${WEB_CHANGED_MESSAGE}. Reconnecting in 20 s.`);
    expect(s.notices).toEqual([{ kind: 'error', title: 'WhatsApp is not starting', body: `${WEB_CHANGED_MESSAGE}.` }]);
    expect(log).toHaveBeenCalledWith('[whatsapp] 3 starts in a row failed; last error: Could not open WhatsApp Web: auth timeout');

    // Lavka keeps trying, and the notice stays up while it does; once WhatsApp Web loads again, all is back to normal.
    await advance(20_000);
    await until('connected', () => status().state === 'connected');
    const starting = seen.filter((x) => x.state === 'starting');
    expect(starting.length).toBeGreaterThan(0);
    expect(starting.every((x) => x.notice === 'web_changed')).toBe(true);
    expect(s.wa.clients).toHaveLength(4);
    expect(status().notice).toBeUndefined();
    expect(s.wa.clients.slice(0, 3).every((c) => c.destroyed)).toBe(true);
  });

  it('a client that is ready late, but within the deadline, is kept', async () => {
    const s = await setup();
    s.wa.starts.push({ readyAfterMs: 150_000 });
    await s.t.call('channels.whatsapp.connect');
    await until('linked', () => status().state === 'starting' && status().detail === 'Linked. Loading your chats…');
    await advance(150_000);
    expect(status().state).toBe('connected');
    await advance(60_000);
    expect(s.wa.clients).toHaveLength(1);
    expect(s.wa.latest.destroyed).toBe(false);
  });

  it('a big account that keeps reporting loading progress is not a hang; progress that stops is', async () => {
    const s = await setup();
    s.wa.starts.push('never_ready');
    await s.t.call('channels.whatsapp.connect');
    await until('linked', () => status().detail === 'Linked. Loading your chats…');
    for (const percent of [10, 35, 60, 85]) {
      await advance(150_000);
      s.wa.latest.loadingProgress(percent);
    }
    expect(status()).toMatchObject({ state: 'starting', detail: 'Linked. Loading your chats… 85%' });
    expect(s.wa.clients).toHaveLength(1);
    await advance(180_000);
    expect(status().state).toBe('disconnected');
    expect(s.wa.clients[0].destroyed).toBe(true);
  });

  it('waiting for the owner to scan the QR code is not a hang', async () => {
    const s = await setup({ linked: false });
    await s.t.call('channels.whatsapp.connect');
    await until('qr', () => status().state === 'waiting_for_scan');
    await advance(30 * 60_000);
    expect(status().state).toBe('waiting_for_scan');
    expect(s.wa.clients).toHaveLength(1);
  });
});

describe('the WhatsApp Web version', () => {
  it('uses the local cache by default; a pinned version (Advanced) restarts WhatsApp with it; a bad one is refused', async () => {
    const s = await setup();
    await s.t.call('channels.whatsapp.connect');
    await until('connected', () => status().state === 'connected');
    expect(s.wa.latest.options.webVersion).toEqual({ kind: 'local' });
    expect(s.wa.latest.options.authTimeoutMs).toBe(60_000);

    await expect(s.t.call('channels.whatsapp.update', { webVersion: 'latest' })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(s.t.call('channels.whatsapp.update', { webVersionRemote: 'https://example.org/wa.html' })).rejects.toMatchObject({
      code: 'invalid_input',
    });
    expect(s.wa.clients).toHaveLength(1);

    await s.t.call('channels.whatsapp.update', { webVersion: '2.3000.1023180766' });
    await until('restarted', () => s.wa.clients.length === 2 && status().state === 'connected');
    expect(s.wa.latest.options.webVersion).toEqual({
      kind: 'pinned',
      version: '2.3000.1023180766',
      remotePath: 'https://raw.githubusercontent.com/wppconnect-team/wa-version/main/html/{version}.html',
    });
    // Changing only the restart rule needs no restart.
    await s.t.call('channels.whatsapp.update', { quietHour: 3, memoryLimitMb: 2048 });
    expect(s.wa.clients).toHaveLength(2);
  });

  it('WhatsApp settings saved before these options existed still load, with the defaults', async () => {
    const s = await setup();
    s.t.app.services.repos.settings.set('channels.whatsapp', {
      enabled: false,
      browserPath: '/opt/chrome',
      ignoreGroups: false,
      ignoreStatus: true,
    });
    const o = (await s.t.call('channels.overview')).whatsapp;
    expect(o).toMatchObject({
      browserPath: '/opt/chrome',
      ignoreGroups: false,
      webVersion: null,
      quietHour: 4,
      memoryLimitMb: 1024,
      maxUptimeDays: 3,
    });
  });
});

describe('the watchdog', () => {
  it('a page that crashed while idle is replaced, keeping the link to the phone (no new QR code)', async () => {
    const s = await setup();
    await connectedWithJohn(s);
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const first = s.wa.latest;
    first.crashPage(PAGE_CRASH);
    first.hangDestroy = true; // closing a crashed page can hang too
    const seen: string[] = [];
    s.t.app.services.hub.onStatus((x) => seen.push(x.state));
    await advance(60_000);
    expect(seen[0]).toBe('reconnecting');
    expect(status().detail).toBe('WhatsApp Web stopped responding. Lavka is restarting it; the link to your phone is kept.');
    expect(log).toHaveBeenCalledWith(expect.stringContaining('Execution context was destroyed'));
    // The hung close is given up on and the browser process ended, or its profile would stay locked.
    await advance(20_000);
    expect(first.killed).toBe(true);
    await until('connected again', () => status().state === 'connected');
    expect(s.wa.clients).toHaveLength(2);
    expect(seen).not.toContain('waiting_for_scan');
    expect(s.wa.phone.linked).toBe(true);
  });

  it('a detached frame or a page evaluation error is caught by the cheap page check', async () => {
    const s = await setup();
    await connectedWithJohn(s);
    s.wa.latest.pupPage.brokenWith = DETACHED_FRAME;
    const evaluationsBefore = s.wa.latest.pupPage.evaluations;
    await advance(60_000);
    await until('replaced', () => s.wa.clients.length === 2 && status().state === 'connected');
    expect(s.wa.clients[0].pupPage.evaluations).toBe(evaluationsBefore);
  });

  it('getState() answering null, or a page that lost its helpers, counts as stuck after three checks in a row', async () => {
    const s = await setup();
    await connectedWithJohn(s);
    s.wa.latest.waState = null;
    await advance(60_000);
    await advance(60_000);
    expect(s.wa.clients).toHaveLength(1);
    expect(status().state).toBe('connected');
    await advance(60_000);
    await until('replaced', () => s.wa.clients.length === 2 && status().state === 'connected');

    s.wa.latest.pupPage.helpers = 'undefined';
    await advance(60_000);
    s.wa.latest.pupPage.helpers = 'object'; // a blip resets the count
    await advance(60_000);
    s.wa.latest.pupPage.helpers = 'undefined';
    await advance(120_000);
    expect(s.wa.clients).toHaveLength(2);
  });

  it('a page that does not answer at all is replaced', async () => {
    const s = await setup();
    await connectedWithJohn(s);
    s.wa.latest.hangState = true;
    await advance(60_000);
    await advance(20_000);
    await until('replaced', () => s.wa.clients.length === 2 && status().state === 'connected');
  });

  it('a page that dies mid-send: what WhatsApp already had is recorded, not sent again; what it never got goes once', async () => {
    const s = await setup();
    const conv = await connectedWithJohn(s);
    const client = s.wa.latest;
    client.crashNextSend = { when: 'after_accept', error: PAGE_CRASH };
    const reached = await s.t.call('messages.send', { conversationId: conv, text: 'reached WhatsApp before the crash' });
    await s.t.app.services.outbox.settle();
    const msg = (id: number) => s.t.app.services.repos.messages.get(id)!;
    // Never "sent" on the strength of a page that died: it waits, marked to be checked.
    expect(msg(reached.id).status).toBe('queued');
    expect(msg(reached.id).error).toMatch(/stopped responding during the send/);
    await until('connected again', () => status().state === 'connected' && s.wa.clients.length === 2);
    expect(s.wa.clients[0].destroyed).toBe(true);
    s.wa.latest.crashNextSend = { when: 'before_accept', error: DETACHED_FRAME };
    const lost = await s.t.call('messages.send', { conversationId: conv, text: 'never reached WhatsApp' });
    await advance(3_000);
    await s.t.app.services.outbox.settle();
    await until('connected a third time', () => status().state === 'connected' && s.wa.clients.length === 3);
    await advance(5_000);
    await s.t.app.services.outbox.settle();

    expect(msg(reached.id).status).toBe('sent');
    expect(msg(lost.id).status).toBe('sent');
    // Counted at WhatsApp: each message exactly once, over all three clients.
    expect(s.wa.copies(JOHN, 'reached WhatsApp before the crash')).toBe(1);
    expect(s.wa.copies(JOHN, 'never reached WhatsApp')).toBe(1);
    expect(s.wa.clients[2].sent.map((x) => x.text)).toEqual(['never reached WhatsApp']);
  });

  it('a send first checks the state: a page that is not connected gets nothing, and the message waits', async () => {
    const s = await setup();
    const conv = await connectedWithJohn(s);
    s.wa.latest.waState = 'OPENING' as WAState;
    const out = await s.t.call('messages.send', { conversationId: conv, text: 'wait for it' });
    await s.t.app.services.outbox.settle();
    expect(s.wa.latest.sent).toHaveLength(0);
    expect(s.t.app.services.repos.messages.get(out.id)).toMatchObject({
      status: 'queued',
      error: 'WhatsApp Web is not ready to send (WhatsApp Web is OPENING)',
    });
    s.wa.latest.waState = 'CONNECTED' as WAState;
    await advance(2_000);
    await s.t.app.services.outbox.settle();
    expect(s.wa.latest.sent.map((x) => x.text)).toEqual(['wait for it']);
    expect(s.wa.clients).toHaveLength(1);
  });
});

describe('hard stops', () => {
  it('another WhatsApp Web taking over stops all sending, tells the owner, never reconnects by itself; "Use WhatsApp in Lavka" resumes', async () => {
    const s = await setup();
    const conv = await connectedWithJohn(s);
    s.wa.latest.waState = 'CONFLICT' as WAState;
    await advance(60_000);
    expect(status().state).toBe('conflict');
    expect(status().detail).toContain('opened on another computer');
    expect(s.notices.map((n) => n.title)).toEqual(['WhatsApp is open somewhere else']);

    const out = await s.t.call('messages.send', { conversationId: conv, text: 'queued during the conflict' });
    await advance(6 * 3_600_000);
    await s.t.app.services.outbox.settle();
    expect(s.wa.clients).toHaveLength(1); // no reconnect loop fighting the other session
    expect(s.wa.copies(JOHN, 'queued during the conflict')).toBe(0);
    expect((await s.t.call('outbox.queue')).channels).toMatchObject([{ channel: 'whatsapp', pending: 1, waitingFor: 'channel' }]);

    await s.t.call('channels.whatsapp.connect');
    await until('connected', () => status().state === 'connected');
    await s.t.app.services.outbox.settle();
    expect(s.t.app.services.repos.messages.get(out.id)!.status).toBe('sent');
    expect(s.wa.copies(JOHN, 'queued during the conflict')).toBe(1);
  });

  it('CONFLICT reported by the library as a disconnect is the same hard stop', async () => {
    const s = await setup();
    await connectedWithJohn(s);
    s.wa.latest.disconnect('CONFLICT');
    expect(status().state).toBe('conflict');
    await advance(3_600_000);
    expect(s.wa.clients).toHaveLength(1);
  });

  it('a TOS block stops everything and says so; no reconnect', async () => {
    const s = await setup();
    await connectedWithJohn(s);
    s.wa.latest.disconnect('TOS_BLOCK');
    expect(status()).toMatchObject({ state: 'blocked' });
    expect(status().detail).toContain('WhatsApp blocked this number');
    expect(s.notices.map((n) => n.title)).toEqual(['WhatsApp blocked this number']);
    await advance(3_600_000);
    expect(s.wa.clients).toHaveLength(1);
  });

  it('UNPAIRED found by the watchdog is a logout: "Connect again", no loop', async () => {
    const s = await setup();
    await connectedWithJohn(s);
    s.wa.latest.waState = 'UNPAIRED' as WAState;
    await advance(60_000);
    expect(status().state).toBe('logged_out');
    await advance(3_600_000);
    expect(s.wa.clients).toHaveLength(1);
    expect(s.notices.map((n) => n.title)).toEqual(['WhatsApp logged Lavka out']);
  });
});

describe('linking with a pairing code', () => {
  it('asks for the number, shows the 8-character code until it expires, then a new one links', async () => {
    const s = await setup({ linked: false });
    await s.t.call('channels.whatsapp.connect');
    await until('qr', () => status().state === 'waiting_for_scan' && !!status().qrImage);

    await expect(s.t.call('channels.whatsapp.pairingCode', { phone: 'call me' })).rejects.toMatchObject({ code: 'invalid_input' });
    const { code } = await s.t.call('channels.whatsapp.pairingCode', { phone: '+49 1520 0000001' });
    expect(code).toMatch(/^[A-Z0-9]{8}$/);
    expect(s.wa.latest.pairingRequests).toMatchObject([{ phone: '4915200000001', showNotification: true }]);
    const startedAt = s.t.clock.now();
    expect(status()).toMatchObject({
      state: 'waiting_for_scan',
      pairing: { phone: '+49 1520 0000001', code, expiresAt: startedAt + 180_000 },
    });
    expect(status().detail).toContain('Link with phone number instead');

    await advance(179_000);
    expect(status().pairing).toMatchObject({ code });
    await advance(1_000);
    expect(status().pairing).toEqual({ phone: '+49 1520 0000001', expired: true });
    expect(status().detail).toContain('The code expired');

    // A local number is read in the shop's region (Germany here).
    const second = await s.t.call('channels.whatsapp.pairingCode', { phone: '01520 0000001' });
    expect(s.wa.latest.pairingRequests.at(-1)?.phone).toBe('4915200000001');
    expect(status().pairing).toMatchObject({ code: second.code });
    s.wa.latest.typeCode(second.code);
    await until('connected', () => status().state === 'connected');
    expect(status().pairing).toBeUndefined();
    await expect(s.t.call('channels.whatsapp.pairingCode', { phone: '+49 1520 0000001' })).rejects.toMatchObject({ code: 'conflict' });
  });

  it('"Scan a QR code instead" goes back to the QR code', async () => {
    const s = await setup({ linked: false });
    await s.t.call('channels.whatsapp.connect');
    await until('qr', () => status().state === 'waiting_for_scan' && !!status().qrImage);
    await s.t.call('channels.whatsapp.pairingCode', { phone: '+49 1520 0000001' });
    await s.t.call('channels.whatsapp.pairingCancel');
    expect(s.wa.latest.pairingCancelled).toBe(1);
    expect(status().pairing).toBeUndefined();
    expect(status().qrImage).toMatch(/^data:image\/png/);
  });
});

describe('bounded Chrome', () => {
  it('shows the browser memory, and restarts a browser over the limit only in the quiet hour, once, keeping the link', async () => {
    // 10:00 in Berlin; the quiet hour is 04:00 there.
    const s = await setup();
    await connectedWithJohn(s);
    s.wa.latest.memoryBytes = 1500 * MB;
    await advance(60_000);
    expect(status().memoryBytes).toBe(1500 * MB);
    expect((await s.t.call('channels.overview')).whatsapp.status.memoryBytes).toBe(1500 * MB);
    await jumpTo('2026-03-03T02:59:30Z'); // 03:59 Berlin: not yet
    expect(s.wa.clients).toHaveLength(1);
    await advance(60_000); // 04:00 Berlin
    expect(status().state).toBe('connected');
    await until('restarted', () => s.wa.clients.length === 2 && status().state === 'connected');
    expect(s.wa.clients[0].destroyed).toBe(true);
    expect(s.wa.phone.linked).toBe(true);

    // Still big right after the restart: no second restart the same night.
    s.wa.latest.memoryBytes = 1500 * MB;
    await advance(50 * 60_000);
    expect(s.wa.clients).toHaveLength(2);
  });

  it('restarts a browser that has run for several days, in the quiet hour', async () => {
    const s = await setup();
    await t!.call('channels.whatsapp.update', { maxUptimeDays: 2, quietHour: 23 });
    await connectedWithJohn(s);
    await jumpTo('2026-03-03T22:30:00Z'); // day 1, 23:30 Berlin: not old enough
    expect(s.wa.clients).toHaveLength(1);
    await jumpTo('2026-03-04T22:01:00Z'); // two and a half days after the start, 23:01 Berlin
    await until('restarted', () => s.wa.clients.length === 2 && status().state === 'connected');
  });
});
