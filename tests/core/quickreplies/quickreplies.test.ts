import { afterEach, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from '../../helpers/test-app';

let t: TestApp;
afterEach(async () => t?.close());

describe('quick replies', () => {
  it('start with a few useful answers in the owner’s language', async () => {
    t = await makeTestApp();
    expect((await t.call('quickReplies.list')).map((q) => q.title)).toEqual(['Hello', 'Opening hours', 'Thanks']);
    t.app.services.settings.update({ preferences: { uiLanguage: 'ru' } });
    expect((await t.call('quickReplies.list'))[0].title).toBe('Приветствие');
  });

  it('save, edit and delete; deleting every one leaves none (defaults do not come back)', async () => {
    t = await makeTestApp();
    const saved = await t.call('quickReplies.save', { items: [{ title: 'Delivery', text: 'We deliver Mon–Sat, 5 € within 3 km.' }] });
    expect(saved).toHaveLength(1);
    expect(saved[0].id).toMatch(/\w+/);
    await t.call('quickReplies.save', { items: [{ ...saved[0], text: 'Free delivery over 30 €.' }] });
    expect((await t.call('quickReplies.list'))[0].text).toBe('Free delivery over 30 €.');
    await t.call('quickReplies.save', { items: [] });
    expect(await t.call('quickReplies.list')).toEqual([]);
  });

  it('refuses an empty quick reply with a clear message and keeps the old list', async () => {
    t = await makeTestApp();
    await t.call('quickReplies.save', { items: [{ title: 'Keep', text: 'me' }] });
    await expect(t.call('quickReplies.save', { items: [{ title: 'Empty', text: '   ' }] })).rejects.toThrow(/needs some text/);
    expect((await t.call('quickReplies.list')).map((q) => q.title)).toEqual(['Keep']);
  });
});
