// Media through the real core on the sandbox channel: a customer's photo and voice note stored owner-only, shown with
// the message, found by caption, served safely over HTTP, sent back through the outbox, capped in size, and erased
// with the customer.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { flush, makeTestApp, tempDir, type TestApp } from '../../helpers/test-app';
import { startHttpServer, type RunningServer } from '../../../main/server/http-server';
import type { SandboxDelivery } from '../../../main/core/channels/sandbox/sandbox-channel';

let t: TestApp | undefined;
let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  await t?.close();
  t = server = undefined;
});

/** A tiny but real JPEG header + bytes: enough to tell files apart. */
const PHOTO = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('customer photo of a cake')]);
const VOICE = Buffer.concat([Buffer.from('OggS'), Buffer.alloc(2000, 7)]);
const b64 = (b: Buffer) => b.toString('base64');

async function customerSends(t: TestApp, file: { data: Buffer; mime: string; fileName?: string; caption?: string; voice?: boolean }) {
  const r = await t.call('sandbox.sendMedia', {
    customerKey: 'sb-anna',
    name: 'Anna',
    fileName: file.fileName ?? '',
    mime: file.mime,
    dataBase64: b64(file.data),
    caption: file.caption ?? '',
    voice: file.voice ?? false,
  });
  await t.app.services.media.settle();
  return r.conversationId!;
}

async function lastMessage(t: TestApp, conversationId: number) {
  return (await t.call('messages.list', { conversationId, limit: 1 }))[0];
}

