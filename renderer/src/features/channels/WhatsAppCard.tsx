// WhatsApp: connect (QR code to scan, or a pairing code), live status, browser path, which chats to ignore, connect
// again, hard stops, browser memory, Advanced (web version, restart rule).
import { useState } from 'react';
import { useTranslation } from '../../i18n/react';
import { BrowserPicker } from '../desktop/BrowserPicker';
import { isDesktop } from '../desktop/bridge';
import { useChannelsStore } from '../../stores/channels';
import { Field } from '../settings/fields';
import { StatusLine } from './StatusLine';
import { LinkNotices, PairingCode, WhatsAppAdvanced } from './WhatsAppLinking';
import { errorText, reasonText } from '../../i18n/errors';
import { TechDetails } from '../../components/TechDetails';

export function WhatsAppCard() {
  const { t } = useTranslation();
  const wa = useChannelsStore((s) => s.overview?.whatsapp);
  const connect = useChannelsStore((s) => s.connectWhatsApp);
  const disconnect = useChannelsStore((s) => s.disconnectWhatsApp);
  const reconnect = useChannelsStore((s) => s.reconnectWhatsApp);
  const update = useChannelsStore((s) => s.updateWhatsApp);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!wa) return null;
  const { status } = wa;
  const act = (fn: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    fn()
      .catch((e: unknown) => setError(errorText(e)))
      .finally(() => setBusy(false));
  };
  return (
    <section className="card channel-card" data-testid="whatsapp-card">
      <header className="channel-card-head">
        <span className="channel-logo wa">✆</span>
        <h3>{t('channels.whatsapp.title')}</h3>
      </header>
      <StatusLine
        status={status}
        testId="whatsapp-status"
        label={status.pairing && 'code' in status.pairing ? t('whatsappLink.state.waiting_for_code') : undefined}
      />
      <div className="channel-body">
        {!wa.enabled && <p className="muted">{t('channels.whatsapp.about')}</p>}
        {status.state === 'waiting_for_scan' && status.qrImage && !status.pairing && (
          <div className="wa-qr" data-testid="whatsapp-qr">
            <img src={status.qrImage} alt={t('channels.whatsapp.scanTitle')} width={264} height={264} />
            <div>
              <strong>{t('channels.whatsapp.scanTitle')}</strong>
              <p>{t('channels.whatsapp.scanSteps')}</p>
            </div>
          </div>
        )}
        {status.state === 'waiting_for_scan' && <PairingCode status={status} />}
        {status.state === 'connected' && status.account && (
          <p data-testid="whatsapp-account">{t('channels.whatsapp.connectedAs', { account: status.account })}</p>
        )}
        <LinkNotices wa={wa} busy={busy} onConnect={() => act(connect)} />
        <div className="save-bar">
          {!wa.enabled && (
            <button
              type="button"
              className="btn primary"
              disabled={busy || !wa.browser.ok}
              onClick={() => act(connect)}
              data-testid="whatsapp-connect"
            >
              {t('channels.whatsapp.connect')}
            </button>
          )}
          {wa.enabled && (status.state === 'logged_out' || status.state === 'error') && (
            <button
              type="button"
              className="btn primary"
              disabled={busy}
              onClick={() => act(reconnect)}
              data-testid="whatsapp-again"
              title={t('channels.whatsapp.againHint')}
            >
              {status.state === 'logged_out' ? t('channels.whatsapp.again') : t('channels.whatsapp.tryAgain')}
            </button>
          )}
          {wa.enabled && (
            <button
              type="button"
              className="btn"
              disabled={busy}
              onClick={() => act(disconnect)}
              data-testid="whatsapp-disconnect"
              title={t('channels.whatsapp.disconnectHint')}
            >
              {t('channels.whatsapp.disconnect')}
            </button>
          )}
        </div>
        {error && <div className="error-box">{error}</div>}
        <BrowserField />
        <label className="check">
          <input
            type="checkbox"
            checked={wa.ignoreGroups}
            onChange={(e) => act(() => update({ ignoreGroups: e.target.checked }))}
            data-testid="whatsapp-ignore-groups"
          />
          {t('channels.whatsapp.ignoreGroups')}
        </label>
        <label className="check">
          <input type="checkbox" checked={wa.ignoreStatus} onChange={(e) => act(() => update({ ignoreStatus: e.target.checked }))} />
          {t('channels.whatsapp.ignoreStatus')}
        </label>
        <p className="muted small">{t('channels.whatsapp.filtersHint')}</p>
        <WhatsAppAdvanced wa={wa} />
      </div>
    </section>
  );
}

function BrowserField() {
  const { t } = useTranslation();
  const wa = useChannelsStore((s) => s.overview!.whatsapp);
  const update = useChannelsStore((s) => s.updateWhatsApp);
  const [path, setPath] = useState(wa.browserPath ?? '');
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className="browser-field"
      onSubmit={(e) => {
        e.preventDefault();
        setError(null);
        update({ browserPath: path.trim() || null }).catch((err: unknown) => setError(errorText(err)));
      }}
    >
      {/* In the desktop app the path comes from a file dialog in the shell, never from typed text. */}
      {isDesktop() ? (
        <Field label={t('channels.whatsapp.browserPath')}>
          <BrowserPicker />
        </Field>
      ) : (
        <Field label={t('channels.whatsapp.browserPath')} hint={t('channels.whatsapp.browserPathHint')}>
          <div className="inline-input">
            <input
              value={path}
              onChange={(e) => setPath(e.target.value)}
              placeholder="/usr/bin/google-chrome"
              spellCheck={false}
              data-testid="whatsapp-browser-input"
            />
            <button type="submit" className="btn">
              {t('channels.whatsapp.saveBrowser')}
            </button>
          </div>
        </Field>
      )}
      {wa.browser.ok ? (
        <p className="muted small" data-testid="whatsapp-browser">
          {t('channels.whatsapp.browserFound', { path: wa.browser.path })} ({t(`channels.whatsapp.browserSource.${wa.browser.source}`)})
        </p>
      ) : (
        <div className="error-box" data-testid="whatsapp-browser-missing">
          {reasonText('whatsapp_browser_missing')}
          <TechDetails text={wa.browser.error} />
        </div>
      )}
      {error && <div className="error-box">{error}</div>}
    </form>
  );
}
