// Under a reply that is still only queued: cancel it or rewrite it. Once a channel has it the core refuses and the
// owner sees why (the bubble then shows it as sending).
import { useState } from 'react';
import { useTranslation } from '../../i18n/react';
import type { Message } from '../../stores/conversation';
import { useWorkdayStore } from '../../stores/workday';

export function QueuedActions({ m }: { m: Message }) {
  const { t } = useTranslation();
  const cancel = useWorkdayStore((s) => s.cancelQueued);
  const edit = useWorkdayStore((s) => s.editQueued);
  const [text, setText] = useState<string | null>(null);
  if (text !== null) {
    return (
      <form
        className="queued-edit"
        onSubmit={(e) => {
          e.preventDefault();
          if (text.trim()) void edit(m.id, text).then((ok) => ok && setText(null));
        }}
      >
        <textarea
          value={text}
          onChange={(e) => setText(e.target.value)}
          rows={Math.min(6, Math.max(2, text.split('\n').length))}
          dir="auto"
          autoFocus
          data-testid="queued-edit-text"
        />
        <div className="queued-actions">
          <button className="btn small" type="button" onClick={() => setText(null)}>
            {t('workday.discardEdit')}
          </button>
          <button className="btn small primary" type="submit" disabled={!text.trim()} data-testid="queued-edit-save">
            {t('workday.saveEdit')}
          </button>
        </div>
      </form>
    );
  }
  return (
    <div className="queued-actions">
      <button className="link" onClick={() => setText(m.body)} data-testid="queued-edit">
        {t('workday.editQueued')}
      </button>
      <button className="link" onClick={() => void cancel(m.id)} data-testid="queued-cancel">
        {t('workday.cancelQueued')}
      </button>
    </div>
  );
}
