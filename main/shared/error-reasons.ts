// Stable reason codes for failures the owner sees, so the UI can word them in the owner's language instead of showing
// library text ("getaddrinfo ENOTFOUND api.telegram.org", "net::ERR_NAME_NOT_RESOLVED"). Pure: used by the core when it
// builds an error envelope or a channel status, and by the UI for text stored before codes existed.
// Every reason has a text in renderer/src/locales/<lang>/errors.json under "reason" (a test walks them all).

export const ERROR_REASONS = [
  // Network, from Node/undici errno codes and Chromium net::ERR_* names.
  'network_offline',
  'network_refused',
  'network_timeout',
  'network_tls',
  // Telegram Bot API.
  'telegram_bad_token',
  'telegram_token_missing',
  'telegram_conflict',
  'telegram_env_token',
  // WhatsApp Web.
  'whatsapp_browser_missing',
  'whatsapp_logged_out',
  'whatsapp_session_lost',
  'whatsapp_not_connected',
  'whatsapp_number_not_found',
  // Ollama / the assistant.
  'ollama_not_running',
  'ollama_timeout',
  'ollama_no_models',
  'ollama_model_missing',
  'ollama_pick_model',
  'ollama_failed',
  'ollama_busy',
  // Lavka itself.
  'lavka_unreachable',
  'open_with_token',
  // What the owner entered or asked for (validation and state conflicts with a specific remedy).
  'time_in_past',
  'pick_date_time',
  'repeat_days_range',
  'reminder_not_upcoming',
  'reminder_time_taken',
  'customer_unreachable',
  'not_a_channel',
  'text_empty',
  'unknown_placeholder',
  'placeholder_not_available',
  'dates_reversed',
  'order_already_placed',
  'draft_has_questions',
  'draft_empty',
  'not_enough_stock',
  'invalid_phone',
  'invalid_email',
  'address_taken',
  'merge_same_contact',
  'sku_taken',
  'file_too_large',
  'file_empty',
  'rows_have_errors',
] as const;

export type ErrorReason = (typeof ERROR_REASONS)[number];

/** Values a reason's text may use ({{host}}, {{model}}, {{count}}…); `count` picks the plural form. */
export type ReasonParams = Record<string, string | number>;

export interface ClassifiedReason {
  reason: ErrorReason;
  params: ReasonParams;
}

/** The host named in a library message ("getaddrinfo ENOTFOUND api.telegram.org", "connect ECONNREFUSED 1.2.3.4:443"). */
function hostIn(text: string): string | undefined {
  const m =
    /(?:ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|ECONNRESET)\s+([\w.-]+(?::\d+)?)/.exec(text) ??
    /https?:\/\/([\w.-]+(?::\d+)?)/.exec(text);
  return m?.[1];
}

/**
 * Recognises a technical failure by its stable marker (errno code, net::ERR_ name, HTTP status) anywhere in the text,
 * or returns null when the text is not one Lavka knows (then the UI falls back to the error's code).
 */
export function classifyTechnicalError(text: string | null | undefined): ClassifiedReason | null {
  if (!text) return null;
  const host = hostIn(text);
  const withHost = (reason: ErrorReason): ClassifiedReason => ({ reason, params: host ? { host } : {} });
  if (
    /\b(ENOTFOUND|EAI_AGAIN|ENETUNREACH|EHOSTUNREACH)\b|net::ERR_(NAME_NOT_RESOLVED|INTERNET_DISCONNECTED|NAME_RESOLUTION_FAILED|ADDRESS_UNREACHABLE|NETWORK_CHANGED)/.test(
      text,
    )
  )
    return withHost('network_offline');
  if (/\bECONNREFUSED\b|net::ERR_CONNECTION_REFUSED/.test(text)) return withHost('network_refused');
  if (/\b(ETIMEDOUT|ESOCKETTIMEDOUT|UND_ERR_CONNECT_TIMEOUT)\b|net::ERR_(CONNECTION_TIMED_OUT|TIMED_OUT)/.test(text))
    return withHost('network_timeout');
  if (/\bECONNRESET\b|net::ERR_CONNECTION_(RESET|CLOSED)/.test(text)) return withHost('network_offline');
  if (/\b(CERT_|UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED_CERT)|net::ERR_CERT_|net::ERR_SSL_/.test(text)) return withHost('network_tls');
  if (/\b401\b.*Unauthorized|Unauthorized.*\b401\b|\b404\b.*Not Found.*bot/i.test(text))
    return { reason: 'telegram_bad_token', params: {} };
  if (/\b409\b.*Conflict|terminated by other getUpdates/i.test(text)) return { reason: 'telegram_conflict', params: {} };
  return null;
}

export function isErrorReason(x: unknown): x is ErrorReason {
  return typeof x === 'string' && (ERROR_REASONS as readonly string[]).includes(x);
}
