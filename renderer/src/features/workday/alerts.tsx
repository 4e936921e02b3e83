// Alerts for an ordinary new customer message in the browser (headless mode; the desktop app's notifications come from
// its shell): a system notification once the owner agreed (asked once, politely, in the inbox), an optional sound,
// and silence while the owner is looking at that very conversation.
import { useState } from 'react';
import { on } from '../../api';
import { useTranslation } from '../../i18n/react';
import { tr } from '../../i18n';
import { useAppStore } from '../../stores/app';
import { useInboxStore } from '../../stores/inbox';

const KEY = 'lavka.alerts';
interface AlertPrefs {
  /** The owner answered the notification question (either way): never ask again. */
  asked: boolean;
  sound: boolean;
}

function prefs(): AlertPrefs {
  try {
    return { asked: false, sound: false, ...(JSON.parse(localStorage.getItem(KEY) ?? '{}') as Partial<AlertPrefs>) };
  } catch {
    return { asked: false, sound: false };
  }
}
function savePrefs(p: Partial<AlertPrefs>): void {
  localStorage.setItem(KEY, JSON.stringify({ ...prefs(), ...p }));
}

const inBrowser = () => typeof window !== 'undefined' && !window.lavka;
const canNotify = () => inBrowser() && typeof Notification !== 'undefined';

/** True while the owner has this conversation in front of them. */
function looking(conversationId: number): boolean {
  return (
    document.visibilityState === 'visible' &&
    document.hasFocus() &&
    useAppStore.getState().screen === 'inbox' &&
    useInboxStore.getState().selectedId === conversationId
  );
}

function beep(): void {
  const Ctx = window.AudioContext;
  if (!Ctx) return;
  const ctx = new Ctx();
  const osc = ctx.createOscillator();
  const gain = ctx.createGain();
  osc.frequency.value = 880;
  gain.gain.setValueAtTime(0.15, ctx.currentTime);
  gain.gain.exponentialRampToValueAtTime(0.001, ctx.currentTime + 0.25);
  osc.connect(gain).connect(ctx.destination);
  osc.start();
  osc.stop(ctx.currentTime + 0.25);
  osc.onended = () => void ctx.close();
}

export function startMessageAlerts(): void {
  if (!inBrowser()) return;
  on('message.new', ({ conversationId, message }) => {
    if (message.direction !== 'in' || message.author !== 'customer' || looking(conversationId)) return;
    if (prefs().sound) beep();
    if (!canNotify() || Notification.permission !== 'granted' || document.visibilityState === 'visible') return;
    const c = useInboxStore.getState().items.find((x) => x.id === conversationId);
    const n = new Notification(tr('workday.notifyTitle', { name: c?.contactName ?? '' }), {
      body: message.body.slice(0, 140),
      tag: `conversation-${conversationId}`,
    });
    n.onclick = () => {
      window.focus();
      useAppStore.getState().go('inbox');
      useInboxStore.getState().select(conversationId);
      n.close();
    };
  });
}

/** The one-time question, shown in the inbox until answered, and the sound toggle. */
export function AlertsControls() {
  const { t } = useTranslation();
  const [p, setP] = useState(prefs);
  // Read once: Notification.permission is a synchronous round trip to the browser process, and this control
  // re-renders with the inbox list. It changes only through the button below (which hides the question).
  const [permission] = useState(() => (canNotify() ? Notification.permission : 'denied'));
  const ask = !p.asked && permission === 'default';
  const update = (next: Partial<AlertPrefs>) => {
    savePrefs(next);
    setP(prefs());
  };
  return (
    <>
      <button
        className="btn small"
        onClick={() => update({ sound: !p.sound })}
        title={p.sound ? t('workday.soundOn') : t('workday.soundOff')}
        aria-label={p.sound ? t('workday.soundOn') : t('workday.soundOff')}
        aria-pressed={p.sound}
        data-testid="alerts-sound"
      >
        {p.sound ? '🔔' : '🔕'}
      </button>
      {ask && (
        <div className="notice-box alerts-ask" data-testid="alerts-ask">
          <span>{t('workday.alertsAsk')}</span>
          <span className="channel-down-actions">
            <button
              className="btn small primary"
              onClick={() => void Notification.requestPermission().finally(() => update({ asked: true }))}
              data-testid="alerts-turn-on"
            >
              {t('workday.alertsTurnOn')}
            </button>
            <button className="btn small" onClick={() => update({ asked: true })}>
              {t('workday.alertsNotNow')}
            </button>
          </span>
        </div>
      )}
    </>
  );
}
