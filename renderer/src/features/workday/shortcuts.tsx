// Inbox keyboard shortcuts and the sheet that lists them (on "?"). Single keys act only when the owner is not
// typing; Alt+↑/↓ move between conversations from anywhere, Esc leaves the reply box.
import { useEffect, useState } from 'react';
import { useTranslation } from '../../i18n/react';
import { useInboxStore } from '../../stores/inbox';
import { useWorkdayStore } from '../../stores/workday';

type ShortcutKey = 'next' | 'prev' | 'resolve' | 'snooze' | 'composer' | 'unread' | 'quickReply' | 'sheet';
export const SHORTCUTS: { keys: string[]; what: ShortcutKey }[] = [
  { keys: ['J', 'Alt+↓'], what: 'next' },
  { keys: ['K', 'Alt+↑'], what: 'prev' },
  { keys: ['E'], what: 'resolve' },
  { keys: ['S'], what: 'snooze' },
  { keys: ['R'], what: 'composer' },
  { keys: ['U'], what: 'unread' },
  { keys: ['/'], what: 'quickReply' },
  { keys: ['?'], what: 'sheet' },
];

function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));
}

function step(delta: 1 | -1): void {
  const inbox = useInboxStore.getState();
  const rows = inbox.searchResults ?? inbox.items;
  if (rows.length === 0) return;
  const i = rows.findIndex((c) => c.id === inbox.selectedId);
  const next = rows[i === -1 ? (delta === 1 ? 0 : rows.length - 1) : Math.min(rows.length - 1, Math.max(0, i + delta))];
  inbox.select(next.id);
  document.querySelector<HTMLElement>(`[data-conversation-id="${next.id}"].conv-row`)?.scrollIntoView({ block: 'nearest' });
}

export function useInboxShortcuts(openSheet: () => void): void {
  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey) return;
      if (e.altKey && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
        e.preventDefault();
        step(e.key === 'ArrowDown' ? 1 : -1);
        return;
      }
      if (e.key === 'Escape' && typing(e.target) && (e.target as HTMLElement).dataset.testid === 'composer') {
        (e.target as HTMLElement).blur();
        return;
      }
      if (e.altKey || typing(e.target)) return;
      const inbox = useInboxStore.getState();
      const id = inbox.selectedId;
      const w = useWorkdayStore.getState();
      const c = (inbox.searchResults ?? inbox.items).find((x) => x.id === id);
      const act: Record<string, () => void> = {
        j: () => step(1),
        k: () => step(-1),
        '?': openSheet,
        e: () => c && void (c.state === 'resolved' || c.state === 'snoozed' ? w.reopen(c.id) : w.resolve(c.id)),
        s: () => c && void w.snooze(c.id, 'tomorrow'),
        u: () => c && void w.markUnread(c.id),
        r: () => document.querySelector<HTMLTextAreaElement>('[data-testid="composer"]')?.focus(),
      };
      const fn = act[e.key.length === 1 ? e.key.toLowerCase() : e.key];
      if (!fn) return;
      e.preventDefault();
      fn();
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [openSheet]);
}

export function ShortcutsSheet({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  useEffect(() => {
    const h = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', h);
    return () => window.removeEventListener('keydown', h);
  }, [onClose]);
  return (
    <div className="modal-backdrop" onClick={onClose}>
      <div
        className="modal shortcuts-sheet"
        role="dialog"
        aria-modal="true"
        aria-labelledby="shortcuts-title"
        onClick={(e) => e.stopPropagation()}
        data-testid="shortcuts-sheet"
      >
        <div className="modal-head">
          <h2 id="shortcuts-title">{t('workday.shortcuts.title')}</h2>
          <button className="link modal-x" onClick={onClose} aria-label={t('workday.shortcuts.close')} autoFocus>
            ×
          </button>
        </div>
        <table className="shortcuts-table">
          <tbody>
            {SHORTCUTS.map((s) => (
              <tr key={s.what}>
                <td>
                  {s.keys.map((k) => (
                    <kbd key={k}>{k}</kbd>
                  ))}
                </td>
                <td>{t(`workday.shortcuts.${s.what}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/** The inbox's shortcut handling plus the "?" sheet and a small button that opens it. */
export function InboxShortcuts() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  useInboxShortcuts(() => setOpen(true));
  return (
    <>
      <button
        className="btn small shortcuts-button"
        onClick={() => setOpen(true)}
        title={t('workday.shortcutsButton')}
        aria-label={t('workday.shortcutsButton')}
        data-testid="shortcuts-button"
      >
        ⌨
      </button>
      {open && <ShortcutsSheet onClose={() => setOpen(false)} />}
    </>
  );
}
