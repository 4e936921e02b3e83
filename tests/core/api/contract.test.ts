// The declared contract: every method names its output, an answer outside it fails in tests (and dev), outputs are
// JSON by type, and GET /api's description carries both schemas.
import { afterEach, describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { dispatch, describeMethods, CHECK_OUTPUTS_BY_DEFAULT } from '../../../main/core/api/dispatch';
import { method, mergeMethods, nothing } from '../../../main/core/api/define';
import { jsonProblem, type IsJsonSafe } from '../../../main/core/api/json-safe';
import type { ApiOutput } from '../../../main/core/api/contract';
import type { Message } from '../../../main/core/inbox/types';
import { makeTestApp, type TestApp } from '../../helpers/test-app';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

describe('declared outputs', () => {
  it('gives every method of the app an output schema that JSON Schema can describe', async () => {
    t = await makeTestApp();
    const names = Object.keys(t.app.methods);
    expect(names.length).toBeGreaterThan(150);
    for (const [name, def] of Object.entries(t.app.methods)) {
      expect(def.output, name).toBeInstanceOf(z.ZodType);
      // unrepresentable: 'throw' — a schema JSON Schema cannot say (a date, a map, a function) fails here by name.
      expect(() => z.toJSONSchema(def.output, { io: 'output', unrepresentable: 'throw' }), name).not.toThrow();
    }
  });

  it('checks answers against the declared output under tests', async () => {
    expect(CHECK_OUTPUTS_BY_DEFAULT).toBe(true);
    // A service that grew a field the contract does not declare (a value, not a fresh literal, so it type-checks).
    const row = { id: 1, name: 'Anna', passwordHash: 'secret' };
    const methods = mergeMethods({
      'x.leak': method(z.object({}), z.strictObject({ id: z.number(), name: z.string() }), () => row),
      'x.wrongType': method(z.object({}), z.strictObject({ count: z.number() }), () => JSON.parse('{"count":"7"}') as { count: number }),
      'x.opaque': method(z.object({}), z.strictObject({ result: z.unknown() }), () => ({ result: { at: new Date(0) } })),
      'x.fine': method(z.object({}), z.strictObject({ id: z.number(), name: z.string() }), () => ({ id: 1, name: 'Anna' })),
      'x.nothing': method(z.object({}), nothing, () => undefined),
    });
    for (const name of ['x.leak', 'x.wrongType', 'x.opaque']) {
      const r = await dispatch(methods, name, {});
      expect(r.ok, name).toBe(false);
      expect(!r.ok && r.error, name).toMatchObject({ code: 'internal', message: expect.stringContaining('outside its declared output') });
    }
    const leak = await dispatch(methods, 'x.leak', {});
    expect(!leak.ok && leak.error.message).toContain('passwordHash');
    expect(await dispatch(methods, 'x.fine', {})).toEqual({ ok: true, value: { id: 1, name: 'Anna' } });
    expect(await dispatch(methods, 'x.nothing', {})).toEqual({ ok: true, value: null });
    // The packaged app sends the value as it is (no check, no copy): behaviour does not depend on the check.
    expect(await dispatch(methods, 'x.leak', {}, { checkOutput: false })).toEqual({ ok: true, value: row });
  });

  it('finds what JSON would change in an answer at run time', () => {
    expect(jsonProblem({ a: [1, 'x', null, { b: true }] })).toBeUndefined();
    expect(jsonProblem({ a: { optional: undefined } })).toBeUndefined();
    expect(jsonProblem({ at: new Date(0) })).toBe('at is a Date');
    expect(jsonProblem({ list: [1, undefined] })).toBe('list.1 is undefined');
    expect(jsonProblem({ m: new Map() })).toBe('m is a Map');
    expect(jsonProblem({ n: 10n })).toBe('n is a bigint');
    expect(jsonProblem({ f: () => 1 })).toBe('f is a function');
    expect(jsonProblem({ x: Number.NaN })).toBe('x is NaN');
  });
});

describe('JSON-safe outputs by type', () => {
  it('accepts plain data and refuses what JSON cannot carry', () => {
    expectTypeOf<IsJsonSafe<{ a: string; b?: number; c: (string | null)[]; d: Record<string, { e: boolean }> }>>().toEqualTypeOf<true>();
    expectTypeOf<IsJsonSafe<{ at: Date }>>().toEqualTypeOf<false>();
    expectTypeOf<IsJsonSafe<Map<string, number>>>().toEqualTypeOf<false>();
    expectTypeOf<IsJsonSafe<Set<string>>>().toEqualTypeOf<false>();
    expectTypeOf<IsJsonSafe<{ n: bigint }>>().toEqualTypeOf<false>();
    expectTypeOf<IsJsonSafe<{ f: () => void }>>().toEqualTypeOf<false>();
    expectTypeOf<IsJsonSafe<(string | undefined)[]>>().toEqualTypeOf<false>();
    expectTypeOf<IsJsonSafe<undefined>>().toEqualTypeOf<false>();
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the point: `any` switches checking off, so it is refused
    expectTypeOf<IsJsonSafe<{ x: any }>>().toEqualTypeOf<false>();
  });

  it('does not compile a method whose output schema is not JSON', () => {
    // @ts-expect-error -- a Date is not JSON
    method(z.object({}), z.object({ at: z.date() }), () => ({ at: new Date() }));
    // @ts-expect-error -- a bigint is not JSON
    method(z.object({}), z.bigint(), () => 1n);
    // @ts-expect-error -- undefined items vanish from JSON arrays
    method(z.object({}), z.array(z.string().optional()), () => []);
    // @ts-expect-error -- a handler's answer must fit the declared output
    method(z.object({}), z.strictObject({ id: z.number() }), () => ({ id: 'one' }));
    expect(true).toBe(true);
  });

  it('types the renderer side from the declared outputs', () => {
    expectTypeOf<ApiOutput<'messages.list'>[number]>().toMatchTypeOf<Message>();
    expectTypeOf<ApiOutput<'inbox.unreadCount'>>().toEqualTypeOf<{ conversations: number }>();
    expectTypeOf<ApiOutput<'inbox.markRead'>>().toEqualTypeOf<null>();
  });
});

describe('GET /api description', () => {
  it('describes every method with input and output JSON Schemas', async () => {
    t = await makeTestApp();
    const list = describeMethods(t.app.methods);
    expect(list).toHaveLength(Object.keys(t.app.methods).length);
    const unread = list.find((m) => m.name === 'inbox.unreadCount')!;
    expect(unread.output).toMatchObject({
      type: 'object',
      properties: { conversations: { type: 'number' } },
      required: ['conversations'],
      additionalProperties: false,
    });
    const messages = list.find((m) => m.name === 'messages.list')!;
    expect(messages.output).toMatchObject({ type: 'array', items: { type: 'object', required: expect.arrayContaining(['id', 'body']) } });
    for (const m of list) expect(m.output, m.name).not.toEqual({});
  });
});
