// Calls a method by name with untrusted input. Never throws: every outcome is an envelope with a stable code.
import { z } from 'zod';
import { AppError } from '../errors';
import type { MethodDef, MethodMap } from './define';
import type { ApiError, Envelope } from './envelope';
import { classifyTechnicalError } from '../../shared/error-reasons';

export async function dispatch(methods: MethodMap, name: string, raw: unknown): Promise<Envelope<unknown>> {
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
    const value = await def.run(parsed.data);
    return { ok: true, value: value === undefined ? null : value };
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

/** Method names with their input JSON Schemas, for GET /api. */
export function describeMethods(methods: MethodMap): { name: string; doc?: string; input: unknown }[] {
  return Object.entries(methods)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, def]) => {
      let input: unknown;
      try {
        input = z.toJSONSchema(def.input, { io: 'input', unrepresentable: 'any' });
      } catch {
        input = {};
      }
      return { name, doc: def.doc, input };
    });
}
