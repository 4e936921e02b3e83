// Words a failure in the owner's language. The core sends a stable code (and often a finer reason with parameters);
// the English message it also sends is for the log and for English screens, never shown raw in another language.
import type { ApiError } from '../../../main/core/api/envelope';
import { classifyTechnicalError, isErrorReason, type ErrorReason, type ReasonParams } from '../../../main/shared/error-reasons';
import { ApiCallError } from '../api';
import i18next, { tr } from './index';
import type { UiKey } from './keys';

export type ErrorCode = ApiError['code'];

// A Record so that a code added to the core's ErrorCode union fails the typecheck until it has a text here.
const CODES: Record<ErrorCode, true> = {
  invalid_input: true,
  not_found: true,
  unknown_method: true,
  conflict: true,
  setup_required: true,
  channel_unavailable: true,
  assistant_unavailable: true,
  unauthorized: true,
  internal: true,
};
export const ERROR_CODES = Object.keys(CODES) as ErrorCode[];

/** A reason in the owner's words. Network reasons name the server when it is known (`_host` variant via context). */
export function reasonText(reason: ErrorReason, params: ReasonParams = {}): string {
  return tr(`errors.reason.${reason}` as UiKey, {
    ...params,
    ...(params.host && reason.startsWith('network_') ? { context: 'host' } : {}),
  });
}

export function codeText(code: ErrorCode): string {
  return tr(`errors.code.${code}` as UiKey, { defaultValue: tr('errors.code.internal') });
}

/** English UI keeps the core's own specific sentence; other languages never show it (it is English). */
function englishScreen(): boolean {
  return (i18next.language || 'en') === 'en';
}

/**
 * The text to show for any caught error. English screens show the core's own sentence unless it is library text;
 * other languages show the reason's text (named by the core, or recognised in library text), else the code's text.
 * The technical words go to the console log.
 */
export function errorText(err: unknown): string {
  if (err instanceof ApiCallError) {
    const technical = classifyTechnicalError(err.message);
    // The core's own English sentence is the most specific text an English screen can get; library words never are.
    if (englishScreen() && err.message && !technical) return err.message;
    const reason = isErrorReason(err.reason) ? { reason: err.reason, params: err.params ?? {} } : technical;
    if (reason) return reasonText(reason.reason, reason.params);
    console.warn(`[lavka] ${err.code}: ${err.message}`);
    return codeText(err.code);
  }
  // Errors the UI throws itself already carry text in the owner's language.
  const message = err instanceof Error ? err.message : typeof err === 'string' ? err : err == null ? '' : JSON.stringify(err);
  const known = classifyTechnicalError(message);
  return known ? reasonText(known.reason, known.params) : message || codeText('internal');
}

/** A background job's error ({ code, message } from contacts import/export). */
export function jobErrorText(e: { code: ErrorCode; message: string } | null | undefined): string {
  return e ? errorText(new ApiCallError(e.code, e.message)) : codeText('internal');
}

/** A stored technical text (a channel's detail, a message's send error) in the owner's words, or null if unknown. */
export function technicalText(text: string | null | undefined): string | null {
  if (!text) return null;
  const reason = classifyTechnicalError(text);
  if (reason) return reasonText(reason.reason, reason.params);
  return englishScreen() ? text : null;
}

/** A status or error carrying an optional core reason: its localized text, else null. */
export function statusReasonText(s: { reason?: ErrorReason; params?: ReasonParams; detail?: string }): string | null {
  if (s.reason && isErrorReason(s.reason)) return reasonText(s.reason, s.params);
  return technicalText(s.detail);
}
