// Telegram: paste the bot token from @BotFather, check it, connect; then the bot's @username and link.
import { useState } from 'react';
import { useTranslation } from '../../i18n/react';
import { useChannelsStore, type TelegramBot } from '../../stores/channels';
import { Field } from '../settings/fields';
import { StatusLine } from './StatusLine';
import { errorText } from '../../i18n/errors';

export function TelegramCard() {
  const { t } = useTranslation();
  const tg = useChannelsStore((s) => s.overview?.telegram);
  if (!tg) return null;
  return (
    <section className="card channel-card" data-testid="telegram-card">
      <header className="channel-card-head">
        <span className="channel-logo tg">✈</span>
        <h3>{t('channels.telegram.title')}</h3>
      </header>
      <StatusLine status={tg.status} testId="telegram-status" />
      {tg.configured ? <Connected /> : <Setup />}
    </section>
  );
}

function Connected() {
  const { t } = useTranslation();
  const tg = useChannelsStore((s) => s.overview!.telegram);
  const disconnect = useChannelsStore((s) => s.disconnectTelegram);
  const [copied, setCopied] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { account, link } = tg.status;
  return (
    <div className="channel-body">
      <dl className="channel-facts">
        {account && (
          <>
            <dt>{t('channels.telegram.bot')}</dt>
            <dd data-testid="telegram-username">{account}</dd>
          </>
        )}
        {link && (
          <>
            <dt>{t('channels.telegram.link')}</dt>
            <dd>
              <a href={link} target="_blank" rel="noreferrer" data-testid="telegram-link">
                {link}
              </a>{' '}
              <button
                type="button"
                className="btn small"
                onClick={() => {
                  void navigator.clipboard?.writeText(link).then(() => setCopied(true));
                }}
              >
                {copied ? `✓ ${t('channels.telegram.copied')}` : t('channels.telegram.copy')}
              </button>
            </dd>
          </>
        )}
        <dt>{t('channels.telegram.tokenLabel')}</dt>
        <dd>
          <code data-testid="telegram-token">{tg.tokenMasked}</code>
        </dd>
        {tg.apiRootSource !== 'default' && (
          <>
            <dt>{t('channels.telegram.apiRoot')}</dt>
            <dd>
              <code>{tg.apiRoot}</code>
            </dd>
          </>
        )}
      </dl>
      {tg.source === 'env' ? (
        <p className="muted small">{t('channels.telegram.fromEnv')}</p>
      ) : (
        <div className="save-bar">
          <button
            type="button"
            className="btn danger"
            data-testid="telegram-disconnect"
            onClick={() => {
              if (!window.confirm(t('channels.telegram.disconnectConfirm'))) return;
              setError(null);
              disconnect().catch((e: unknown) => setError(errorText(e)));
            }}
          >
            {t('channels.telegram.disconnect')}
          </button>
        </div>
      )}
      {error && <div className="error-box">{error}</div>}
    </div>
  );
}

function Setup() {
  const { t } = useTranslation();
  const check = useChannelsStore((s) => s.checkTelegram);
  const connect = useChannelsStore((s) => s.connectTelegram);
  const savedRoot = useChannelsStore((s) => (s.overview?.telegram.apiRootSource === 'settings' ? s.overview.telegram.apiRoot : ''));
  const [token, setToken] = useState('');
  const [apiRoot, setApiRoot] = useState(savedRoot);
  const [busy, setBusy] = useState<'check' | 'connect' | null>(null);
  const [bot, setBot] = useState<TelegramBot | null>(null);
  const [error, setError] = useState<string | null>(null);
  const input = () => ({ token: token.trim(), apiRoot: apiRoot.trim() || null });
  const run = async (what: 'check' | 'connect') => {
    setBusy(what);
    setError(null);
    setBot(null);
    try {
      if (what === 'check') setBot(await check(input()));
      else await connect(input());
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(null);
    }
  };
  return (
    <form
      className="channel-body form"
      onSubmit={(e) => {
        e.preventDefault();
        void run('connect');
      }}
    >
      <p className="muted">{t('channels.telegram.steps')}</p>
      <Field label={t('channels.telegram.token')}>
        <input
          type="password"
          autoComplete="off"
          spellCheck={false}
          value={token}
          placeholder={t('channels.telegram.tokenPlaceholder')}
          onChange={(e) => {
            setToken(e.target.value);
            setBot(null);
          }}
          data-testid="telegram-token-input"
        />
      </Field>
      <details open={!!savedRoot}>
        <summary className="muted small">{t('channels.telegram.advanced')}</summary>
        <Field label={t('channels.telegram.apiRoot')} hint={t('channels.telegram.apiRootHint')}>
          <input
            value={apiRoot}
            placeholder="https://api.telegram.org"
            onChange={(e) => setApiRoot(e.target.value)}
            data-testid="telegram-apiroot-input"
          />
        </Field>
      </details>
      {bot && (
        <p className="ok" data-testid="telegram-check-ok">
          ✓ {t('channels.telegram.checked', { name: bot.name, username: `@${bot.username}` })} {t('channels.telegram.link')}{' '}
          <a href={bot.link} target="_blank" rel="noreferrer">
            {bot.link}
          </a>
        </p>
      )}
      {error && (
        <div className="error-box" data-testid="telegram-error">
          {error}
        </div>
      )}
      <div className="save-bar">
        <button
          type="button"
          className="btn"
          disabled={!token.trim() || busy !== null}
          onClick={() => void run('check')}
          data-testid="telegram-check"
        >
          {busy === 'check' ? t('channels.telegram.checking') : t('channels.telegram.check')}
        </button>
        <button type="submit" className="btn primary" disabled={!token.trim() || busy !== null} data-testid="telegram-connect">
          {busy === 'connect' ? t('channels.telegram.connecting') : t('channels.telegram.connect')}
        </button>
      </div>
    </form>
  );
}
