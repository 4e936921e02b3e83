// The Reminders page: upcoming, sent, missed and cancelled, with edit / cancel / send now.
import { useEffect, useState } from 'react';
import { useTranslation } from '../../i18n/react';
import { useShallow } from 'zustand/react/shallow';
import { call } from '../../api';
import { useAppStore } from '../../stores/app';
import { useInboxStore } from '../../stores/inbox';
import { TABS, useRemindersStore, type Reminder, type ReminderTab } from '../../stores/reminders';
import { ReminderDialog } from './ReminderDialog';
import { formatWhen } from './time';

export function RemindersScreen() {
  const { t } = useTranslation();
  const { tab, counts, error } = useRemindersStore(useShallow((s) => ({ tab: s.tab, counts: s.counts, error: s.error })));
  const list = useRemindersStore((s) => s.lists[s.tab]);
  const { setTab, load, loadMore } = useRemindersStore(useShallow((s) => ({ setTab: s.setTab, load: s.load, loadMore: s.loadMore })));
  const [dialog, setDialog] = useState<{ reminder?: Reminder } | null>(null);

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <div className="page reminders-page" data-testid="reminders-page">
      <header className="page-head">
        <h1>{t('reminders.title')}</h1>
        <span className="muted small reminders-intro">{t('reminders.intro')}</span>
        <span className="spacer" />
        <button className="btn primary" onClick={() => setDialog({})} data-testid="reminders-new">
          + {t('reminders.new')}
        </button>
      </header>
      <div className="page-body">
        <div className="filters reminder-tabs" role="tablist">
          {TABS.map((x) => (
            <button
              key={x}
              role="tab"
              aria-selected={tab === x}
              className={`chip ${tab === x ? 'on' : ''} ${x === 'missed' && counts.missed > 0 ? 'attention' : ''}`}
              onClick={() => setTab(x)}
              data-testid={`reminders-tab-${x}`}
            >
              {t(`reminders.tabs.${x}`)} <span className="tab-count">{counts[x]}</span>
            </button>
          ))}
        </div>
        {counts.missed > 0 && tab !== 'missed' && (
          <p className="notice-box" data-testid="reminders-missed-banner">
            {t('reminders.missedBanner', { count: counts.missed })}{' '}
            <button className="link" onClick={() => setTab('missed')}>
              {t('reminders.tabs.missed')} →
            </button>
          </p>
        )}
        {error && <p className="error-box">{error}</p>}
        {list.loaded && list.items.length === 0 ? (
          <p className="muted list-empty" data-testid="reminders-empty">
            {t(`reminders.empty.${tab}`)}
          </p>
        ) : (
          <table className="data reminders-table" data-testid="reminders-table">
            <thead>
              <tr>
                <th>{t('reminders.cols.customer')}</th>
                <th>{t('reminders.cols.when')}</th>
                <th>{t('reminders.cols.message')}</th>
                <th>{t('reminders.cols.status')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {list.items.map((r) => (
                <ReminderRow key={r.id} r={r} tab={tab} onEdit={() => setDialog({ reminder: r })} />
              ))}
            </tbody>
          </table>
        )}
        {list.next && (
          <button className="btn" onClick={() => void loadMore()}>
            {t('reminders.loadMore')}
          </button>
        )}
      </div>
      {dialog && <ReminderDialog target={{}} reminder={dialog.reminder} onClose={() => setDialog(null)} />}
    </div>
  );
}

function ReminderRow({ r, tab, onEdit }: { r: Reminder; tab: ReminderTab; onEdit: () => void }) {
  const { t } = useTranslation();
  const tz = useAppStore((s) => s.settings?.business.timeZone);
  const go = useAppStore((s) => s.go);
  const select = useInboxStore((s) => s.select);
  const { cancel, sendNow } = useRemindersStore(useShallow((s) => ({ cancel: s.cancel, sendNow: s.sendNow })));

  const openConversation = async () => {
    const c = await call('inbox.forContact', { contactId: r.contactId });
    go('inbox');
    select(c.id);
  };

  return (
    <tr data-testid="reminder-row" data-status={r.status} data-reminder-id={r.id}>
      <td>
        <button className="link reminder-who" onClick={() => void openConversation()} dir="auto">
          {r.contactName}
        </button>
        <div className="reminder-tags">
          <span className={`pill kind-${r.kind}`}>{t(`reminders.kind.${r.kind}`)}</span>
          {r.source === 'rule' && <span className="pill">{t('reminders.auto')}</span>}
          {r.orderNumber !== null && <span className="pill">{t('reminders.orderRef', { number: r.orderNumber })}</span>}
        </div>
      </td>
      <td className="reminder-when-cell">
        {tab === 'upcoming' ? formatWhen(r.dueAt, tz) : formatWhen(r.doneAt ?? r.dueAt, tz)}
        {r.repeat !== 'none' && (
          <div className="muted small">
            🔁 {r.repeat === 'every_n_days' ? t('reminders.repeat.everyN', { count: r.repeatEvery }) : t(`reminders.repeat.${r.repeat}`)}
          </div>
        )}
        {tab === 'upcoming' && r.fireAt !== r.dueAt && (
          <div className="muted small">{t('reminders.waitsQuiet', { time: formatWhen(r.fireAt, tz) })}</div>
        )}
      </td>
      <td className="reminder-text" dir="auto">
        {r.renderedText ?? r.preview ?? r.template}
      </td>
      <td>
        {r.status === 'sent' && r.messageStatus && (
          <span className={`pill msg-${r.messageStatus}`} data-testid="reminder-delivery">
            {t(`inbox.status.${r.messageStatus}`)}
          </span>
        )}
        {r.status === 'scheduled' && <span className="pill">{t('reminders.tabs.upcoming')}</span>}
        {r.statusNote && r.status !== 'sent' && <span className="muted small">{t(`reminders.note.${r.statusNote}`)}</span>}
      </td>
      <td className="reminder-actions">
        {r.status === 'scheduled' && (
          <>
            <button className="btn small" onClick={onEdit} data-testid="reminder-edit">
              {t('reminders.edit')}
            </button>
            <button className="btn small" onClick={() => void sendNow(r.id)} data-testid="reminder-send-now">
              {t('reminders.sendNow')}
            </button>
            <button
              className="btn small danger"
              onClick={() => window.confirm(t('reminders.confirmCancel')) && void cancel(r.id)}
              data-testid="reminder-cancel"
            >
              {t('reminders.cancel')}
            </button>
          </>
        )}
        {r.status === 'missed' && r.statusNote === 'late' && (
          <button className="btn small" onClick={() => void sendNow(r.id)} data-testid="reminder-send-now">
            {t('reminders.sendNow')}
          </button>
        )}
      </td>
    </tr>
  );
}
