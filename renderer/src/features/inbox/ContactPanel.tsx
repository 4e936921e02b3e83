// The customer beside the conversation: name, addresses, notes and tags, all editable. Domains add sections below.
import { useEffect, useState } from 'react';
import { useTranslation } from '../../i18n/react';
import { useContactStore, type Contact } from '../../stores/contact';
import { ChannelBadge } from '../../components/ChannelBadge';
import { Avatar } from '../../components/Avatar';
import { CONTACT_PANEL_SECTIONS } from './contactPanelSections';
import { PhoneCountry } from '../language/PhoneCountry';

const isE164 = (s: string) => /^\+[1-9]\d{6,14}$/.test(s);

export function ContactPanel({ contactId }: { contactId: number }) {
  const { t } = useTranslation();
  const contact = useContactStore((s) => s.byId[contactId]);
  const error = useContactStore((s) => s.error);
  const load = useContactStore((s) => s.load);
  useEffect(() => {
    void load(contactId);
  }, [contactId, load]);
  if (!contact) {
    return (
      <aside className="contact-panel">
        {error ? (
          <div className="error-box small">
            {error}{' '}
            <button className="btn small" onClick={() => void load(contactId)}>
              {t('common.retry')}
            </button>
          </div>
        ) : (
          <p className="muted">{t('common.loading')}</p>
        )}
      </aside>
    );
  }
  return <ContactDetails key={contact.id + ':' + contact.updatedAt} contact={contact} />;
}

function ContactDetails({ contact }: { contact: Contact }) {
  const { t } = useTranslation();
  const update = useContactStore((s) => s.update);
  const error = useContactStore((s) => s.error);
  const [name, setName] = useState(contact.name);
  const [notes, setNotes] = useState(contact.notes);
  const [tagInput, setTagInput] = useState('');

  const saveName = () => {
    if (name.trim() && name !== contact.name) void update({ contactId: contact.id, name });
    else setName(contact.name);
  };
  const saveNotes = () => {
    if (notes !== contact.notes) void update({ contactId: contact.id, notes });
  };
  const addTag = () => {
    const tag = tagInput.trim();
    if (!tag) return;
    void update({ contactId: contact.id, tags: [...contact.tags, tag] });
    setTagInput('');
  };

  return (
    <aside className="contact-panel" data-testid="contact-panel">
      <div className="contact-head">
        <Avatar name={contact.name} id={contact.id} size={56} />
        <input
          className="contact-name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          onBlur={saveName}
          onKeyDown={(e) => e.key === 'Enter' && (e.target as HTMLInputElement).blur()}
          aria-label={t('inbox.contact.name')}
          data-testid="contact-name"
          dir="auto"
          maxLength={200}
        />
      </div>
      {error && <p className="error-box small">{error}</p>}
      <section>
        <h3>{t('inbox.contact.identities')}</h3>
        <ul className="identities">
          {contact.identities.map((i) => (
            <li key={i.id}>
              <ChannelBadge channel={i.channel} withLabel />
              <span className="identity-id" dir="auto">
                {i.channel === 'sandbox' ? i.display || i.externalId : i.externalId}
              </span>
              {isE164(i.externalId) && <PhoneCountry e164={i.externalId} />}
            </li>
          ))}
        </ul>
      </section>
      <section>
        <h3>{t('inbox.contact.tags')}</h3>
        <div className="tags">
          {contact.tags.map((tag) => (
            <span className="tag" key={tag}>
              {tag}
              <button
                className="tag-x"
                aria-label={t('inbox.contact.removeTag', { tag })}
                onClick={() => void update({ contactId: contact.id, tags: contact.tags.filter((x) => x !== tag) })}
              >
                ×
              </button>
            </span>
          ))}
          <input
            className="tag-input"
            value={tagInput}
            placeholder={t('inbox.contact.addTag')}
            onChange={(e) => setTagInput(e.target.value)}
            onKeyDown={(e) => e.key === 'Enter' && addTag()}
            onBlur={addTag}
            maxLength={40}
            data-testid="tag-input"
          />
        </div>
      </section>
      <section>
        <h3>{t('inbox.contact.notes')}</h3>
        <textarea
          className="notes"
          value={notes}
          rows={5}
          placeholder={t('inbox.contact.notesPlaceholder')}
          onChange={(e) => setNotes(e.target.value)}
          onBlur={saveNotes}
          data-testid="contact-notes"
          dir="auto"
        />
      </section>
      {CONTACT_PANEL_SECTIONS.map(({ id, component: Section }) => (
        <Section key={id} contactId={contact.id} />
      ))}
    </aside>
  );
}
