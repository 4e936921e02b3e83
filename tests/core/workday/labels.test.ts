import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { makeTestApp, type TestApp } from '../../helpers/test-app';
import { downloaded, finished } from '../contacts/helpers';

let t: TestApp;
afterEach(async () => t?.close());

describe('labels', () => {
  it('are created, put on conversations, shown on rows and filter the inbox', async () => {
    t = await makeTestApp({ startWorkers: false });
    const a = (await t.call('sandbox.say', { name: 'Anna', text: 'hi' })).conversationId!;
    const b = (await t.call('sandbox.say', { name: 'Boris', text: 'hi' })).conversationId!;
    const paid = await t.call('labels.create', { name: ' Paid ', color: '#2E7D32' });
    expect(paid).toMatchObject({ name: 'Paid', color: '#2e7d32' });
    await t.call('conversations.setLabel', { conversationId: a, labelId: paid.id, on: true });
    expect((await t.call('inbox.get', { conversationId: a })).labelIds).toEqual([paid.id]);
    expect((await t.call('inbox.list', { label: paid.id })).items.map((x) => x.id)).toEqual([a]);
    expect((await t.call('labels.list')).find((l) => l.id === paid.id)?.conversations).toBe(1);
    await t.call('conversations.setLabel', { conversationId: a, labelId: paid.id, on: false });
    expect((await t.call('inbox.list', { label: paid.id })).items).toEqual([]);
    expect((await t.call('inbox.list', {})).items.map((x) => x.id)).toEqual([b, a]);
  });

  it('refuses duplicates (any case), empty names and bad colours, and deleting one frees its conversations', async () => {
    t = await makeTestApp({ startWorkers: false });
    const a = (await t.call('sandbox.say', { name: 'Anna', text: 'hi' })).conversationId!;
    const l = await t.call('labels.create', { name: 'To deliver', color: '#1565c0' });
    await expect(t.call('labels.create', { name: 'to DELIVER', color: '#000000' })).rejects.toThrow(/conflict/);
    await expect(t.call('labels.create', { name: '   ', color: '#000000' })).rejects.toThrow(/invalid_input/);
    await expect(t.call('labels.create', { name: 'x', color: 'red' })).rejects.toThrow(/invalid_input/);
    await t.call('labels.update', { id: l.id, name: 'Deliver today', color: '#ff0000' });
    await t.call('conversations.setLabel', { conversationId: a, labelId: l.id, on: true });
    await t.call('labels.remove', { id: l.id });
    expect((await t.call('inbox.get', { conversationId: a })).labelIds).toEqual([]);
    expect(await t.call('labels.list')).toEqual([]);
  });
});

describe('labels in the contacts export', () => {
  it("the Lavka CSV has a Labels column with each contact's conversation labels", async () => {
    t = await makeTestApp({ startWorkers: false });
    const a = (await t.call('sandbox.say', { name: 'Anna', text: 'hi' })).conversationId!;
    await t.call('sandbox.say', { name: 'Boris', text: 'hi' });
    for (const name of ['To deliver', 'Paid']) {
      const l = await t.call('labels.create', { name, color: '#6a1b9a' });
      await t.call('conversations.setLabel', { conversationId: a, labelId: l.id, on: true });
    }
    const job = await t.call('contacts.export', { columns: ['name', 'labels'] });
    const bytes = downloaded(t.app.services, await finished(t.app.services, job));
    expect(parse(bytes, { bom: true })).toEqual([
      ['Name', 'Labels'],
      ['Anna', 'Paid, To deliver'],
      ['Boris', ''],
    ]);
  });
});
