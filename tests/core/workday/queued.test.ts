import { afterEach, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from '../../helpers/test-app';

let t: TestApp;
afterEach(async () => t?.close());

// Workers off: the outbox does not run, so a reply stays queued until the test claims it like the outbox would.
async function queuedReply(text: string) {
  const conversationId = (await t.call('sandbox.say', { name: 'Anna', text: 'Do you have rye bread?' })).conversationId!;
  const before = (await t.call('inbox.get', { conversationId })).lastPreview;
  const m = await t.call('messages.send', { conversationId, text });
  return { conversationId, messageId: m.id, before };
}

describe('taking back or rewriting a queued reply', () => {
  it('cancel removes the message and its queue row; the row shows the previous message again', async () => {
    t = await makeTestApp({ startWorkers: false });
    const { conversationId, messageId, before } = await queuedReply('Yes, 3 left');
    await t.call('messages.cancelQueued', { messageId });
    expect((await t.call('messages.list', { conversationId })).map((m) => m.id)).not.toContain(messageId);
    expect(t.app.services.repos.outbox.get(messageId)).toBeUndefined();
    expect((await t.call('inbox.get', { conversationId })).lastPreview).toBe(before);
  });

  it('edit changes what will be sent and the preview', async () => {
    t = await makeTestApp({ startWorkers: false });
    const { conversationId, messageId } = await queuedReply('Yes, 3 left');
    await t.call('messages.editQueued', { messageId, text: 'Yes, 2 left' });
    expect((await t.call('messages.list', { conversationId }))[0]).toMatchObject({ id: messageId, body: 'Yes, 2 left', status: 'queued' });
    expect((await t.call('inbox.get', { conversationId })).lastPreview).toBe('Yes, 2 left');
  });

  it('loses cleanly once the outbox claimed the message: nothing changes, the owner is told', async () => {
    t = await makeTestApp({ startWorkers: false });
    const { conversationId, messageId } = await queuedReply('Yes, 3 left');
    expect(t.app.services.repos.outbox.markSending(messageId, t.clock.now())).toBe(true);
    await expect(t.call('messages.cancelQueued', { messageId })).rejects.toThrow(/conflict.*already being sent/);
    await expect(t.call('messages.editQueued', { messageId, text: 'changed' })).rejects.toThrow(/conflict/);
    expect((await t.call('messages.list', { conversationId }))[0]).toMatchObject({ id: messageId, body: 'Yes, 3 left' });
    expect(t.app.services.repos.outbox.get(messageId)?.state).toBe('sending');
  });

  it('a cancelled message is never sent when the outbox runs', async () => {
    t = await makeTestApp();
    const delivered: string[] = [];
    t.app.services.sandbox.onDelivery((d) => delivered.push(d.text));
    await t.app.services.outbox.stop();
    const { conversationId, messageId } = await queuedReply('Take me back');
    await t.call('messages.cancelQueued', { messageId });
    await t.call('messages.send', { conversationId, text: 'The real answer' });
    t.app.services.outbox.start();
    await t.app.services.outbox.settle();
    expect(delivered).toEqual(['The real answer']);
  });
});
