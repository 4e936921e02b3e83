// The demo shop's starter labels are in the owner's UI language, follow it when the owner switches, and stay as the
// owner wrote them once renamed. An owner's own label of the same name in a real shop is never touched.
import { afterEach, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from '../../helpers/test-app';
import { seedDemo } from '../../../main/core/demo/seed';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const names = async (t: TestApp) => (await t.call('labels.list')).map((l) => l.name).sort();

describe('demo labels in the owner language', () => {
  it('are renamed with the UI language until the owner renames one', async () => {
    t = await makeTestApp({ setup: false, start: false });
    seedDemo(t.app.services);
    await t.app.start();
    expect(await names(t)).toEqual(['New customer', 'Paid', 'To deliver']);
    await t.call('settings.update', { preferences: { uiLanguage: 'ru' } });
    expect(await names(t)).toEqual(['Доставить', 'Новый клиент', 'Оплачено']);
    const paid = (await t.call('labels.list')).find((l) => l.name === 'Оплачено')!;
    await t.call('labels.update', { id: paid.id, name: 'Оплачено картой', color: paid.color });
    await t.call('settings.update', { preferences: { uiLanguage: 'es' } });
    expect(await names(t)).toEqual(['Cliente nuevo', 'Por entregar', 'Оплачено картой']);
    // The labels keep their conversations.
    expect((await t.call('labels.list')).find((l) => l.name === 'Por entregar')?.conversations).toBe(1);
  });

  it("never renames a real shop's own labels", async () => {
    t = await makeTestApp();
    await t.call('labels.create', { name: 'Paid', color: '#2e7d32' });
    await t.call('settings.update', { preferences: { uiLanguage: 'ru' } });
    expect(await names(t)).toEqual(['Paid']);
  });
});
