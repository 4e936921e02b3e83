// "/" at the start of the reply box lists quick replies; typing filters them, ↑/↓ move, Enter (or Tab) puts the
// chosen one in the box with the customer's name filled in, Esc closes the list.
import { useEffect, useState, type KeyboardEvent } from 'react';
import { useTranslation } from '../../i18n/react';
import { useQuickRepliesStore } from '../../stores/quickReplies';
import { useAppStore } from '../../stores/app';
import { describeHours, fillQuickReply, firstName } from '../quickreplies/fill';

const SLASH = /^\/(\S*)$/;

export function useSlashQuickReplies(draft: string, contactName: string, apply: (text: string) => void) {
  const { i18n } = useTranslation();
  const { items, loaded, load } = useQuickRepliesStore();
  const business = useAppStore((s) => s.settings?.business);
  const [index, setIndex] = useState(0);
  const [dismissed, setDismissed] = useState<string | null>(null);
  const m = SLASH.exec(draft);
  const open = !!m && dismissed !== draft;
  const word = (m?.[1] ?? '').toLowerCase();
  // Titles the owner typed the start of come first, then titles containing it, then texts containing it.
  const rank = (q: { title: string; text: string }) => {
    const title = q.title.toLowerCase();
    return title.startsWith(word) ? 0 : title.includes(word) ? 1 : q.text.toLowerCase().includes(word) ? 2 : 3;
  };
  const shown = open
    ? items
        .map((q, i) => ({ q, r: rank(q), i }))
        .filter((x) => x.r < 3)
        .sort((a, b) => a.r - b.r || a.i - b.i)
        .map((x) => x.q)
        .slice(0, 8)
    : [];

  useEffect(() => {
    if (open && !loaded) void load();
  }, [open, loaded, load]);
  useEffect(() => setIndex(0), [word]);

  const pick = (i: number) => {
    const q = shown[i];
    if (!q) return;
    apply(
      fillQuickReply(q.text, {
        name: firstName(contactName),
        business: business?.name ?? '',
        hours: business ? describeHours(business.openingHours, i18n.language) : '',
      }),
    );
  };

  /** True when the key was for the list (the composer must not also act on it). */
  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>): boolean {
    if (!open || shown.length === 0) return false;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setIndex((i) => (i + (e.key === 'ArrowDown' ? 1 : shown.length - 1)) % shown.length);
      return true;
    }
    if ((e.key === 'Enter' && !e.shiftKey) || e.key === 'Tab') {
      e.preventDefault();
      pick(index);
      return true;
    }
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      setDismissed(draft);
      return true;
    }
    return false;
  }

  const list =
    shown.length > 0 ? (
      <ul className="slash-list" role="listbox" data-testid="slash-quick-replies">
        {shown.map((q, i) => (
          <li
            key={q.id}
            role="option"
            aria-selected={i === index}
            className={i === index ? 'on' : ''}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => pick(i)}
          >
            <strong>{q.title}</strong> <span className="muted">{q.text}</span>
          </li>
        ))}
      </ul>
    ) : null;
  return { list, onKeyDown };
}
