// Photos and voice notes both ways on the sandbox channel: a pretend customer sends a photo and a voice note, the owner
// sees them inline (photo opens in the viewer, the voice note has a player) and replies with a catalog product's photo,
// which the customer's phone shows.
import { test, expect, shot } from './fixtures';

/** A one-second 440 Hz tone as a WAV file: a real, playable "voice note". */
function toneWav(): Buffer {
  const rate = 8000;
  const samples = rate;
  const b = Buffer.alloc(44 + samples * 2);
  b.write('RIFF', 0);
  b.writeUInt32LE(36 + samples * 2, 4);
  b.write('WAVEfmt ', 8);
  b.writeUInt32LE(16, 16);
  b.writeUInt16LE(1, 20);
  b.writeUInt16LE(1, 22);
  b.writeUInt32LE(rate, 24);
  b.writeUInt32LE(rate * 2, 28);
  b.writeUInt16LE(2, 32);
  b.writeUInt16LE(16, 34);
  b.write('data', 36);
  b.writeUInt32LE(samples * 2, 40);
  for (let i = 0; i < samples; i++) b.writeInt16LE(Math.round(Math.sin((2 * Math.PI * 440 * i) / rate) * 8000), 44 + i * 2);
  return b;
}

test('a customer sends a photo and a voice note; the owner sees them and replies with a catalog photo', async ({ page, lavka }) => {
  await page.goto(lavka.url);
  await expect(page.getByTestId('conversation-list')).toBeVisible();

  // Pictures drawn in the browser: the customer's cake photo (JPEG) and the shop's product photo (PNG data URL).
  const draw = (color: string, type: string) =>
    page.evaluate(
      ([c, t]) => {
        const canvas = document.createElement('canvas');
        canvas.width = 480;
        canvas.height = 360;
        const g = canvas.getContext('2d')!;
        g.fillStyle = '#fbf3e4';
        g.fillRect(0, 0, 480, 360);
        g.fillStyle = c;
        g.beginPath();
        g.ellipse(240, 200, 160, 90, 0, 0, Math.PI * 2);
        g.fill();
        g.fillStyle = '#fff';
        g.fillRect(90, 150, 300, 30);
        return canvas.toDataURL(t, 0.85);
      },
      [color, type],
    );
  const cake = Buffer.from((await draw('#8b4a2b', 'image/jpeg')).split(',')[1], 'base64');
  const productPhoto = await draw('#d9a441', 'image/png');
  const created = await page.evaluate(async (photo) => {
    // The page's own bridge sends its token in a header; a script in the page does the same.
    const token = document.querySelector<HTMLMetaElement>('meta[name="lavka-token"]')?.content ?? '';
    const r = await fetch('/api/catalog.create', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-lavka-token': token },
      body: JSON.stringify({ name: 'Honey cake', priceMinor: 1850, photo }),
    });
    return (await r.json()) as { ok: boolean };
  }, productPhoto);
  expect(created.ok).toBe(true);

  await page.getByTestId('try-as-customer').click();
  await page.getByTestId('sandbox-name').fill('Marta Photo');
  await page.getByTestId('sandbox-input').fill('Can you bake this for Saturday?');
  const sentAt = Date.now();
  await page.getByTestId('sandbox-file-input').setInputFiles({ name: 'IMG_2041.jpg', mimeType: 'image/jpeg', buffer: cake });
  await expect(page.getByTestId('sandbox-mine').getByTestId('media-image')).toBeVisible();
  await page.getByTestId('sandbox-voice').click();
  await page.getByTestId('sandbox-file-input').setInputFiles({ name: 'voice.wav', mimeType: 'audio/wav', buffer: toneWav() });
  await expect(page.getByTestId('sandbox-mine').getByTestId('media-audio')).toBeVisible();
  await shot(page, 'media-sandbox-customer-sends');

  await page
    .getByTestId('sandbox-panel')
    .getByRole('button', { name: /close|закрыть/i })
    .click();
  const row = page.getByTestId('conversation-row').filter({ hasText: 'Marta Photo' });
  await expect(row).toContainText('[Voice message]');
  await row.click();
  const photo = page.getByTestId('message').filter({ hasText: 'Can you bake this for Saturday?' });
  const img = photo.getByTestId('media-image').locator('img');
  await expect(img).toBeVisible();
  // The picture really loaded (through the authenticated /media route), not a broken image.
  await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.naturalWidth)).toBe(480);
  const displayedMs = Date.now() - sentAt;
  await expect(page.getByTestId('message').getByTestId('media-audio')).toBeVisible();
  await shot(page, 'media-owner-sees-photo-and-voice');

  await photo.getByTestId('media-image').click();
  await expect(page.getByTestId('media-viewer')).toBeVisible();
  await shot(page, 'media-viewer');
  await page.getByTestId('media-viewer-close').click();
  await expect(page.getByTestId('media-viewer')).toHaveCount(0);

  await page.getByTestId('attach-catalog').click();
  await expect(page.getByTestId('catalog-picker')).toBeVisible();
  await shot(page, 'media-catalog-picker');
  await page.getByTestId('catalog-photo').filter({ hasText: 'Honey cake' }).click();
  await expect(page.getByTestId('attachment')).toContainText('Honey cake');
  await page.getByTestId('composer').fill('Like this one? 18.50 €');
  await shot(page, 'media-reply-with-catalog-photo');
  await page.getByTestId('send').click();
  const reply = page.getByTestId('message').filter({ hasText: 'Like this one? 18.50 €' });
  await expect(reply).toHaveAttribute('data-status', /sent|delivered|read/);
  await expect(reply.getByTestId('media-image')).toBeVisible();
  await expect(page.getByTestId('attachment')).toHaveCount(0);

  await page.getByTestId('try-as-customer').click();
  await page.getByTestId('sandbox-customer').selectOption({ label: 'Marta Photo' });
  await expect(page.getByTestId('sandbox-reply').filter({ hasText: 'Like this one?' }).getByTestId('media-image')).toBeVisible();
  await shot(page, 'media-customer-gets-catalog-photo');

  const usage = await page.evaluate(async () => {
    const token = document.querySelector<HTMLMetaElement>('meta[name="lavka-token"]')?.content ?? '';
    return (await (await fetch('/api/media.usage', { method: 'POST', headers: { 'x-lavka-token': token }, body: '{}' })).json()) as {
      value: { files: number; bytes: number };
    };
  });
  console.log(
    `[media] photo shown to the owner ${displayedMs} ms after the customer sent it; media folder: ${usage.value.files} files, ${usage.value.bytes} bytes`,
  );
  // The demo shop already holds one photo (John Smith's croissants).
  expect(usage.value.files).toBe(4);
});

