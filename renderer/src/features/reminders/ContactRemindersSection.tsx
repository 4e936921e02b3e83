// Contact panel section: the customer's opt-out state (with "record consent"), upcoming and recent reminders.
import { useEffect, useState } from 'react';
import { useTranslation } from '../../i18n/react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../stores/app';
import { useRemindersStore, type Reminder } from '../../stores/reminders';
import { ReminderDialog } from './ReminderDialog';
import { formatWhen } from './time';
import { runtimeKey } from '../../i18n/keys';
import { errorText } from '../../i18n/errors';

export function ContactRemindersSection({ contactId }: { contactId: number }) {
  const { t } = useTranslation();
  const tz = useAppStore((s) => s.settings?.business.timeZone);
  const data = useRemindersStore((s) => s.byContact[contactId]);
  const optout = useRemindersStore((s) => s.optout[contactId]);
  const { loadContact, loadOptOut, cancel } = useRemindersStore(
    useShallow((s) => ({ loadContact: s.loadContact, loadOptOut: s.loadOptOut, cancel: s.cancel })),
  );
  const [dialog, setDialog] = useState<{ reminder?: Reminder } | null>(null);

  useEffect(() => {
    void loadContact(contactId);
    void loadOptOut(contactId);
  }, [contactId, loadContact, loadOptOut]);

  const lastConsent = optout?.history.find((h) => h.change === 'opt_in');
  return (
    <section className="contact-reminders" data-testid="contact-reminders">
      <div className="section-head">
        <h3>{t('reminders.panel.title')}</h3>
        <button className="btn small" onClick={() => setDialog({})} disabled={optout?.optedOut} data-testid="contact-remind">
          {t('reminders.panel.add')}
        </button>
      </div>
      {optout?.optedOut && <OptOutBox contactId={contactId} />}
      {!optout?.optedOut && lastConsent && (
        <p className="muted small" data-testid="consent-recorded">
          ✓ {t('reminders.panel.consentGiven', { date: formatWhen(lastConsent.at, tz) })}
        </p>
      )}
      {data && data.upcoming.length === 0 && <p className="muted small">{t('reminders.panel.none')}</p>}
      <ul className="mini-reminders">
        {data?.upcoming.map((r) => (
          <li key={r.id} data-testid="contact-reminder" data-status={r.status}>
            <div className="mini-head">
              <span className="pill">{t(`reminders.kind.${r.kind}`)}</span>
              <span className="small">{formatWhen(r.fireAt, tz)}</span>
              {r.repeat !== 'none' && <span title={t(`reminders.repeat.${r.repeat}`)}>🔁</span>}
            </div>
            <div className="mini-text small" dir="auto">
              {r.preview ?? r.template}
            </div>
            <div className="mini-actions">
              <button className="link" onClick={() => setDialog({ reminder: r })}>
                {t('reminders.edit')}
              </button>
              <button className="link danger" onClick={() => window.confirm(t('reminders.confirmCancel')) && void cancel(r.id)}>
                {t('reminders.cancel')}
              </button>
            </div>
          </li>
        ))}
      </ul>
      {data && data.recent.length > 0 && (
        <>
          <div className="muted small mini-recent-title">{t('reminders.panel.recent')}</div>
          <ul className="mini-reminders recent">
            {data.recent.map((r) => (
              <li key={r.id} data-testid="contact-reminder" data-status={r.status}>
                <div className="mini-head">
                  <span className={`pill status-${r.status}`}>{t(runtimeKey('reminders.tabs', r.status))}</span>
                  <span className="small">{formatWhen(r.doneAt ?? r.dueAt, tz)}</span>
                </div>
                <div className="mini-text small muted" dir="auto">
                  {r.renderedText ?? (r.statusNote ? t(`reminders.note.${r.statusNote}`) : r.template)}
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
      {dialog && <ReminderDialog target={{ contactId }} reminder={dialog.reminder} onClose={() => setDialog(null)} />}
    </section>
  );
}

function OptOutBox({ contactId }: { contactId: number }) {
  const { t } = useTranslation();
  const tz = useAppStore((s) => s.settings?.business.timeZone);
  const status = useRemindersStore((s) => s.optout[contactId]);
  const recordConsent = useRemindersStore((s) => s.recordConsent);
  const [asking, setAsking] = useState(false);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  if (!status?.optedOut) return null;
  return (
    <div className="optout-box" data-testid="optout-box">
      <strong>⛔ {t('reminders.panel.optedOut')}</strong>
      <div className="small" dir="auto">
        {t('reminders.panel.optedOutDetail', {
          said: status.said ?? '',
          date: status.at ? formatWhen(status.at, tz) : '',
          channel: t(runtimeKey('common.channel', status.channel), { defaultValue: status.channel ?? '' }),
        })}
      </div>
      {!asking ? (
        <button className="link" onClick={() => setAsking(true)} data-testid="optout-record-consent">
          {t('reminders.panel.recordConsent')}
        </button>
      ) : (
        <div className="consent-form">
          <label className="small">
            {t('reminders.panel.consentPrompt')}
            <input value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} data-testid="consent-note" />
          </label>
          <div className="mini-actions">
            <button
              className="btn small primary"
              onClick={() =>
                void recordConsent(contactId, note).then(
                  () => setAsking(false),
                  (err: unknown) => setError(errorText(err)),
                )
              }
              data-testid="consent-save"
            >
              {t('reminders.panel.consentSave')}
            </button>
            <button className="btn small" onClick={() => setAsking(false)}>
              {t('common.cancel')}
            </button>
          </div>
          {error && <span className="field-error">{error}</span>}
        </div>
      )}
    </div>
  );
}
