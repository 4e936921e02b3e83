// Contact panel section: the language Lavka writes to this customer in — detected from their messages, the shop's
// default while unclear, or the owner's choice (which detection never overrides). Changing it here is the choice.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useContactStore } from '../../stores/contact';
import { useLanguageStore } from '../../stores/language';
import { CUSTOMER_LANGUAGES, languageInfo } from '../../../../main/shared/languages';

const AUTO = '';

export function ContactLanguageSection({ contactId }: { contactId: number }) {
  const { t } = useTranslation();
  const contact = useContactStore((s) => s.byId[contactId]);
  const update = useContactStore((s) => s.update);
  const current = useLanguageStore((s) => s.byContact[contactId]);
  const loadContact = useLanguageStore((s) => s.loadContact);
  const updatedAt = contact?.updatedAt;

  useEffect(() => {
    void loadContact(contactId);
  }, [contactId, updatedAt, loadContact]);

  if (!contact || !current) return null;
  const chosen = contact.languageByOwner && contact.language ? contact.language : AUTO;
  const name = (code: string) => languageInfo(code)?.nativeName ?? code;
  const status =
    current.source === 'owner'
      ? t('customerLanguage.panel.owner')
      : current.source === 'detected'
        ? t('customerLanguage.panel.detected', { language: name(current.language) })
        : t('customerLanguage.panel.default', { language: name(current.language) });

  return (
    <section className="contact-language" data-testid="contact-language">
      <h3>{t('customerLanguage.panel.title')}</h3>
      <select
        value={chosen}
        onChange={(e) => void update({ contactId, language: e.target.value === AUTO ? null : e.target.value })}
        data-testid="contact-language-select"
        aria-label={t('customerLanguage.panel.title')}
      >
        <option value={AUTO}>{t('customerLanguage.panel.auto')}</option>
        {CUSTOMER_LANGUAGES.map((l) => (
          <option key={l.code} value={l.code}>
            {l.nativeName}
          </option>
        ))}
      </select>
      <p className="muted small" data-testid="contact-language-status">
        {status}
      </p>
      <p className="muted small">{t('customerLanguage.panel.hint')}</p>
    </section>
  );
}
