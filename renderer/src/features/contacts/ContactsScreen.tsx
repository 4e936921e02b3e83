// The Contacts page: every customer in one virtualized list with search and filters, the selected customer's card
// beside it, and the owner's tools for their data: export, import, duplicates.
import { useEffect, useState } from 'react';
import { useTranslation } from '../../i18n/react';
import { useShallow } from 'zustand/react/shallow';
import { useContactsStore } from '../../stores/contacts';
import { useAppStore } from '../../stores/app';
import { useInboxStore } from '../../stores/inbox';
import { ContactPanel } from '../inbox/ContactPanel';
import { ContactsTable } from './ContactsTable';
import { ExportDialog } from './ExportDialog';
import { ImportDialog } from './ImportDialog';
import { DuplicatesDialog } from './DuplicatesDialog';
import { runtimeKey } from '../../i18n/keys';
import { errorText } from '../../i18n/errors';

type Dialog = 'export' | 'import' | 'dups' | null;

export function ContactsScreen() {
  const { t } = useTranslation();
  const { filter, sort, total, facets, error, openId, selectedCount } = useContactsStore(
    useShallow((s) => ({
      filter: s.filter,
      sort: s.sort,
      total: s.total,
      facets: s.facets,
      error: s.error,
      openId: s.openId,
      selectedCount: Object.keys(s.selected).length,
    })),
  );
  const { setFilter, setSort, loadFacets, reload, clearSelection, open, conversationFor } = useContactsStore(
    useShallow((s) => ({
      setFilter: s.setFilter,
      setSort: s.setSort,
      loadFacets: s.loadFacets,
      reload: s.reload,
      clearSelection: s.clearSelection,
      open: s.open,
      conversationFor: s.conversationFor,
    })),
  );
  const go = useAppStore((s) => s.go);
  const [openError, setOpenError] = useState<string | null>(null);

  const openConversation = async (contactId: number) => {
    setOpenError(null);
    try {
      const conv = await conversationFor(contactId);
      // Selected first, so the inbox keeps the row even when its filter would hide it.
      useInboxStore.getState().select(conv.id);
      useInboxStore.getState().upsert(conv);
      go('inbox');
    } catch (err) {
      setOpenError(errorText(err));
    }
  };
  const [query, setQuery] = useState(filter.query);
  const [dialog, setDialog] = useState<Dialog>(null);

  useEffect(() => {
    void loadFacets();
    reload();
  }, [loadFacets, reload]);

  // Search as the owner types, without a request per keystroke.
  useEffect(() => {
    if (query === filter.query) return;
    const h = setTimeout(() => setFilter({ query }), 200);
    return () => clearTimeout(h);
  }, [query, filter.query, setFilter]);

  return (
    <div className="page contacts-page" data-testid="contacts-page">
      <div className="page-head contacts-head">
        <div className="contacts-title">
          <h1>{t('contacts.title')}</h1>
          <span className="muted small" data-testid="contacts-count">
            {t('contacts.count', { count: total })}
          </span>
        </div>
        <span className="spacer" />
        <button className="btn" onClick={() => setDialog('dups')} data-testid="contacts-duplicates">
          {t('contacts.duplicates')}
        </button>
        <button className="btn" onClick={() => setDialog('import')} data-testid="contacts-import">
          {t('contacts.import')}
        </button>
        <button className="btn primary" onClick={() => setDialog('export')} data-testid="contacts-export">
          {t('contacts.export')}
        </button>
      </div>
      <div className="contacts-filters">
        <input
          className="search contacts-search"
          type="search"
          value={query}
          placeholder={t('contacts.searchPlaceholder')}
          onChange={(e) => setQuery(e.target.value)}
          data-testid="contacts-search"
          dir="auto"
        />
        <select
          value={filter.tag ?? ''}
          onChange={(e) => setFilter({ tag: e.target.value || null })}
          aria-label={t('contacts.col.tags')}
          data-testid="contacts-tag"
        >
          <option value="">{t('contacts.allTags')}</option>
          {facets?.tags.map((x) => (
            <option key={x.tag} value={x.tag}>
              {x.tag} ({x.count})
            </option>
          ))}
        </select>
        <select
          value={filter.channel ?? ''}
          onChange={(e) => setFilter({ channel: e.target.value || null })}
          aria-label={t('contacts.allChannels')}
          data-testid="contacts-channel"
        >
          <option value="">{t('contacts.allChannels')}</option>
          {facets?.channels.map((x) => (
            <option key={x.channel} value={x.channel}>
              {t(runtimeKey('common.channel', x.channel), { defaultValue: x.channel })} ({x.count})
            </option>
          ))}
        </select>
        {facets?.hasOptOut && (
          <select
            value={filter.optedOut === null ? '' : filter.optedOut ? 'yes' : 'no'}
            onChange={(e) => setFilter({ optedOut: e.target.value === '' ? null : e.target.value === 'yes' })}
            aria-label={t('contacts.optedOutOnly')}
            data-testid="contacts-optout"
          >
            <option value="">{t('contacts.anyConsent')}</option>
            <option value="yes">{t('contacts.optedOutOnly')}</option>
            <option value="no">{t('contacts.notOptedOut')}</option>
          </select>
        )}
        <label className="contacts-sort">
          <span className="muted small">{t('contacts.sortBy')}</span>
          <select value={sort} onChange={(e) => setSort(e.target.value as typeof sort)} data-testid="contacts-sort">
            <option value="name">{t('contacts.sort.name')}</option>
            <option value="lastContact">{t('contacts.sort.lastContact')}</option>
            {facets?.hasOrders && <option value="spent">{t('contacts.sort.spent')}</option>}
          </select>
        </label>
        {selectedCount > 0 && (
          <span className="contacts-selbar" data-testid="contacts-selbar">
            {t('contacts.selected', { count: selectedCount })}
            <button className="link" onClick={clearSelection}>
              {t('contacts.clear')}
            </button>
          </span>
        )}
      </div>
      {(error || openError) && <p className="error-box small">{error ?? openError}</p>}
      <div className="contacts-body">
        <ContactsTable />
        {openId !== null ? (
          <div className="contacts-detail">
            <div className="contacts-detail-bar">
              <button className="btn small primary" onClick={() => void openConversation(openId)} data-testid="open-conversation">
                💬 {t('contacts.openConversation')}
              </button>
              <button className="link" onClick={() => open(null)} aria-label={t('common.close')}>
                ×
              </button>
            </div>
            <ContactPanel key={openId} contactId={openId} />
          </div>
        ) : (
          <aside className="contact-panel contacts-empty-panel">
            <p className="muted">{t('contacts.pickOne')}</p>
          </aside>
        )}
      </div>
      {dialog === 'export' && <ExportDialog onClose={() => setDialog(null)} />}
      {dialog === 'import' && <ImportDialog onClose={() => setDialog(null)} />}
      {dialog === 'dups' && <DuplicatesDialog onClose={() => setDialog(null)} />}
    </div>
  );
}
