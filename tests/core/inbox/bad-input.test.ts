import { afterEach, describe, expect, it } from 'vitest';
import { flush, makeTestApp, type TestApp } from '../../helpers/test-app';
import { MAX_BODY_CHARS } from '../../../main/core/inbox/service';

let t: TestApp;
afterEach(async () => t?.close());

export const ODD_TEXTS = {
  html: '<script>alert("x")</script><img src=x onerror=alert(1)><b>bold</b>',
  emoji: '👩‍👩‍👧‍👦 🇺🇦 🍕🍕 👍🏽',
  rtl: 'مرحبا، هل لديكم خبز؟ ‏שלום‏',
  zeroWidth: 'a\u200Bb\u200Cc\u200Dd\uFEFFe\u2066f\u2069',
  control: 'line1\r\nline2\ttab\u0000nul',
  huge: 'x'.repeat(100 * 1024),
};

describe('odd and hostile input is stored exactly and nothing breaks', () => {
  it('stores names and bodies byte-for-byte through the real inbound path', async () => {
    t = await makeTestApp();
    for (const [kind, text] of Object.entries(ODD_TEXTS)) {
      const r = await t.call('sandbox.say', { name: `${text.slice(0, 100)}`, text });
      const msgs = await t.call('messages.list', { conversationId: r.conversationId! });
      expect(msgs[0].body, kind).toBe(text);
      const contact = await t.call('contacts.get', {
        contactId: (await t.call('inbox.get', { conversationId: r.conversationId! })).contactId,
      });
      expect(contact.name, kind).toBe(text.slice(0, 100).trim() || r.customerKey);
    }
  });

  it('keeps the one-line preview readable: no zero-width or bidi controls, bounded length', async () => {
    t = await makeTestApp();
    const r = await t.call('sandbox.say', { name: 'Z', text: ODD_TEXTS.zeroWidth });
    expect((await t.call('inbox.get', { conversationId: r.conversationId! })).lastPreview).toBe('abcdef');
    const h = await t.call('sandbox.say', { name: 'H', text: ODD_TEXTS.huge });
    expect(Array.from((await t.call('inbox.get', { conversationId: h.conversationId! })).lastPreview).length).toBeLessThanOrEqual(140);
  });

  it('sends odd text out unchanged', async () => {
    t = await makeTestApp();
    const got: string[] = [];
    t.app.services.sandbox.onDelivery((d) => got.push(d.text));
    const r = await t.call('sandbox.say', { name: 'A', text: 'hi' });
    for (const text of [ODD_TEXTS.html, ODD_TEXTS.emoji, ODD_TEXTS.rtl, ODD_TEXTS.huge])
      await t.call('messages.send', { conversationId: r.conversationId!, text });
    await t.app.services.outbox.settle();
    await flush();
    expect(got).toEqual([ODD_TEXTS.html, ODD_TEXTS.emoji, ODD_TEXTS.rtl, ODD_TEXTS.huge]);
  });

  it('refuses an outgoing message over the size limit with a clear error, and truncates a monster inbound one', async () => {
    t = await makeTestApp();
    const r = await t.call('sandbox.say', { name: 'A', text: 'hi' });
    await expect(
      t.call('messages.send', { conversationId: r.conversationId!, text: 'y'.repeat(MAX_BODY_CHARS + 1) }),
    ).rejects.toMatchObject({ code: 'invalid_input' });
    const stored = t.app.services.inbox.receive({
      channel: 'sandbox',
      externalId: 'big',
      from: { externalId: 'sb-big', display: 'Big' },
      kind: 'text',
      body: 'z'.repeat(MAX_BODY_CHARS * 2),
      at: 1,
    });
    expect(stored.stored).toBe(true);
    expect(t.app.services.repos.messages.get(stored.messageId!)!.body).toHaveLength(MAX_BODY_CHARS);
  });
});
