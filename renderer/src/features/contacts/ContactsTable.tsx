// The contacts list: only the rows on screen exist in the DOM (virtualized), and their data is fetched page by page
// as they scroll into view, so 100,000 contacts scroll like 100.
import { useEffect, useRef } from 'react';
import { useTranslation } from '../../i18n/react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useShallow } from 'zustand/react/shallow';
import { PAGE, useContactsStore, type ContactRow } from '../../stores/contacts';
import { useAppStore } from '../../stores/app';
import { Avatar } from '../../components/Avatar';
import { ChannelBadge } from '../../components/ChannelBadge';
import { formatListTime } from '../../components/format';

const ROW_HEIGHT = 52;

export function ContactsTable() {
  const { t, i18n } = useTranslation();
  const { total, pages, version, facets, selected, openId, filter } = useContactsStore(
    useShallow((s) => ({
      total: s.total,
      pages: s.pages,
      version: s.version,
      facets: s.facets,
      selected: s.selected,
      openId: s.openId,
      filter: s.filter,
    })),
  );
  const { ensure, toggle, open, selectPage } = useContactsStore(
    useShallow((s) => ({ ensure: s.ensure, toggle: s.toggle, open: s.open, selectPage: s.selectPage })),
  );
  const tz = useAppStore((s) => s.settings?.business.timeZone);
  const parent = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({ count: total, getScrollElement: () => parent.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  const items = virtual.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;

  useEffect(() => {
    ensure(first, last);
  }, [first, last, version, ensure]);

  useEffect(() => {
    parent.current?.scrollTo({ top: 0 });
  }, [version]);

  const rowAt = (i: number): ContactRow | undefined => pages[Math.floor(i / PAGE)]?.[i % PAGE];
  const visibleIds = items.map((v) => rowAt(v.index)?.id).filter((x): x is number => x !== undefined);
  const allOn = visibleIds.length > 0 && visibleIds.every((id) => selected[id]);
  const money = facets ? new Intl.NumberFormat(i18n.language, { style: 'currency', currency: facets.currency }) : null;
  const filtered = Boolean(filter.query || filter.tag || filter.channel || filter.optedOut !== null);
  const cols = `contacts-grid ${facets?.hasOrders ? 'with-orders' : ''}`;

  return (
    <div className="contacts-table" role="table" aria-rowcount={total} data-testid="contacts-table">
      <div className={`contacts-row contacts-header ${cols}`} role="row">
        <span role="columnheader">
          <input
            type="checkbox"
            checked={allOn}
            onChange={(e) => selectPage(visibleIds, e.target.checked)}
            aria-label={t('contacts.selectAll')}
            data-testid="contacts-select-all"
          />
        </span>
        <span role="columnheader">{t('contacts.col.name')}</span>
        <span role="columnheader">{t('contacts.col.reach')}</span>
        <span role="columnheader">{t('contacts.col.tags')}</span>
        <span role="columnheader">{t('contacts.col.lastContact')}</span>
        {facets?.hasOrders && (
          <span role="columnheader" className="num">
            {t('contacts.col.orders')}
          </span>
        )}
        {facets?.hasOrders && (
          <span role="columnheader" className="num">
            {t('contacts.col.spent')}
          </span>
        )}
      </div>
      <div className="contacts-scroll" ref={parent}>
        {total === 0 && <p className="list-empty muted">{filtered ? t('contacts.emptyFiltered') : t('contacts.empty')}</p>}
        <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
          {items.map((v) => {
            const c = rowAt(v.index);
            const style = {
              position: 'absolute' as const,
              top: 0,
              left: 0,
              right: 0,
              height: v.size,
              transform: `translateY(${v.start}px)`,
            };
            if (!c) {
              return (
                <div key={v.key} className={`contacts-row ${cols} placeholder`} style={style} role="row">
                  <span className="skeleton" />
                </div>
              );
            }
            return (
              <div
                key={v.key}
                className={`contacts-row ${cols} ${openId === c.id ? 'open' : ''}`}
                style={style}
                role="row"
                aria-rowindex={v.index + 1}
                data-testid="contact-row"
                data-contact-id={c.id}
                onClick={() => open(c.id)}
              >
                <span onClick={(e) => e.stopPropagation()}>
                  <input
                    type="checkbox"
                    checked={Boolean(selected[c.id])}
                    onChange={() => toggle(c.id)}
                    aria-label={t('contacts.select', { name: c.name })}
                    data-testid="contact-select"
                  />
                </span>
                <span className="contact-cell-name">
                  <Avatar name={c.name} id={c.id} size={30} />
                  <span className="contact-name-text" dir="auto" title={c.name}>
                    {c.name}
                  </span>
                  {c.channels
                    .filter((ch) => ch !== 'phone' && ch !== 'email')
                    .map((ch) => (
                      <ChannelBadge key={ch} channel={ch} />
                    ))}
                  {c.optedOut && (
                    <span className="pill optout-pill" title={t('contacts.optedOutHint')} data-testid="optout-marker">
                      {t('contacts.optedOut')}
                    </span>
                  )}
                </span>
                <span className="muted ellipsis" dir="auto">
                  {[...c.phonesDisplay, ...c.emails].slice(0, 2).join(', ') || c.telegram[0] || ''}
                </span>
                <span className="ellipsis">
                  {c.tags.slice(0, 3).map((tag) => (
                    <span key={tag} className="tag small-tag" dir="auto">
                      {tag}
                    </span>
                  ))}
                </span>
                <span className="muted small">{c.lastContactAt ? formatListTime(c.lastContactAt, tz) : t('contacts.never')}</span>
                {facets?.hasOrders && <span className={`num ${c.orderCount ? '' : 'muted'}`}>{c.orderCount ?? ''}</span>}
                {facets?.hasOrders && <span className="num">{c.orderTotal ? money?.format(c.orderTotal) : ''}</span>}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
