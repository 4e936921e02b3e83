// Conversation header: Resolve / Reopen in one click, Snooze presets, labels (pick, add, delete), pin and mark unread.
import { useRef, useState, type ReactNode } from 'react';
import { useTranslation } from '../../i18n/react';
import type { ConversationSummary } from '../../stores/inbox';
import { useWorkdayStore, type SnoozePreset } from '../../stores/workday';

export const LABEL_COLORS = ['#1565c0', '#2e7d32', '#ef6c00', '#c62828', '#6a1b9a', '#00838f', '#5d4037', '#546e7a'];
const PRESETS: { preset: SnoozePreset; key: 'workday.snoozeHour' | 'workday.snoozeTomorrow' | 'workday.snoozeWeek' }[] = [
  { preset: 'hour', key: 'workday.snoozeHour' },
  { preset: 'tomorrow', key: 'workday.snoozeTomorrow' },
  { preset: 'monday', key: 'workday.snoozeWeek' },
];

/** A small drop-down built on <details>: keyboard reachable, closes after a choice. */
function Menu({ label, testId, children }: { label: ReactNode; testId: string; children: (close: () => void) => ReactNode }) {
  const ref = useRef<HTMLDetailsElement>(null);
  const close = () => ref.current?.removeAttribute('open');
  return (
    <details className="menu" ref={ref} data-testid={testId}>
      <summary className="btn small">{label}</summary>
      <div className="menu-body" role="menu">
        {children(close)}
      </div>
    </details>
  );
}

export function WorkdayTools({ conversation: c }: { conversation: ConversationSummary }) {
  const { t } = useTranslation();
  const w = useWorkdayStore();
  const [name, setName] = useState('');
  const [color, setColor] = useState(LABEL_COLORS[0]);
  const resolved = c.state === 'resolved' || c.state === 'snoozed';

  async function addLabel() {
    const made = await w.createLabel(name, color);
    if (made) {
      setName('');
      await w.setLabel(c.id, made.id, true);
    }
  }

  return (
    <>
      {resolved ? (
        <button className="btn small" onClick={() => void w.reopen(c.id)} data-testid="reopen" title={t('workday.shortcuts.resolve')}>
          ↩ {t('workday.reopen')}
        </button>
      ) : (
        <button
          className="btn small primary"
          onClick={() => void w.resolve(c.id)}
          data-testid="resolve"
          title={`${t('workday.shortcuts.resolve')} (E)`}
        >
          ✓ {t('workday.resolve')}
        </button>
      )}
      <Menu label={<>💤 {t('workday.snooze')}</>} testId="snooze-menu">
        {(close) =>
          PRESETS.map((p) => (
            <button
              key={p.preset}
              role="menuitem"
              className="menu-item"
              onClick={() => {
                close();
                void w.snooze(c.id, p.preset);
              }}
              data-testid={`snooze-${p.preset}`}
            >
              {t(p.key)}
            </button>
          ))
        }
      </Menu>
      <Menu label={<>🏷 {t('workday.labels')}</>} testId="labels-menu">
        {() => (
          <>
            {w.labels.length === 0 && <p className="muted small">{t('workday.noLabels')}</p>}
            {w.labels.map((l) => (
              <div key={l.id} className="menu-label">
                <label className="menu-item">
                  <input
                    type="checkbox"
                    checked={c.labelIds.includes(l.id)}
                    onChange={(e) => void w.setLabel(c.id, l.id, e.target.checked)}
                    data-testid="label-toggle"
                  />
                  <span className="label-chip" translate="no" style={{ ['--label' as string]: l.color }}>
                    {l.name}
                  </span>
                </label>
                <button
                  className="link"
                  onClick={() => window.confirm(t('workday.deleteLabel', { name: l.name }) + '?') && void w.removeLabel(l.id)}
                  aria-label={t('workday.deleteLabel', { name: l.name })}
                  title={t('workday.deleteLabel', { name: l.name })}
                >
                  ×
                </button>
              </div>
            ))}
            <form
              className="new-label"
              onSubmit={(e) => {
                e.preventDefault();
                if (name.trim()) void addLabel();
              }}
            >
              <input
                value={name}
                onChange={(e) => setName(e.target.value)}
                placeholder={t('workday.newLabel')}
                aria-label={t('workday.labelName')}
                maxLength={40}
                data-testid="new-label-name"
              />
              <div className="swatches">
                {LABEL_COLORS.map((col) => (
                  <button
                    type="button"
                    key={col}
                    className={`swatch ${col === color ? 'on' : ''}`}
                    style={{ background: col }}
                    onClick={() => setColor(col)}
                    aria-label={t('workday.labelColor', { color: col })}
                    aria-pressed={col === color}
                  />
                ))}
              </div>
              <button className="btn small" type="submit" disabled={!name.trim()} data-testid="new-label-add">
                {t('workday.addLabel')}
              </button>
            </form>
          </>
        )}
      </Menu>
      <Menu label="⋯" testId="more-menu">
        {(close) => (
          <>
            <button
              role="menuitem"
              className="menu-item"
              onClick={() => {
                close();
                void w.pin(c.id, !c.pinned);
              }}
              data-testid="pin"
            >
              📌 {c.pinned ? t('workday.unpin') : t('workday.pin')}
            </button>
            <button
              role="menuitem"
              className="menu-item"
              onClick={() => {
                close();
                void w.markUnread(c.id);
              }}
              data-testid="mark-unread"
            >
              ● {t('workday.markUnread')}
            </button>
          </>
        )}
      </Menu>
      {w.error && (
        <span className="error-inline small" role="alert">
          {w.error}
        </span>
      )}
    </>
  );
}
