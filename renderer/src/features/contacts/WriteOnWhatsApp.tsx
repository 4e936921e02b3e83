// "Write on WhatsApp" for a phone-book contact who never wrote: Lavka asks WhatsApp whether the number is on it
// and, if so, gives the contact a WhatsApp address to write to. The refusal (not on WhatsApp, not connected) is
// worded in the owner's language, with the way to fix it.
import { useState } from 'react';
import { useTranslation } from '../../i18n/react';
import { call, type ApiOutput } from '../../api';
import { errorText } from '../../i18n/errors';
import { useInboxStore } from '../../stores/inbox';

type Conversation = ApiOutput<'contacts.writeOnWhatsApp'>;

export function WriteOnWhatsAppButton({ contactId, onDone }: { contactId: number; onDone?: (c: Conversation) => void }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const write = async () => {
    setBusy(true);
    setError(null);
    try {
      const conv = await call('contacts.writeOnWhatsApp', { contactId });
      useInboxStore.getState().upsert(conv);
      onDone?.(conv);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="write-on-whatsapp">
      <button className="btn small primary" onClick={() => void write()} disabled={busy} data-testid="write-on-whatsapp">
        {busy ? t('workday.checkingWhatsApp') : t('workday.writeOnWhatsApp')}
      </button>
      {error && (
        <p className="error-box small" role="alert" data-testid="write-on-whatsapp-error">
          {error}
        </p>
      )}
    </div>
  );
}

/** In place of the reply box while the customer has only a phone-book number: nothing could be sent there. */
export function PhoneBookNotice({ contactId }: { contactId: number }) {
  const { t } = useTranslation();
  return (
    <div className="notice-box phone-book-only" role="status" data-testid="phone-book-only">
      <p>{t('workday.phoneBookOnly')}</p>
      <WriteOnWhatsAppButton contactId={contactId} />
    </div>
  );
}
