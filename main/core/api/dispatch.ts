// Calls a method by name with untrusted input. Never throws: every outcome is an envelope with a stable code.
// In development and tests every answer is also checked against the method's declared output schema.
import { z } from 'zod';
import { AppError } from '../errors';
import type { MethodDef, MethodMap } from './define';
import { jsonProblem } from './json-safe';
import type { ApiError, Envelope } from './envelope';
import { classifyTechnicalError } from '../../shared/error-reasons';

/**
 * Whether answers are checked against their output schemas. On under Vitest and in development (or with
 * LAVKA_CHECK_OUTPUTS=1), off in the packaged app: the check walks every list a screen loads, and a mismatch there
 * is a programming error the tests exist to catch, not something the owner can act on.
 */
export const CHECK_OUTPUTS_BY_DEFAULT =
  typeof process !== 'undefined' &&
  (process.env.VITEST !== undefined ||
    process.env.NODE_ENV === 'test' ||
    process.env.NODE_ENV === 'development' ||
    process.env.LAVKA_CHECK_OUTPUTS === '1');

export interface DispatchOptions {
  /** Check the answer against the method's output schema (default: CHECK_OUTPUTS_BY_DEFAULT). */
  checkOutput?: boolean;
}

export async function dispatch(methods: MethodMap, name: string, raw: unknown, opts: DispatchOptions = {}): Promise<Envelope<unknown>> {
  const def: MethodDef | undefined = Object.prototype.hasOwnProperty.call(methods, name) ? methods[name] : undefined;
  if (!def) return { ok: false, error: { code: 'unknown_method', message: `Unknown API method "${name}"` } };
  const parsed = def.input.safeParse(raw ?? {});
  if (!parsed.success) {
    return {
      ok: false,
      error: { code: 'invalid_input', message: describeIssues(parsed.error), details: parsed.error.issues },
    };
  }
  try {
    const returned = await def.run(parsed.data);
    const value = returned === undefined ? null : returned;
    if (opts.checkOutput ?? CHECK_OUTPUTS_BY_DEFAULT) {
      // The value itself is sent, not the parsed copy: the check must not change what the UI receives.
      const checked = def.output.safeParse(value);
      const problem = checked.success ? jsonProblem(value) : describeIssues(checked.error);
      if (problem) {
        const message = `${name} answered outside its declared output: ${problem}`;
        console.error(`[api] ${message}`);
        return { ok: false, error: { code: 'internal', message } };
      }
    }
    return { ok: true, value };
  } catch (err) {
    return { ok: false, error: toApiError(err) };
  }
}

export function toApiError(err: unknown): ApiError {
  if (err instanceof AppError) {
    const why = err.why ?? classifyTechnicalError(err.message);
    return { code: err.code, message: err.message, details: err.details, ...(why ? { reason: why.reason, params: why.params ?? {} } : {}) };
  }
  if (err instanceof z.ZodError) return { code: 'invalid_input', message: describeIssues(err), details: err.issues };
  console.error('[api] internal error', err);
  return { code: 'internal', message: 'Something went wrong inside Lavka. The error was written to the log.' };
}

function describeIssues(err: z.ZodError): string {
  return err.issues
    .slice(0, 3)
    .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
}

export interface MethodDescription {
  name: string;
  doc?: string;
  /** JSON Schema of what the caller sends (before defaults are applied). */
  input: unknown;
  /** JSON Schema of what the method answers inside `{ ok: true, value }`. */
  output: unknown;
}

/** Method names with their input and output JSON Schemas, for GET /api. */
export function describeMethods(methods: MethodMap): MethodDescription[] {
  return Object.entries(methods)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, def]: [string, MethodDef]) => ({
      name,
      doc: def.doc,
      input: jsonSchema(def.input, 'input'),
      output: jsonSchema(def.output, 'output'),
    }));
}

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): unknown {
  try {
    return z.toJSONSchema(schema, { io, unrepresentable: 'any' });
  } catch {
    return {};
  }
}
