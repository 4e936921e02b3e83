import { afterEach, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from '../../helpers/test-app';

let t: TestApp;
afterEach(async () => t?.close());

describe('settings', () => {
  it('a fresh data folder needs setup; setup saves everything the owner entered', async () => {
    t = await makeTestApp({ setup: false });
    expect((await t.call('app.info')).setupDone).toBe(false);
    await t.call('setup.complete', {
      business: {
        name: 'Салон «Ирис»',
        currency: 'RUB',
        timeZone: 'Europe/Moscow',
        region: 'RU',
        openingHours: { mon: null, tue: null, wed: null, thu: null, fri: null, sat: { open: '10:00', close: '20:00' }, sun: null },
      },
      preferences: { uiLanguage: 'ru', replyLanguage: 'ru' },
    });
    const s = await t.call('settings.get');
    expect(s.setupDone).toBe(true);
    expect(s.business).toMatchObject({ name: 'Салон «Ирис»', currency: 'RUB', description: '', address: '' });
  });

  it('changing one field keeps every other field (no silent reset to defaults)', async () => {
    t = await makeTestApp();
    const before = await t.call('settings.get');
    expect(before.business.description).toBe('Bread and pastries');
    await t.call('settings.update', { business: { name: 'Renamed Bakery' } });
    const after = await t.call('settings.get');
    expect(after.business).toEqual({ ...before.business, name: 'Renamed Bakery' });
    await t.call('settings.update', { preferences: { uiLanguage: 'ru' } });
    expect((await t.call('settings.get')).preferences).toEqual({ uiLanguage: 'ru', replyLanguage: 'en' });
  });

  it('refuses bad values with the field named, and changes nothing', async () => {
    t = await makeTestApp();
    await expect(t.call('settings.update', { business: { timeZone: 'Mars/Olympus' } })).rejects.toThrow(/timeZone: Unknown time zone/);
    await expect(
      t.call('settings.update', { business: { openingHours: { mon: { open: '25:00', close: '18:00' } } } } as never),
    ).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(t.call('setup.complete', { business: { name: '' } } as never)).rejects.toMatchObject({ code: 'invalid_input' });
    expect((await t.call('settings.get')).business.timeZone).toBe('Europe/Berlin');
  });
});

describe('partial saves of other settings sections', () => {
  it('saving only the assistant model keeps the default mode and the Auto rules', async () => {
    t = await makeTestApp();
    await t.call('assistant.saveSettings', { defaultMode: 'auto', maxAutoInRow: 5 });
    await t.call('assistant.saveSettings', { model: 'qwen3:4b-instruct' });
    expect(await t.call('assistant.settings')).toMatchObject({ model: 'qwen3:4b-instruct', defaultMode: 'auto', maxAutoInRow: 5 });
  });
});

describe('settings sections are parsed once per stored value', () => {
  it('sees a value changed behind its back (a restore, another service) and never leaks a caller’s mutation', async () => {
    t = await makeTestApp();
    const s = t.app.services.settings;
    const first = s.get();
    first.business.name = 'mutated by a caller';
    expect(s.get().business.name).toBe('Test Bakery');
    t.app.services.repos.settings.set('business', { ...s.get().business, name: 'Restored Bakery' });
    expect(s.get().business.name).toBe('Restored Bakery');
  });
});
