// Conversation header button "Remind…": plans a reminder for the customer of this conversation.
import { useState } from 'react';
import { useTranslation } from '../../i18n/react';
import { ReminderDialog } from './ReminderDialog';

export function RemindButton({ conversationId }: { conversationId: number }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button className="btn small" onClick={() => setOpen(true)} data-testid="remind-button" title={t('reminders.remind')}>
        ⏰ {t('reminders.remind')}
      </button>
      {open && <ReminderDialog target={{ conversationId }} onClose={() => setOpen(false)} />}
    </>
  );
}
