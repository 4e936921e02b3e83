// Type-level check that an API output is plain JSON: what crosses IPC and HTTP as JSON must survive
// JSON.stringify unchanged, so Date, Map, Set, bigint, functions, symbols and undefined array items are refused.
import type { z } from 'zod';

type Json = string | number | boolean | null;
type NotJson = undefined | bigint | symbol | Date | RegExp | Map<unknown, unknown> | Set<unknown> | Promise<unknown> | Uint8Array;

/**
 * `true` when T is JSON-safe, else `false` (a union: some member is not). Optional object fields may be absent
 * (JSON drops them). `any` is refused (it switches checking off); `unknown` is accepted as a declared opaque value
 * (a job's result): the runtime output check in dev and tests walks such values and refuses what JSON would change.
 */
export type IsJsonSafe<T> = 0 extends 1 & T ? false : unknown extends T ? true : IsJsonSafeMember<T> extends true ? true : false;

type IsJsonSafeMember<T> = T extends Json
  ? true
  : T extends NotJson
    ? false
    : T extends (...args: never[]) => unknown
      ? false
      : T extends readonly (infer E)[]
        ? undefined extends E
          ? false
          : IsJsonSafe<E>
        : T extends object
          ? { [K in keyof T]-?: K extends symbol ? false : IsJsonSafe<Exclude<T[K], undefined>> }[keyof T] extends true
            ? true
            : // an object without keys ({}) maps to never: that is still JSON
              [keyof T] extends [never]
              ? true
              : false
          : false;

/** `unknown` (no constraint) for a JSON-safe schema, else a type no schema satisfies, named for the error message. */
export type JsonSafeSchema<S extends z.ZodType> =
  IsJsonSafe<z.output<S>> extends true ? unknown : { 'output is not JSON-safe': z.output<S> };

/**
 * The first place where `value` would not survive JSON.stringify unchanged (a Date, Map, bigint, function, undefined
 * array item, NaN…), as a path such as `items.3.at`; undefined when it is plain JSON. Used by the dev/test output check.
 */
export function jsonProblem(value: unknown, path = ''): string | undefined {
  const here = path || '(answer)';
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : `${here} is ${value}`;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      if (value[i] === undefined) return `${path ? `${path}.` : ''}${i} is undefined`;
      const p = jsonProblem(value[i], path ? `${path}.${i}` : String(i));
      if (p) return p;
    }
    return undefined;
  }
  if (typeof value === 'object') {
    const proto = Object.getPrototypeOf(value) as unknown;
    if (proto !== Object.prototype && proto !== null) return `${here} is a ${value.constructor?.name ?? 'class instance'}`;
    for (const [k, v] of Object.entries(value)) {
      if (v === undefined) continue; // an absent optional field: JSON drops it
      const p = jsonProblem(v, path ? `${path}.${k}` : k);
      if (p) return p;
    }
    return undefined;
  }
  return `${here} is a ${typeof value}`;
}
