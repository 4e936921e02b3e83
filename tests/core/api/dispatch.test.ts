import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { dispatch, describeMethods } from '../../../main/core/api/dispatch';
import { method, mergeMethods, nothing } from '../../../main/core/api/define';
import { AppError } from '../../../main/core/errors';
import { makeTestApp, type TestApp } from '../../helpers/test-app';

let t: TestApp;
afterEach(async () => t?.close());

describe('API guard', () => {
  it('answers bad input with invalid_input and the field, never by crashing', async () => {
    t = await makeTestApp();
    for (const bad of [
      null,
      'text',
      42,
      [],
      { conversationId: 'x' },
      { conversationId: -1, text: 'x' },
      { conversationId: 1.5, text: 'x' },
      { conversationId: 1 },
    ]) {
      const r = await dispatch(t.app.methods, 'messages.send', bad);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('invalid_input');
    }
    const r = await dispatch(t.app.methods, 'messages.send', { conversationId: 'x', text: 'hi' });
    expect(!r.ok && r.error.message).toMatch(/conversationId/);
  });

  it('answers unknown methods, including prototype names, with unknown_method', async () => {
    t = await makeTestApp();
    for (const name of ['nope', '__proto__', 'constructor', 'toString']) {
      const r = await dispatch(t.app.methods, name, {});
      expect(!r.ok && r.error.code).toBe('unknown_method');
    }
  });

  it('maps missing records to not_found and hides internal errors', async () => {
    t = await makeTestApp();
    const nf = await dispatch(t.app.methods, 'contacts.get', { contactId: 12345 });
    expect(!nf.ok && nf.error.code).toBe('not_found');
    const boom = mergeMethods({
      'x.boom': method(z.object({}), nothing, () => {
        throw new Error('SQLITE_CORRUPT at /secret/path');
      }),
      'x.app': method(z.object({}), nothing, () => {
        throw new AppError('conflict', 'Already linked');
      }),
    });
    const r = await dispatch(boom, 'x.boom', {});
    expect(!r.ok && r.error).toMatchObject({ code: 'internal' });
    expect(JSON.stringify(r)).not.toContain('secret');
    expect(await dispatch(boom, 'x.app', {})).toEqual({ ok: false, error: { code: 'conflict', message: 'Already linked' } });
  });

  it('refuses to register one method name twice', () => {
    const m = { 'a.b': method(z.object({}), z.number(), () => 1) };
    expect(() => mergeMethods(m, { ...m })).toThrow(/registered twice/);
  });

  it('describes every method with a JSON schema of its input', async () => {
    t = await makeTestApp();
    const list = describeMethods(t.app.methods);
    const send = list.find((m) => m.name === 'messages.send')!;
    expect(send.input).toMatchObject({ type: 'object', required: expect.arrayContaining(['conversationId', 'text']) });
    expect(list.map((m) => m.name)).toContain('inbox.list');
  });
});
