// Building blocks of the API contract: a method is a zod input schema, a zod output schema and a handler.
// Handlers are thin: parse (done here), call a service, return data that fits the declared output.
import { z } from 'zod';
import type { JsonSafeSchema } from './json-safe';

export interface MethodDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  /** What the method answers. The renderer's types come from it; dispatch checks answers against it in dev and tests. */
  output: O;
  run: (input: z.output<I>) => Returned<O> | Promise<Returned<O>>;
  /** One line for GET /api and the README. */
  doc?: string;
}

/** A handler of a method that answers `null` may also just return nothing (dispatch sends null). */
type Returned<O extends z.ZodType> = null extends z.input<O> ? z.input<O> | void : z.input<O>;

/**
 * Declares one method. The output schema must describe JSON (no Date, Map, bigint, functions, undefined in arrays):
 * that is checked by type here, so a schema such as `z.date()` does not compile.
 */
export function method<I extends z.ZodType, O extends z.ZodType>(
  input: I,
  output: O & JsonSafeSchema<O>,
  run: (input: z.output<I>) => Returned<O> | Promise<Returned<O>>,
  doc?: string,
): MethodDef<I, O> {
  return { input, output, run, doc };
}

export const noInput = z.object({}).strict().optional().default({});

/** The output of a method that answers nothing (the envelope carries `value: null`). */
export const nothing = z.null();

/**
 * A partial-update schema: every field optional and WITHOUT its default. (zod's .partial() keeps defaults, so a
 * patch naming one field would silently reset the others to their defaults.)
 */
export function patchOf<T extends z.ZodRawShape>(schema: z.ZodObject<T>) {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, field] of Object.entries(schema.shape)) {
    const bare = field instanceof z.ZodDefault ? (field.unwrap() as z.ZodType) : (field as z.ZodType);
    shape[key] = bare.optional();
  }
  return z.object(shape) as unknown as z.ZodObject<{ [K in keyof T]: z.ZodOptional<T[K]> }>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a method map holds handlers of any input/output
export type MethodMap = Record<string, MethodDef<any, any>>;

/** The client-side view of a method map: each name becomes an async function from the input to the declared output. */
export type ApiOf<M extends MethodMap> = {
  [K in keyof M]: (input: z.input<M[K]['input']>) => Promise<z.output<M[K]['output']>>;
};

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

/** Merges domain method maps into one; two domains registering the same name is a programming error. */
export function mergeMethods<T extends MethodMap[]>(...maps: T): UnionToIntersection<T[number]> {
  const out: MethodMap = {};
  for (const map of maps) {
    for (const [name, def] of Object.entries(map)) {
      if (Object.hasOwn(out, name)) throw new Error(`API method "${name}" is registered twice`);
      out[name] = def;
    }
  }
  return out as UnionToIntersection<T[number]>;
}
