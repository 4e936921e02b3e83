// The ⚡ button beside the composer: pick a saved answer, it lands in the draft with the customer's name filled in.
import { useEffect, useState } from 'react';
import { useTranslation } from '../../i18n/react';
import { useQuickRepliesStore } from '../../stores/quickReplies';
import { useAppStore } from '../../stores/app';
import { describeHours, fillQuickReply, firstName } from './fill';

export function QuickRepliesButton({ contactName, onPick }: { contactName: string; onPick: (text: string) => void }) {
  const { t, i18n } = useTranslation();
  const { items, loaded, load } = useQuickRepliesStore();
  const business = useAppStore((s) => s.settings?.business);
  const [open, setOpen] = useState(false);
  const [filter, setFilter] = useState('');

  useEffect(() => {
    if (open && !loaded) void load();
  }, [open, loaded, load]);

  const shown = items.filter((q) => (q.title + ' ' + q.text).toLowerCase().includes(filter.toLowerCase()));
  return (
    <div className="qr">
      <button
        className="btn small"
        onClick={() => setOpen(!open)}
        title={t('quickReplies.button')}
        data-testid="quick-replies"
        aria-expanded={open}
      >
        ⚡ {t('quickReplies.short')}
      </button>
      {open && (
        <div className="qr-pop" role="dialog" aria-label={t('quickReplies.button')}>
          <input autoFocus value={filter} onChange={(e) => setFilter(e.target.value)} placeholder={t('quickReplies.filter')} />
          <ul>
            {shown.map((q) => (
              <li key={q.id}>
                <button
                  onClick={() => {
                    onPick(
                      fillQuickReply(q.text, {
                        name: firstName(contactName),
                        business: business?.name ?? '',
                        hours: business ? describeHours(business.openingHours, i18n.language) : '',
                      }),
                    );
                    setOpen(false);
                    setFilter('');
                  }}
                  data-testid="quick-reply-item"
                >
                  <strong>{q.title}</strong>
                  <span className="muted">{q.text}</span>
                </button>
              </li>
            ))}
            {shown.length === 0 && <li className="muted qr-empty">{t('quickReplies.none')}</li>}
          </ul>
        </div>
      )}
    </div>
  );
}
