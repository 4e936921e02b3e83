// The bot token and Telegram's answers in the owner's words: token checks (getMe), masking and redaction, error texts,
// and splitting long texts into messages Telegram accepts. No state; the channel and the settings screen use these.
import { Api, GrammyError, HttpError } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';

export const DEFAULT_TELEGRAM_API_ROOT = 'https://api.telegram.org';
/** Telegram refuses longer texts; Lavka splits a long reply into several messages. */
export const TELEGRAM_MAX_TEXT = 4096;
/** Longest caption of a photo or file; a longer text goes out as messages after the file. */
export const TELEGRAM_MAX_CAPTION = 1024;
const TOKEN_RE = /^\d{3,20}:[A-Za-z0-9_-]{20,100}$/;

export interface TelegramBotInfo {
  id: number;
  username: string;
  name: string;
  link: string;
}

export function isPlausibleToken(token: string): boolean {
  return TOKEN_RE.test(token);
}

/** "123456789:••••••": enough to tell bots apart, useless to anyone who sees it. */
export function maskToken(token: string): string {
  const id = token.split(':')[0];
  return `${/^\d+$/.test(id) ? id : '…'}:••••••`;
}

/** Error text with the token (which grammY and fetch put into URLs) cut out. */
export function redact(text: string, token: string): string {
  if (!token) return text;
  return text.split(token).join('<token>').split(encodeURIComponent(token)).join('<token>');
}

export function botInfoOf(me: UserFromGetMe): TelegramBotInfo {
  return { id: me.id, username: me.username, name: me.first_name, link: `https://t.me/${me.username}` };
}

/** Asks Telegram who the token belongs to (getMe). Throws TelegramCheckError with a message for the owner. */
export async function checkTelegramToken(token: string, apiRoot = DEFAULT_TELEGRAM_API_ROOT): Promise<TelegramBotInfo> {
  if (!isPlausibleToken(token)) {
    throw new TelegramCheckError(
      'bad_token',
      'This does not look like a bot token. It looks like 123456789:AAH… — copy it again from @BotFather.',
    );
  }
  const api = new Api(token, { apiRoot, timeoutSeconds: 15 });
  try {
    return botInfoOf(await api.getMe());
  } catch (err) {
    if (err instanceof GrammyError && (err.error_code === 401 || err.error_code === 404)) {
      throw new TelegramCheckError(
        'bad_token',
        'Telegram did not accept this token. Copy it again from @BotFather (or ask it for a new one with /token).',
      );
    }
    throw new TelegramCheckError('unreachable', `Could not check the token: ${describeError(err, token)}`);
  }
}

export class TelegramCheckError extends Error {
  constructor(
    readonly reason: 'bad_token' | 'unreachable',
    message: string,
  ) {
    super(message);
  }
}

export function describeError(err: unknown, token: string): string {
  let text: string;
  if (err instanceof GrammyError) text = `Telegram answered ${err.error_code}: ${err.description}`;
  else if (err instanceof HttpError) {
    const cause = err.error instanceof Error ? err.error.message : String(err.error);
    text = `cannot reach Telegram (${cause})`;
  } else text = err instanceof Error ? err.message : String(err);
  return redact(text, token);
}

const REFUSALS: [RegExp, string][] = [
  [/bot was blocked by the user/i, 'This customer blocked your bot in Telegram'],
  [/user is deactivated/i, 'This Telegram account was deleted'],
  [/can't initiate conversation|have no rights to send/i, 'This person has not started a chat with your bot'],
  [/chat not found/i, 'Telegram does not know this chat (the customer may have deleted it)'],
];

/** The owner's words for Telegram's common refusals, with Telegram's own answer kept in brackets. */
export function explainRefusal(description: string, raw: string): string {
  const hit = REFUSALS.find(([re]) => re.test(description));
  return hit ? `${hit[1]} (${raw})` : raw;
}

export function isAuthError(err: unknown): boolean {
  return err instanceof GrammyError && (err.error_code === 401 || err.error_code === 404);
}

export function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Splits text into parts Telegram accepts, preferring line breaks and spaces, never splitting a surrogate pair. */
export function splitText(text: string, max: number): string[] {
  const parts: string[] = [];
  let rest = text;
  while (rest.length > max) {
    let cut = rest.lastIndexOf('\n', max);
    if (cut < max / 2) cut = rest.lastIndexOf(' ', max);
    if (cut < max / 2) cut = max;
    const code = rest.charCodeAt(cut - 1);
    if (code >= 0xd800 && code <= 0xdbff) cut--;
    parts.push(rest.slice(0, cut));
    rest = rest.slice(cut).replace(/^[\n ]/, '');
  }
  parts.push(rest);
  return parts;
}