describe('media on the sandbox channel', () => {
  it('stores a photo and a voice note in an owner-only folder and shows them with the message', async () => {
    t = await makeTestApp();
    const conv = await customerSends(t, {
      data: PHOTO,
      mime: 'image/jpeg',
      fileName: 'cake.jpg',
      caption: 'Can you make this for Saturday?',
    });
    const photo = await lastMessage(t, conv);
    expect(photo).toMatchObject({
      kind: 'image',
      body: 'Can you make this for Saturday?',
      media: { state: 'stored', mime: 'image/jpeg', fileName: 'cake.jpg', size: PHOTO.length },
    });
    expect((await t.call('inbox.get', { conversationId: conv })).lastPreview).toBe('[image] Can you make this for Saturday?');

    await customerSends(t, { data: VOICE, mime: 'audio/ogg; codecs=opus', voice: true });
    const voice = await lastMessage(t, conv);
    expect(voice).toMatchObject({ kind: 'voice', media: { state: 'stored', size: VOICE.length } });

    const dir = join(t.dataDir, 'media');
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    const files = readdirSync(dir);
    expect(files).toHaveLength(2);
    for (const f of files) expect(statSync(join(dir, f)).mode & 0o777).toBe(0o600);
    // Lavka names the files itself; the customer's name never reaches the disk.
    expect(files.join()).not.toContain('cake');
    expect(await t.call('media.usage')).toMatchObject({ files: 2, bytes: PHOTO.length + VOICE.length });
  });

  it('finds a photo by its caption', async () => {
    t = await makeTestApp();
    const conv = await customerSends(t, { data: PHOTO, mime: 'image/jpeg', caption: 'Chocolate birthday cake with strawberries' });
    const found = await t.call('inbox.search', { query: 'strawberries' });
    expect(found.conversations.map((c) => c.id)).toEqual([conv]);
  });

  it('serves stored media only with the token, inline only for safe picture/audio types, everything else as a download', async () => {
    t = await makeTestApp();
    const conv = await customerSends(t, { data: PHOTO, mime: 'image/jpeg', fileName: 'cake.jpg' });
    const photo = (await lastMessage(t, conv)).media!;
    await customerSends(t, { data: Buffer.from('<svg onload="alert(1)"/>'), mime: 'image/svg+xml', fileName: '../../evil".svg' });
    const svg = (await lastMessage(t, conv)).media!;
    const rendererDir = tempDir();
    server = await startHttpServer(t.app, { host: '127.0.0.1', port: 0, token: 'tok', rendererDir });
    const base = `http://127.0.0.1:${server.port}`;
    expect((await fetch(`${base}/media/${photo.id}`)).status).toBe(401);

    const ok = await fetch(`${base}/media/${photo.id}?token=tok`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('image/jpeg');
    expect(ok.headers.get('content-disposition')).toMatch(/^inline; filename="cake.jpg"/);
    expect(ok.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await ok.arrayBuffer())).toEqual(PHOTO);

    const bad = await fetch(`${base}/media/${svg.id}?token=tok`);
    expect(bad.headers.get('content-type')).toBe('application/octet-stream');
    expect(bad.headers.get('content-disposition')).toMatch(/^attachment; filename="\.\._\.\._evil_\.svg"/);
    expect(bad.headers.get('content-security-policy')).toContain('sandbox');
    await bad.arrayBuffer();
    expect((await fetch(`${base}/media/999999?token=tok`)).status).toBe(404);
    expect((await fetch(`${base}/media/..%2Flavka.sqlite?token=tok`)).status).toBe(404);
  });

  it('refuses a file over the size cap with a reason on the message, and keeps the message', async () => {
    t = await makeTestApp();
    await t.call('media.settings.set', { media: { maxFileMB: 1 }, ownerPhone: { pauseMinutes: 30 } });
    const conv = await customerSends(t, { data: Buffer.alloc(1024 * 1024 + 1, 1), mime: 'video/mp4', caption: 'our wedding video' });
    expect(await lastMessage(t, conv)).toMatchObject({
      kind: 'video',
      body: 'our wedding video',
      media: { state: 'failed', error: 'too_large' },
    });
    expect(readdirSync(join(t.dataDir, 'media'))).toEqual([]);
    // The owner's own upload is refused the same way, with a clear error.
    await expect(
      t.call('media.upload', { fileName: 'big.bin', mime: 'application/zip', dataBase64: b64(Buffer.alloc(1024 * 1024 + 1)) }),
    ).rejects.toThrow(/larger than 1 MB/);
  });

  it('sends an attached photo and a catalog photo to the sandbox customer through the outbox', async () => {
    t = await makeTestApp();
    const conv = await customerSends(t, { data: PHOTO, mime: 'image/jpeg' });
    const deliveries: SandboxDelivery[] = [];
    t.app.services.sandbox.onDelivery((d) => deliveries.push(d));

    const up = await t.call('media.upload', {
      fileName: 'price list.pdf',
      mime: 'application/pdf',
      dataBase64: b64(Buffer.from('%PDF-1.4 prices')),
    });
    const sent = await t.call('messages.send', { conversationId: conv, text: 'Our prices', mediaId: up.mediaId });
    expect(sent).toMatchObject({
      kind: 'document',
      body: 'Our prices',
      status: 'queued',
      media: { state: 'stored', fileName: 'price list.pdf' },
    });
    // An attachment goes out once: the same upload cannot be sent again.
    await expect(t.call('messages.send', { conversationId: conv, text: '', mediaId: up.mediaId })).rejects.toThrow(/already sent/);

    const pixel = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
    const product = await t.call('catalog.create', { name: 'Honey cake', priceMinor: 1200, photo: `data:image/png;base64,${pixel}` });
    const fromCatalog = await t.call('media.fromProduct', { productId: product.id });
    const photo = await t.call('messages.send', { conversationId: conv, text: '', mediaId: fromCatalog.mediaId });
    expect(photo).toMatchObject({ kind: 'image', media: { mime: 'image/png', fileName: 'Honey cake.png' } });

    await t.app.services.outbox.settle();
    await flush();
    expect(deliveries.map((d) => d.messageId)).toEqual([sent.id, photo.id]);
    const thread = await t.call('sandbox.thread', { customerKey: 'sb-anna' });
    expect(thread.filter((m) => m.direction === 'out').map((m) => [m.kind, m.status])).toEqual([
      ['document', 'read'],
      ['image', 'read'],
    ]);
    const withoutPhoto = await t.call('catalog.create', { name: 'Rye bread', priceMinor: 300 });
    await expect(t.call('media.fromProduct', { productId: withoutPhoto.id })).rejects.toThrow(/has no photo/);
  });

  it('erases the files with the customer, and the export carries them', async () => {
    t = await makeTestApp();
    const conv = await customerSends(t, { data: PHOTO, mime: 'image/jpeg', fileName: 'cake.jpg' });
    await customerSends(t, { data: VOICE, mime: 'audio/ogg', voice: true });
    const contactId = (await t.call('inbox.get', { conversationId: conv })).contactId;

    const exp = await t.call('contacts.exportData', { contactId, format: 'json' });
    const doc = JSON.parse(readFileSync(t.app.services.downloads.get(exp.downloadId)!.path, 'utf8')) as {
      attachments: { fileName: string; mime: string; size: number; dataBase64: string }[];
    };
    expect(doc.attachments.map((a) => [a.fileName, a.mime, a.size])).toEqual([
      ['cake.jpg', 'image/jpeg', PHOTO.length],
      ['', 'audio/ogg', VOICE.length],
    ]);
    expect(Buffer.from(doc.attachments[0].dataBase64, 'base64')).toEqual(PHOTO);

    expect(readdirSync(join(t.dataDir, 'media'))).toHaveLength(2);
    await t.call('contacts.erase', { contactId });
    expect(readdirSync(join(t.dataDir, 'media'))).toEqual([]);
    expect(await t.call('media.usage')).toMatchObject({ files: 0, bytes: 0 });
  });

  it('keeps the files with the backups: a restore brings them back, deleting all backups removes them', async () => {
    t = await makeTestApp();
    const conv = await customerSends(t, { data: PHOTO, mime: 'image/jpeg', fileName: 'cake.jpg' });
    const contactId = (await t.call('inbox.get', { conversationId: conv })).contactId;
    const b = await t.app.services.backup.backupNow('manual');
    const pool = join(t.app.services.backup.dir(), 'media');
    expect(readdirSync(pool)).toHaveLength(1);

    await t.call('contacts.erase', { contactId });
    expect(readdirSync(join(t.dataDir, 'media'))).toEqual([]);
    await t.app.services.backup.restore(b.name);
    const restored = (await t.call('inbox.list', {})).items.find((c) => c.contactName === 'Anna')!;
    const photo = (await lastMessage(t, restored.id)).media!;
    expect(readFileSync(t.app.services.media.file(photo.id)!.path)).toEqual(PHOTO);

    t.app.services.backup.purgeAll();
    expect(readdirSync(pool)).toEqual([]);
  });
});
