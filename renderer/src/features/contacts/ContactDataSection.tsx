// Contact panel section (Inbox and Contacts page): add a phone or email, merge with another contact, export this
// customer's data, delete this customer.
import { useState } from 'react';
import { useTranslation } from '../../i18n/react';
import { useShallow } from 'zustand/react/shallow';
import { useContactsStore } from '../../stores/contacts';
import { MergeDialog } from './MergeDialog';
import { EraseDialog } from './EraseDialog';
import { errorText } from '../../i18n/errors';

export function ContactDataSection({ contactId }: { contactId: number }) {
  const { t } = useTranslation();
  const { addIdentity, exportData } = useContactsStore(useShallow((s) => ({ addIdentity: s.addIdentity, exportData: s.exportData })));
  const [dialog, setDialog] = useState<'merge' | 'erase' | null>(null);
  const [address, setAddress] = useState('');
  const [error, setError] = useState<string | null>(null);

  const act = async (fn: () => Promise<unknown>) => {
    setError(null);
    try {
      await fn();
    } catch (err) {
      setError(errorText(err));
    }
  };

  const add = () =>
    act(async () => {
      const a = address.trim();
      if (!a) return;
      const channel = a.includes('@') && !a.startsWith('@') ? 'email' : /\d/.test(a) ? 'phone' : null;
      if (!channel) throw new Error(t('contacts.detail.notAddress'));
      await addIdentity({ contactId, channel, externalId: a });
      setAddress('');
    });

  return (
    <section className="contact-data" data-testid="contact-data">
      <h3>{t('contacts.detail.section')}</h3>
      <div className="add-address">
        <input
          value={address}
          onChange={(e) => setAddress(e.target.value)}
          onKeyDown={(e) => e.key === 'Enter' && void add()}
          placeholder={t('contacts.detail.addressPlaceholder')}
          aria-label={t('contacts.detail.addAddress')}
          data-testid="add-address"
        />
        <button className="btn small" onClick={() => void add()} disabled={!address.trim()}>
          {t('contacts.detail.add')}
        </button>
      </div>
      {error && <p className="error-box small">{error}</p>}
      <div className="data-actions">
        <button className="btn small" onClick={() => setDialog('merge')} data-testid="contact-merge">
          {t('contacts.detail.merge')}
        </button>
        <button className="btn small" onClick={() => void act(() => exportData(contactId, 'json'))} data-testid="contact-export-json">
          {t('contacts.detail.exportJson')}
        </button>
        <button className="btn small" onClick={() => void act(() => exportData(contactId, 'csv'))} data-testid="contact-export-csv">
          {t('contacts.detail.exportCsv')}
        </button>
        <button className="btn small danger" onClick={() => setDialog('erase')} data-testid="contact-erase">
          {t('contacts.detail.erase')}
        </button>
      </div>
      {dialog === 'merge' && <MergeDialog survivorId={contactId} onClose={() => setDialog(null)} />}
      {dialog === 'erase' && <EraseDialog contactId={contactId} onClose={() => setDialog(null)} />}
    </section>
  );
}
