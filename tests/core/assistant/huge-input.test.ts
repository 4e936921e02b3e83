// A customer's monster message (one 1 MB "word", a pasted blob) must not stall Lavka: the assistant reads only the
// start of it. Before the cap, one regular expression in language detection took ~7.6 s for 100 KB and grows with
// the square of the length — at 1 MB these tests would not finish within the test timeout.
import { afterEach, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from '../../helpers/test-app';
import { buildTurnContext } from '../../../main/core/assistant/context';
import { detectLanguage } from '../../../main/core/assistant/language';
import { MAX_CUSTOMER_TEXT_CHARS } from '../../../main/core/assistant/limits';

let t: TestApp;
afterEach(async () => t?.close());

const MONSTER = 'L'.repeat(1024 * 1024);

describe('huge customer messages', () => {
  it('language detection reads only the start of a message', () => {
    expect(detectLanguage(MONSTER)).not.toBeUndefined();
    expect(detectLanguage('Здравствуйте, есть ли у вас ржаной хлеб? '.repeat(30_000))?.lang).toBe('ru');
  });

  it('the assistant builds its context for a conversation holding a 1 MB one-word message, using only its start', async () => {
    t = await makeTestApp();
    const r = await t.call('sandbox.say', { name: 'Blob', text: 'hello' });
    t.app.services.inbox.receive({
      channel: 'sandbox',
      externalId: 'monster',
      from: { externalId: r.customerKey, display: 'Blob' },
      kind: 'text',
      body: MONSTER.slice(0, 190_000),
      at: t.clock.now(),
    });
    const ctx = buildTurnContext(t.app.services, r.conversationId!);
    expect(ctx.variable).toContain('LLLL');
    expect(ctx.variable.length).toBeLessThan(MAX_CUSTOMER_TEXT_CHARS * 3);
    await expect(t.call('assistant.context', { conversationId: r.conversationId! })).resolves.toBeDefined();
  });
});
