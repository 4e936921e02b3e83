// The parts of the WhatsApp card that deal with how the link stands: linking with a pairing code instead of the QR
// code, the hard stops (open somewhere else, blocked) with their one way out, the "WhatsApp Web changed" notice,
// and the browser's memory with the routine-restart rule.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useChannelsStore, type ChannelsOverview, type ChannelStatus } from '../../stores/channels';
import { Field } from '../settings/fields';

type WhatsApp = ChannelsOverview['whatsapp'];

/** Below the QR code: "Link with phone number instead", the code with its countdown, expiry, back to the QR code. */
export function PairingCode({ status }: { status: ChannelStatus }) {
  const { t } = useTranslation();
  const request = useChannelsStore((s) => s.requestWhatsAppCode);
  const cancel = useChannelsStore((s) => s.cancelWhatsAppCode);
  const [asking, setAsking] = useState(false);
  const [phone, setPhone] = useState(status.pairing?.phone ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const pairing = status.pairing;
  const get = () => {
    setBusy(true);
    setError(null);
    request(phone)
      .catch((e: Error) => setError(e.message))
      .finally(() => setBusy(false));
  };
  const backToQr = () => {
    setAsking(false);
    setError(null);
    if (pairing) void cancel().catch((e: Error) => setError(e.message));
  };

  if (pairing && 'code' in pairing) {
    return (
      <div className="wa-code" data-testid="whatsapp-pairing">
        <strong>{t('whatsappLink.codeTitle')}</strong>
        <div className="wa-code-digits" data-testid="whatsapp-pairing-code" aria-label={pairing.code.split('').join(' ')}>
          {pairing.code.slice(0, 4)}-{pairing.code.slice(4)}
        </div>
        <p className="muted small">
          {t('whatsappLink.codeFor', { phone: pairing.phone })} · <Countdown until={pairing.expiresAt} />
        </p>
        <p>{t('whatsappLink.codeSteps')}</p>
        <button type="button" className="btn link" onClick={backToQr}>
          {t('whatsappLink.useQr')}
        </button>
        {error && <div className="error-box">{error}</div>}
      </div>
    );
  }
  if (!pairing && !asking) {
    return (
      <button type="button" className="btn link" onClick={() => setAsking(true)} data-testid="whatsapp-use-phone">
        {t('whatsappLink.usePhone')}
      </button>
    );
  }
  return (
    <form
      className="wa-code"
      onSubmit={(e) => {
        e.preventDefault();
        get();
      }}
    >
      {pairing && (
        <div className="notice-box" data-testid="whatsapp-pairing-expired">
          {t('whatsappLink.expired')}
        </div>
      )}
      <Field label={t('whatsappLink.phoneLabel')} hint={t('whatsappLink.phoneHint')} error={error}>
        <div className="inline-input">
          <input
            value={phone}
            onChange={(e) => setPhone(e.target.value)}
            placeholder="+49 151 23456789"
            inputMode="tel"
            autoComplete="tel"
            data-testid="whatsapp-phone"
          />
          <button type="submit" className="btn primary" disabled={busy || !phone.trim()} data-testid="whatsapp-get-code">
            {pairing ? t('whatsappLink.newCode') : t('whatsappLink.getCode')}
          </button>
        </div>
      </Field>
      <button type="button" className="btn link" onClick={backToQr}>
        {t('whatsappLink.useQr')}
      </button>
    </form>
  );
}

function Countdown({ until }: { until: number }) {
  const { t } = useTranslation();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const left = Math.max(0, Math.round((until - now) / 1000));
  return <span>{t('whatsappLink.expiresIn', { time: `${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')}` })}</span>;
}

/** What the owner must know about the link beyond the status line, and the one button that resolves a hard stop. */
export function LinkNotices({ wa, busy, onConnect }: { wa: WhatsApp; busy: boolean; onConnect: () => void }) {
  const { t } = useTranslation();
  const { status } = wa;
  return (
    <>
      {status.notice === 'web_changed' && (
        <div className="notice-box" data-testid="whatsapp-web-changed">
          {t('whatsappLink.webChanged')}
        </div>
      )}
      {(status.state === 'conflict' || status.state === 'blocked') && (
        <div className="error-box wa-stop" data-testid="whatsapp-hard-stop">
          <p>{status.state === 'conflict' ? t('whatsappLink.conflictHelp') : t('whatsappLink.blockedHelp')}</p>
          <button type="button" className="btn primary" disabled={busy} onClick={onConnect} data-testid="whatsapp-take-back">
            {status.state === 'conflict' ? t('whatsappLink.takeBack') : t('whatsappLink.reconnect')}
          </button>
        </div>
      )}
      {status.memoryBytes !== undefined && (
        <p className="muted small" data-testid="whatsapp-memory">
          {t('whatsappLink.memory', { mb: Math.round(status.memoryBytes / 1_048_576) })}{' '}
          {t('whatsappLink.memoryPolicy', { hour: String(wa.quietHour).padStart(2, '0'), limit: wa.memoryLimitMb, days: wa.maxUptimeDays })}
        </p>
      )}
    </>
  );
}

/** Settings → Channels → WhatsApp → Advanced: the WhatsApp Web version and when the browser is restarted. */
export function WhatsAppAdvanced({ wa }: { wa: WhatsApp }) {
  const { t } = useTranslation();
  const update = useChannelsStore((s) => s.updateWhatsApp);
  const [form, setForm] = useState({
    webVersion: wa.webVersion ?? '',
    webVersionRemote: wa.webVersionRemote ?? '',
    quietHour: String(wa.quietHour),
    memoryLimitMb: String(wa.memoryLimitMb),
    maxUptimeDays: String(wa.maxUptimeDays),
  });
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => {
    setSaved(false);
    setForm({ ...form, [k]: e.target.value });
  };
  return (
    <details className="wa-advanced" data-testid="whatsapp-advanced">
      <summary className="muted small">{t('whatsappLink.advanced')}</summary>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setError(null);
          update({
            webVersion: form.webVersion.trim() || null,
            webVersionRemote: form.webVersionRemote.trim() || null,
            quietHour: Number(form.quietHour),
            memoryLimitMb: Number(form.memoryLimitMb),
            maxUptimeDays: Number(form.maxUptimeDays),
          })
            .then(() => setSaved(true))
            .catch((err: Error) => setError(err.message));
        }}
      >
        <Field label={t('whatsappLink.webVersion')} hint={t('whatsappLink.webVersionHint')}>
          <input
            value={form.webVersion}
            onChange={set('webVersion')}
            placeholder="2.3000.1023180766"
            spellCheck={false}
            data-testid="whatsapp-web-version"
          />
        </Field>
        <Field label={t('whatsappLink.webVersionRemote')} hint={t('whatsappLink.webVersionRemoteHint')}>
          <input
            value={form.webVersionRemote}
            onChange={set('webVersionRemote')}
            placeholder="https://…/{version}.html"
            spellCheck={false}
          />
        </Field>
        <div className="wa-advanced-row">
          <Field label={t('whatsappLink.quietHour')} hint={t('whatsappLink.quietHourHint')}>
            <select value={form.quietHour} onChange={set('quietHour')}>
              {Array.from({ length: 24 }, (_, h) => (
                <option key={h} value={h}>
                  {String(h).padStart(2, '0')}:00
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('whatsappLink.memoryLimit')}>
            <input type="number" min={256} max={16384} step={128} value={form.memoryLimitMb} onChange={set('memoryLimitMb')} />
          </Field>
          <Field label={t('whatsappLink.maxDays')}>
            <input type="number" min={1} max={30} value={form.maxUptimeDays} onChange={set('maxUptimeDays')} />
          </Field>
        </div>
        <div className="save-bar">
          <button type="submit" className="btn">
            {t('whatsappLink.save')}
          </button>
          {saved && <span className="muted small">{t('whatsappLink.saved')}</span>}
        </div>
        {error && <div className="error-box">{error}</div>}
      </form>
    </details>
  );
}
