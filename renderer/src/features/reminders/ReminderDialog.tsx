// Create or edit a reminder: what about, when (shop time zone), repeat, the text with placeholders, and a live
// preview of exactly what the customer will get and when it really goes out (quiet hours).
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from '../../i18n/react';
import { call, type ApiOutput } from '../../api';
import { useRemindersStore, type Reminder, type ReminderDraft } from '../../stores/reminders';
import { ChannelBadge } from '../../components/ChannelBadge';
import { formatWhen, localParts, quickTimes } from './time';
import { runtimeKey } from '../../i18n/keys';
import { errorText } from '../../i18n/errors';

type Context = ApiOutput<'reminders.context'>;
type Kind = ReminderDraft['kind'];
type Repeat = NonNullable<ReminderDraft['repeat']>;
const KINDS: Kind[] = ['custom', 'payment_due', 'pickup_ready', 'appointment', 'reorder', 'follow_up'];
const REPEATS: Repeat[] = ['none', 'daily', 'weekly', 'monthly', 'every_n_days'];
const PLACEHOLDERS = ['name', 'order', 'total', 'date', 'business'];

export interface DialogTarget {
  conversationId?: number;
  contactId?: number;
  orderId?: number;
}

export function ReminderDialog({ target, reminder, onClose }: { target: DialogTarget; reminder?: Reminder; onClose: () => void }) {
  const { t } = useTranslation();
  const create = useRemindersStore((s) => s.create);
  const update = useRemindersStore((s) => s.update);
  const [who, setWho] = useState<DialogTarget>(reminder ? { contactId: reminder.contactId } : target);
  const [ctx, setCtx] = useState<Context | null>(null);
  const [texts, setTexts] = useState<Record<string, string> | null>(null);
  const [kind, setKind] = useState<Kind>(reminder?.kind ?? 'custom');
  const [orderId, setOrderId] = useState<number | null>(reminder?.orderId ?? target.orderId ?? null);
  const [date, setDate] = useState(reminder?.localDue.slice(0, 10) ?? '');
  const [time, setTime] = useState(reminder?.localDue.slice(11, 16) ?? '');
  const [repeat, setRepeat] = useState<Repeat>(reminder?.repeat ?? 'none');
  const [every, setEvery] = useState(reminder?.repeatEvery ?? 2);
  const [eventAt, setEventAt] = useState('');
  const [channel, setChannel] = useState<string>(reminder?.channel ?? '');
  const [text, setText] = useState(reminder?.template ?? '');
  const [touched, setTouched] = useState(!!reminder);
  const [personalise, setPersonalise] = useState(reminder?.personalise ?? false);
  const [preview, setPreview] = useState<ApiOutput<'reminders.preview'> | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const textRef = useRef<HTMLTextAreaElement>(null);
  const needsWho = !who.contactId && !who.conversationId;

  // Who the reminder is for: their language, channels, orders, and the core's clock and time zone.
  useEffect(() => {
    if (needsWho) return;
    let live = true;
    call('reminders.context', { contactId: who.contactId, conversationId: who.conversationId })
      .then((c) => {
        if (!live) return;
        setCtx(c);
        if (!reminder) {
          const q = quickTimes(c.now, c.timeZone).tomorrow;
          setDate((d) => d || q.date);
          setTime((x) => x || q.time);
        } else if (reminder.eventAt) {
          const p = localParts(reminder.eventAt, c.timeZone);
          setEventAt(`${p.date}T${p.time}`);
        }
      })
      .catch((err: unknown) => setError(errorText(err)));
    return () => {
      live = false;
    };
  }, [who.contactId, who.conversationId, needsWho, reminder]);

  // Standard texts in the customer's language; they follow the kind until the owner edits the text.
  useEffect(() => {
    if (!ctx) return;
    let live = true;
    void call('reminders.templates', { contactId: ctx.contactId, orderId }).then((r) => {
      if (!live) return;
      setTexts(r.texts);
      if (!touched) setText(r.texts[kind]);
    });
    return () => {
      live = false;
    };
  }, [ctx, orderId, kind, touched]);

  const draft: ReminderDraft | null = useMemo(() => {
    if (!ctx || !date || !time) return null;
    return {
      contactId: ctx.contactId,
      orderId,
      kind,
      text,
      at: `${date}T${time}`,
      eventAt: eventAt || null,
      repeat,
      every: repeat === 'every_n_days' ? every : undefined,
      channel: channel || null,
      personalise,
    };
  }, [ctx, orderId, kind, text, date, time, eventAt, repeat, every, channel, personalise]);

  // Live preview, debounced: the exact text and the real send time.
  useEffect(() => {
    if (!draft) return;
    const h = setTimeout(() => {
      call('reminders.preview', draft)
        .then((p) => {
          setPreview(p);
          setPreviewError(null);
        })
        .catch((err: Error) => {
          setPreview(null);
          setPreviewError(errorText(err));
        });
    }, 250);
    return () => clearTimeout(h);
  }, [draft]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  const insert = (p: string) => {
    const el = textRef.current;
    const at = el?.selectionStart ?? text.length;
    const next = `${text.slice(0, at)}{${p}}${text.slice(el?.selectionEnd ?? at)}`;
    setText(next);
    setTouched(true);
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(at + p.length + 2, at + p.length + 2);
    });
  };

  const save = async () => {
    if (!draft) return;
    setBusy(true);
    setError(null);
    try {
      if (reminder) {
        await update({
          id: reminder.id,
          kind,
          text,
          at: draft.at,
          eventAt: draft.eventAt,
          repeat,
          every: draft.every,
          channel: draft.channel,
          personalise,
        });
      } else {
        await create(draft);
      }
      onClose();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  const name = ctx?.contactName ?? reminder?.contactName ?? '';
  const quick = ctx ? quickTimes(ctx.now, ctx.timeZone) : null;
  const withEvent = kind === 'appointment' || kind === 'pickup_ready';

  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div
        className="modal reminder-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="reminder-dialog-title"
        data-testid="reminder-dialog"
      >
        <h2 id="reminder-dialog-title" dir="auto">
          {reminder
            ? t('reminders.dialog.editTitle', { name })
            : needsWho
              ? t('reminders.new')
              : t('reminders.dialog.createTitle', { name })}
        </h2>
        {needsWho && <ContactPicker onPick={(conversationId) => setWho({ conversationId })} />}
        {ctx?.optedOut && <p className="error-box">{t('reminders.dialog.optedOut')}</p>}
        {ctx && (
          <div className="form reminder-form">
            <div className="grid2">
              <label className="field">
                <span className="field-label">{t('reminders.dialog.kind')}</span>
                <select value={kind} onChange={(e) => setKind(e.target.value as Kind)} data-testid="reminder-kind">
                  {KINDS.map((k) => (
                    <option key={k} value={k}>
                      {t(`reminders.kind.${k}`)}
                    </option>
                  ))}
                </select>
              </label>
              <label className="field">
                <span className="field-label">{t('reminders.dialog.order')}</span>
                <select
                  value={orderId ?? ''}
                  onChange={(e) => setOrderId(e.target.value ? Number(e.target.value) : null)}
                  disabled={!!reminder || ctx.orders.length === 0}
                  data-testid="reminder-order"
                >
                  <option value="">{t('reminders.dialog.noOrder')}</option>
                  {ctx.orders.map((o) => (
                    <option key={o.id} value={o.id}>
                      {t('reminders.orderRef', { number: o.number ?? o.id })} · {o.status}
                    </option>
                  ))}
                </select>
              </label>
            </div>
            <div className="grid2">
              <div className="field">
                <span className="field-label">{t('reminders.dialog.when')}</span>
                <div className="reminder-when">
                  <input
                    type="date"
                    value={date}
                    onChange={(e) => setDate(e.target.value)}
                    aria-label={t('reminders.dialog.date')}
                    data-testid="reminder-date"
                    required
                  />
                  <input
                    type="time"
                    value={time}
                    onChange={(e) => setTime(e.target.value)}
                    aria-label={t('reminders.dialog.time')}
                    data-testid="reminder-time"
                    required
                  />
                </div>
              </div>
              <div className="field">
                <span className="field-label">{t('reminders.dialog.repeat')}</span>
                <div className="reminder-when">
                  <select value={repeat} onChange={(e) => setRepeat(e.target.value as Repeat)} data-testid="reminder-repeat">
                    {REPEATS.map((r) => (
                      <option key={r} value={r}>
                        {t(`reminders.repeat.${r}`)}
                      </option>
                    ))}
                  </select>
                  {repeat === 'every_n_days' && (
                    <input
                      type="number"
                      className="every-input"
                      min={1}
                      max={366}
                      value={every}
                      aria-label={t('reminders.dialog.every')}
                      onChange={(e) => setEvery(Math.max(1, Math.min(366, Number(e.target.value) || 1)))}
                      data-testid="reminder-every"
                    />
                  )}
                </div>
              </div>
            </div>
            <div className="reminder-quick">
              {quick &&
                (['in1h', 'tomorrow', 'in3d', 'week'] as const).map((q) => (
                  <button
                    key={q}
                    type="button"
                    className={`chip ${date === quick[q].date && time === quick[q].time ? 'on' : ''}`}
                    onClick={() => {
                      setDate(quick[q].date);
                      setTime(quick[q].time);
                    }}
                    data-testid={`reminder-quick-${q}`}
                  >
                    {t(`reminders.dialog.quick.${q}`)}
                  </button>
                ))}
              <span className="field-hint">{t('reminders.dialog.timeZone', { tz: ctx.timeZone })}</span>
            </div>
            <div className="grid2">
              <label className="field">
                <span className="field-label">{t('reminders.dialog.channel')}</span>
                <select value={channel} onChange={(e) => setChannel(e.target.value)} data-testid="reminder-channel">
                  <option value="">{t('reminders.dialog.lastUsed')}</option>
                  {ctx.channels.map((c) => (
                    <option key={c} value={c}>
                      {t(runtimeKey('common.channel', c), { defaultValue: c })}
                    </option>
                  ))}
                </select>
              </label>
              {withEvent && (
                <label className="field">
                  <span className="field-label">{t('reminders.dialog.eventAt')}</span>
                  <input
                    type="datetime-local"
                    value={eventAt}
                    onChange={(e) => setEventAt(e.target.value)}
                    data-testid="reminder-event-at"
                  />
                </label>
              )}
            </div>
            <label className="field">
              <span className="field-label">{t('reminders.dialog.text')}</span>
              <textarea
                ref={textRef}
                rows={3}
                value={text}
                maxLength={2000}
                dir="auto"
                onChange={(e) => {
                  setText(e.target.value);
                  setTouched(true);
                }}
                data-testid="reminder-text"
              />
            </label>
            <div className="reminder-placeholders">
              <span className="muted small">{t('reminders.dialog.insert')}</span>
              {PLACEHOLDERS.filter((p) => orderId || (p !== 'order' && p !== 'total')).map((p) => (
                <button key={p} type="button" className="chip" onClick={() => insert(p)}>
                  {`{${p}}`}
                </button>
              ))}
              {touched && texts && (
                <button
                  type="button"
                  className="link"
                  onClick={() => {
                    setText(texts[kind]);
                    setTouched(false);
                  }}
                >
                  {t('reminders.dialog.resetText')}
                </button>
              )}
            </div>
            <label className="check reminder-personalise" title={t('reminders.dialog.personaliseHint')}>
              <input
                type="checkbox"
                checked={personalise}
                onChange={(e) => setPersonalise(e.target.checked)}
                data-testid="reminder-personalise"
              />
              <span>
                ✨ {t('reminders.dialog.personalise')} <span className="muted small">— {t('reminders.dialog.personaliseHint')}</span>
              </span>
            </label>
            <div className="reminder-preview card" data-testid="reminder-preview">
              <div className="muted small">
                {t('reminders.dialog.preview')} {ctx.channels[0] && <ChannelBadge channel={channel || ctx.channels[0]} />}
              </div>
              {preview && (
                <>
                  <div className="phone-msg mine reminder-preview-text" dir="auto">
                    {preview.text}
                  </div>
                  <div className="small" data-testid="reminder-goes-out">
                    {t('reminders.dialog.goesOut', { time: formatWhen(preview.fireAt, ctx.timeZone) })}{' '}
                    {preview.fireAt !== preview.dueAt && (
                      <span className="muted">{t('reminders.dialog.movedQuiet', { time: formatWhen(preview.dueAt, ctx.timeZone) })}</span>
                    )}
                  </div>
                </>
              )}
              {previewError && <div className="field-error">{previewError}</div>}
            </div>
          </div>
        )}
        {error && <p className="error-box">{error}</p>}
        <div className="save-bar">
          <button
            className="btn primary"
            disabled={busy || !draft || !!previewError || ctx?.optedOut}
            onClick={() => void save()}
            data-testid="reminder-save"
          >
            {reminder ? t('reminders.dialog.save') : t('reminders.dialog.schedule')}
          </button>
          <button className="btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </div>
      </div>
    </div>
  );
}

/** For "New reminder" on the Reminders page: pick one of the recent conversations. */
function ContactPicker({ onPick }: { onPick: (conversationId: number) => void }) {
  const { t } = useTranslation();
  const [items, setItems] = useState<ApiOutput<'inbox.list'>['items']>([]);
  const [q, setQ] = useState('');
  useEffect(() => {
    void call('inbox.list', { limit: 200 }).then((r) => setItems(r.items));
  }, []);
  const shown = items.filter((c) => c.contactName.toLowerCase().includes(q.trim().toLowerCase())).slice(0, 50);
  return (
    <div className="field">
      <span className="field-label">{t('reminders.cols.customer')}</span>
      <input
        value={q}
        onChange={(e) => setQ(e.target.value)}
        placeholder={t('inbox.searchPlaceholder')}
        data-testid="reminder-contact-search"
      />
      <div className="reminder-contacts">
        {shown.map((c) => (
          <button key={c.id} type="button" className="chip" onClick={() => onPick(c.id)} dir="auto" data-testid="reminder-contact">
            {c.contactName}
          </button>
        ))}
      </div>
    </div>
  );
}