test('the demo photo, and Settings show the media storage, the pause after answering from the phone, and the Telegram Business setup', async ({
  page,
  lavka,
}) => {
  await page.goto(lavka.url);
  await page.getByTestId('conversation-row').filter({ hasText: 'John Smith' }).click();
  const demoPhoto = page.getByTestId('message').filter({ hasText: '30 croissants' }).getByTestId('media-image').locator('img');
  await expect.poll(() => demoPhoto.evaluate((el: HTMLImageElement) => el.naturalWidth)).toBe(480);
  await shot(page, 'media-demo-photo');
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('settings-tab-channels').click();
  await expect(page.getByTestId('owner-phone-settings')).toBeVisible();
  await expect(page.getByTestId('telegram-business')).toContainText('Telegram Business');
  await page.getByTestId('telegram-business').scrollIntoViewIfNeeded();
  await shot(page, 'media-settings-channels-business');
  await page.getByTestId('owner-phone-settings').scrollIntoViewIfNeeded();
  await shot(page, 'media-settings-channels-owner-phone');
  await page.getByTestId('settings-tab-data').click();
  await expect(page.getByTestId('media-usage')).toContainText(/^1 file, \d+ kB$/);
  console.log(`[media] demo media: ${await page.getByTestId('media-usage').textContent()}`);
  await shot(page, 'media-settings-data');
});
