// Every failure the core can report reaches the owner in their language: each error code and each reason has a text
// in every UI language, non-English languages never show the English one, and library text never leaks through.
import { afterEach, describe, expect, it } from 'vitest';
import i18next, { loadUiTexts, setUiLanguage } from '../../renderer/src/i18n';
import { codeText, ERROR_CODES, errorText, reasonText, technicalText } from '../../renderer/src/i18n/errors';
import { ApiCallError } from '../../renderer/src/api';
import { ERROR_REASONS, classifyTechnicalError } from '../../main/shared/error-reasons';
import { UI_LANGUAGE_CODES } from '../../main/shared/ui-languages';

const PARAMS = {
  host: 'api.telegram.org',
  model: 'qwen3:4b',
  count: 3,
  placeholder: '{order}',
  list: '{name} {date}',
  number: 1004,
  product: 'Rye bread',
  value: '+49 151',
  sku: 'P-0001',
  size: '5 MB',
};

// The app loads one language at a time; these checks switch between all of them.
await Promise.all(UI_LANGUAGE_CODES.map(loadUiTexts));

function inLanguage<T>(lang: string, fn: () => T): T {
  setUiLanguage(lang);
  return fn();
}

afterEach(() => setUiLanguage('en'));

describe('error texts in every UI language', () => {
  const english = {
    codes: Object.fromEntries(ERROR_CODES.map((c) => [c, inLanguage('en', () => codeText(c))])),
    reasons: Object.fromEntries(ERROR_REASONS.map((r) => [r, inLanguage('en', () => reasonText(r, PARAMS))])),
  };

  it.each(UI_LANGUAGE_CODES.map((l) => [l]))('%s: every code and reason has its own, filled-in text', (lang) => {
    for (const code of ERROR_CODES) {
      const text = inLanguage(lang, () => codeText(code));
      expect(text.trim(), `${lang} ${code}`).not.toBe('');
      expect(i18next.exists(`errors.code.${code}`, { lng: lang, fallbackLng: [] }), `${lang} ${code}`).toBe(true);
      if (lang !== 'en') expect(text, `${lang} ${code} is still English`).not.toBe(english.codes[code]);
    }
    for (const reason of ERROR_REASONS) {
      // Library text does not always name the server: the network texts must then still read well (no empty slot).
      if (reason.startsWith('network_')) {
        const hostless = inLanguage(lang, () => reasonText(reason, { ...PARAMS, host: '' }));
        expect(hostless, `${lang} ${reason} without a host`).not.toMatch(/\{\{|\}\}|\s\s|^\s/);
        if (lang !== 'en')
          expect(hostless, `${lang} ${reason} without a host is still English`).not.toBe(inLanguage('en', () => reasonText(reason, {})));
      }
      const text = inLanguage(lang, () => reasonText(reason, PARAMS));
      expect(i18next.exists(`errors.reason.${reason}`, { lng: lang, fallbackLng: [], count: PARAMS.count }), `${lang} ${reason}`).toBe(
        true,
      );
      expect(text, `${lang} ${reason}`).not.toMatch(/\{\{|\}\}/);
      if (lang !== 'en') expect(text, `${lang} ${reason} is still English`).not.toBe(english.reasons[reason]);
    }
  });
});

describe('what the owner reads when something fails', () => {
  it('a Telegram DNS failure reads as "no internet" in Russian, not as getaddrinfo', () => {
    const err = new ApiCallError('channel_unavailable', 'Could not check the token: getaddrinfo ENOTFOUND api.telegram.org');
    const text = inLanguage('ru', () => errorText(err));
    expect(text).toContain('Нет интернета');
    expect(text).toContain('api.telegram.org');
    expect(text).not.toMatch(/getaddrinfo|ENOTFOUND/);
  });

  it('a reason sent by the core wins, with its parameters', () => {
    const err = new ApiCallError(
      'assistant_unavailable',
      'Ollama is not running at http://127.0.0.1:11434…',
      undefined,
      'ollama_not_running',
      { host: 'http://127.0.0.1:11434' },
    );
    expect(inLanguage('uk', () => errorText(err))).toBe(
      'Ollama не запущена за адресою http://127.0.0.1:11434. Встановіть її з ollama.com, запустіть і перевірте знову.',
    );
  });

  it('an unknown core sentence stays specific in English and becomes the code text elsewhere', () => {
    const err = new ApiCallError('conflict', 'Order #1004 is already placed');
    expect(inLanguage('en', () => errorText(err))).toBe('Order #1004 is already placed');
    expect(inLanguage('es', () => errorText(err))).toBe('Esto cambió mientras tanto. Actualiza e inténtalo de nuevo.');
  });

  it('a WhatsApp browser error (net::ERR_NAME_NOT_RESOLVED) is worded, English text only on English screens', () => {
    const raw = 'net::ERR_NAME_NOT_RESOLVED at https://web.whatsapp.com/';
    expect(inLanguage('pt-BR', () => technicalText(raw))).toBe(
      'Sem internet, ou web.whatsapp.com não foi encontrado. Verifique a conexão e tente de novo.',
    );
    expect(inLanguage('vi', () => technicalText('Evaluation failed: something odd'))).toBeNull();
    expect(inLanguage('en', () => technicalText('Evaluation failed: something odd'))).toBe('Evaluation failed: something odd');
  });
});

describe('classifyTechnicalError', () => {
  it.each([
    ['getaddrinfo ENOTFOUND api.telegram.org', 'network_offline', 'api.telegram.org'],
    ['getaddrinfo EAI_AGAIN api.telegram.org', 'network_offline', 'api.telegram.org'],
    ['net::ERR_INTERNET_DISCONNECTED at https://web.whatsapp.com/', 'network_offline', 'web.whatsapp.com'],
    ['connect ECONNREFUSED 127.0.0.1:11434', 'network_refused', '127.0.0.1:11434'],
    ['connect ETIMEDOUT 149.154.167.220:443', 'network_timeout', '149.154.167.220:443'],
    ['net::ERR_CERT_DATE_INVALID at https://web.whatsapp.com/', 'network_tls', 'web.whatsapp.com'],
    ["Call to 'getMe' failed! (401: Unauthorized)", 'telegram_bad_token', undefined],
    ["Call to 'getUpdates' failed! (409: Conflict: terminated by other getUpdates request)", 'telegram_conflict', undefined],
  ])('%s → %s', (text, reason, host) => {
    const r = classifyTechnicalError(text);
    expect(r?.reason).toBe(reason);
    expect(r?.params.host).toBe(host);
  });

  it('leaves sentences it does not know alone', () => {
    expect(classifyTechnicalError('The reminder text is empty')).toBeNull();
    expect(classifyTechnicalError(undefined)).toBeNull();
  });
});

describe('English screens', () => {
  it('keep the core’s own sentence when it is not library text, even with a reason', () => {
    const err = new ApiCallError(
      'invalid_input',
      'This does not look like a bot token. It looks like 123456789:AAH…',
      undefined,
      'telegram_bad_token',
    );
    expect(inLanguage('en', () => errorText(err))).toBe('This does not look like a bot token. It looks like 123456789:AAH…');
    expect(inLanguage('ru', () => errorText(err))).toBe('Telegram не принял этот токен бота. Скопируйте его заново у @BotFather.');
  });

  it('word library text even in English', () => {
    const err = new ApiCallError('channel_unavailable', 'Could not check the token: getaddrinfo ENOTFOUND api.telegram.org');
    expect(inLanguage('en', () => errorText(err))).toBe(
      'No internet connection, or api.telegram.org cannot be found. Check the connection and try again.',
    );
  });
});
