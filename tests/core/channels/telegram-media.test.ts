// Telegram media through the real core and real grammY against the fake Bot API: getFile + the file route for what
// customers send, multipart sendPhoto/sendDocument/sendVoice for what the owner sends, a failed download and Retry.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from '../../helpers/test-app';
import { until } from '../../helpers/until';
import { FakeTelegram } from '../../helpers/fake-telegram';

let t: TestApp | undefined;
let tg: FakeTelegram | undefined;
afterEach(async () => {
  await t?.close();
  await tg?.close();
  t = tg = undefined;
});

const ANNA = { id: 5001, first_name: 'Anna' };
const PHOTO = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(5000, 3)]);
const VOICE = Buffer.concat([Buffer.from('OggS'), Buffer.alloc(3000, 9)]);

async function appWithTelegram(): Promise<{ t: TestApp; tg: FakeTelegram }> {
  tg = await FakeTelegram.start();
  t = await makeTestApp({
    env: { LAVKA_TELEGRAM_BOT_TOKEN: tg.token, LAVKA_TELEGRAM_API_ROOT: tg.apiRoot },
    channels: { telegram: { pollTimeoutSeconds: 1, retryBaseMs: 200, retryMaxMs: 1_000 } },
  });
  await until('telegram connected', () => t!.app.services.hub.status('telegram').state === 'connected');
  return { t, tg };
}

async function messages(t: TestApp) {
  const [conv] = (await t.call('inbox.list', {})).items;
  if (!conv) return [];
  return (await t.call('messages.list', { conversationId: conv.id })).reverse();
}

function storedBytes(t: TestApp, mediaId: number): Buffer {
  return readFileSync(t.app.services.media.file(mediaId)!.path);
}

describe('Telegram media', () => {
  it('downloads the largest size of a photo and a voice note with getFile and the file route', async () => {
    const { t, tg } = await appWithTelegram();
    tg.customerSendsPhoto(ANNA, PHOTO, 'Like this one');
    tg.customerSendsFile(ANNA, 'voice', VOICE);
    await until('two stored', async () => (await messages(t)).filter((m) => m.media?.state === 'stored').length === 2);
    const [photo, voice] = await messages(t);
    expect(photo).toMatchObject({
      kind: 'image',
      body: 'Like this one',
      media: { state: 'stored', mime: 'image/jpeg', size: PHOTO.length },
    });
    expect(voice).toMatchObject({ kind: 'voice', media: { state: 'stored', mime: 'audio/ogg', size: VOICE.length } });
    expect(storedBytes(t, photo.media!.id)).toEqual(PHOTO);
    expect(storedBytes(t, voice.media!.id)).toEqual(VOICE);
    // Only the big photo was fetched, not the thumbnail.
    expect(tg.downloads).toEqual(['photos/file_1.jpg', 'voice/file_3.oga']);
  });

  it('does not download a file announced over the cap, and a failed download keeps the message and succeeds on Retry', async () => {
    const { t, tg } = await appWithTelegram();
    await t.call('media.settings.set', { media: { maxFileMB: 1 }, ownerPhone: { pauseMinutes: 30 } });
    tg.customerSendsFile(ANNA, 'document', Buffer.alloc(10), {
      file_name: 'huge.zip',
      declaredSize: 5 * 1024 * 1024,
      caption: 'all my photos',
    });
    await until('refused', async () => (await messages(t))[0]?.media?.state === 'failed');
    expect((await messages(t))[0]).toMatchObject({
      kind: 'document',
      body: 'all my photos',
      media: { fileName: 'huge.zip', error: 'too_large' },
    });
    expect(tg.callsOf('getFile')).toBe(0);

    tg.brokenDownloads.set('documents/file_2.bin', 502);
    tg.customerSendsFile(ANNA, 'document', Buffer.from('%PDF order list'), { file_name: 'order.pdf', mime_type: 'application/pdf' });
    await until('failed', async () => (await messages(t))[1]?.media?.state === 'failed');
    const failed = (await messages(t))[1];
    expect(failed.media).toMatchObject({ fileName: 'order.pdf' });
    expect(failed.media!.error).toMatch(/^download_failed: Telegram answered 502/);

    tg.brokenDownloads.clear();
    const retried = await t.call('media.retry', { messageId: failed.id });
    expect(retried).toMatchObject({ id: failed.id, media: { state: 'stored', size: 15, mime: 'application/pdf' } });
  });

  it('sends a photo, a document and a voice note as multipart uploads with the caption', async () => {
    const { t, tg } = await appWithTelegram();
    tg.customerWrites(ANNA, 'Do you have the menu?');
    await until('filed', async () => (await messages(t)).length === 1);
    const conv = (await t.call('inbox.list', {})).items[0].id;
    const send = async (fileName: string, mime: string, data: Buffer, text: string) => {
      const up = await t.call('media.upload', { fileName, mime, dataBase64: data.toString('base64') });
      return t.call('messages.send', { conversationId: conv, text, mediaId: up.mediaId });
    };
    await send('cake.jpg', 'image/jpeg', PHOTO, 'Our honey cake');
    await send('Меню.pdf', 'application/pdf', Buffer.from('%PDF menu'), '');
    await send('voice-1.ogg', 'audio/ogg', VOICE, '');
    await until('three files', () => tg.sentFiles.length === 3);
    expect(tg.sentFiles.map((f) => [f.method, f.chatId, f.fileName, f.caption, f.data.length])).toEqual([
      ['sendPhoto', 5001, 'cake.jpg', 'Our honey cake', PHOTO.length],
      ['sendDocument', 5001, 'Меню.pdf', '', 9],
      ['sendVoice', 5001, 'voice-1.ogg', '', VOICE.length],
    ]);
    expect(tg.sentFiles[0].data).toEqual(PHOTO);
    await t.app.services.outbox.settle();
    expect((await messages(t)).slice(1).map((m) => [m.kind, m.status])).toEqual([
      ['image', 'sent'],
      ['document', 'sent'],
      ['voice', 'sent'],
    ]);
  });

  it('sends a caption longer than Telegram allows as the file followed by the text', async () => {
    const { t, tg } = await appWithTelegram();
    tg.customerWrites(ANNA, 'Tell me everything');
    await until('filed', async () => (await messages(t)).length === 1);
    const conv = (await t.call('inbox.list', {})).items[0].id;
    const up = await t.call('media.upload', { fileName: 'cake.jpg', mime: 'image/jpeg', dataBase64: PHOTO.toString('base64') });
    const long = 'Ingredients: '.padEnd(1500, 'flour, honey, ');
    await t.call('messages.send', { conversationId: conv, text: long, mediaId: up.mediaId });
    await until('sent', () => tg.sent.length === 1);
    expect(tg.sentFiles.map((f) => [f.method, f.caption])).toEqual([['sendPhoto', '']]);
    expect(tg.sent[0].text).toBe(long.trim());
  });
});
