// Building blocks of the API contract: a method is a zod input schema plus a handler.
// Handlers are thin: parse (done here), call a service, return plain data.
import { z } from 'zod';

export interface MethodDef<S extends z.ZodType = z.ZodType, R = unknown> {
  input: S;
  run: (input: z.output<S>) => R | Promise<R>;
  /** One line for GET /api and the README. */
  doc?: string;
}

export function method<S extends z.ZodType, R>(input: S, run: (input: z.output<S>) => R | Promise<R>, doc?: string): MethodDef<S, R> {
  return { input, run, doc };
}

export const noInput = z.object({}).strict().optional().default({});

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

/** The client-side view of a method map: each name becomes an async function of the schema's input. */
export type ApiOf<M extends MethodMap> = {
  [K in keyof M]: (input: z.input<M[K]['input']>) => Promise<Awaited<ReturnType<M[K]['run']>>>;
};

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

/** Merges domain method maps into one; two domains registering the same name is a programming error. */
export function mergeMethods<T extends MethodMap[]>(...maps: T): UnionToIntersection<T[number]> {
  const out: MethodMap = {};
  for (const map of maps) {
    for (const [name, def] of Object.entries(map)) {
      if (name in out) throw new Error(`API method "${name}" is registered twice`);
      out[name] = def;
    }
  }
  return out as UnionToIntersection<T[number]>;
}
