// The top strip lists every configured channel: a running one in whatever state it is in, and one that is set up
// (a linked WhatsApp phone) but switched off by the owner, so the owner sees it is off and where to turn it on.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTestApp, tempDir, type TestApp } from '../../helpers/test-app';
import { FakeWhatsApp } from '../../helpers/fake-whatsapp';
import { until } from '../../helpers/until';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const strip = async (t: TestApp) =>
  (await t.call('channels.list'))
    .filter((s) => s.state !== 'disabled' || s.configured)
    .map((s) => [s.channel, s.state])
    .sort();

describe('channel health strip', () => {
  it('keeps a linked WhatsApp the owner switched off, also after a restart; forgets one never linked', async () => {
    const dataDir = tempDir();
    const wa = new FakeWhatsApp();
    wa.phone.linked = true;
    const channels = {
      whatsappClient: wa.factory,
      findBrowser: () => ({ ok: true as const, path: '/opt/chrome', source: 'detected' as const }),
    };
    t = await makeTestApp({ dataDir, channels });
    expect(await strip(t)).not.toContainEqual(['whatsapp', expect.anything()]);
    await t.call('channels.whatsapp.connect');
    await until('connected', () => t!.app.services.hub.status('whatsapp').state === 'connected');
    // LocalAuth keeps the linked session here (the double does not write it).
    mkdirSync(join(dataDir, 'whatsapp', 'session', 'session-lavka'), { recursive: true });
    expect(await strip(t)).toContainEqual(['whatsapp', 'connected']);
    await t.call('channels.whatsapp.disconnect');
    expect(await strip(t)).toContainEqual(['whatsapp', 'disabled']);
    await t.close();
    t = await makeTestApp({ dataDir, channels, setup: false });
    expect(await strip(t)).toContainEqual(['whatsapp', 'disabled']);
  });
});
