// The left column: search, filters and a virtualized list of conversations (newest activity first).
import { memo, useEffect, useRef, useState } from 'react';
import { readPreview } from '../../../../main/shared/message-preview';
import { useTranslation, type UiT } from '../../i18n/react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useShallow } from 'zustand/react/shallow';
import { useInboxStore, type ConversationSummary } from '../../stores/inbox';
import { useAppStore } from '../../stores/app';
import { useSandboxStore } from '../../stores/sandbox';
import { Avatar } from '../../components/Avatar';
import { ChannelBadge } from '../../components/ChannelBadge';
import { formatListTime } from '../../components/format';
import { runtimeKey } from '../../i18n/keys';
import { StateTabs } from '../workday/StateTabs';
import { RowBadges } from '../workday/RowBadges';

const CHANNEL_FILTERS = ['whatsapp', 'telegram', 'sandbox'];
// The height of a row without badges (.conv-row in styles.css, measured in Chromium). Every row is measured, but one
// whose height differs from the estimate makes the virtualizer recompute the offsets of all rows after it: at
// thousands of rows that was the biggest part of a scroll frame.
const ROW_HEIGHT = 66;

export function ConversationList() {
  const { t } = useTranslation();
  const { filter, query, error } = useInboxStore(useShallow((s) => ({ filter: s.filter, query: s.query, error: s.error })));
  const { setFilter, search } = useInboxStore.getState();
  const toggleSandbox = useSandboxStore((s) => s.toggle);
  const [text, setText] = useState(query);

  // Search as the owner types, a little after they pause.
  useEffect(() => {
    const h = setTimeout(() => void search(text), 200);
    return () => clearTimeout(h);
  }, [text, search]);

  return (
    <aside className="conversation-list">
      <div className="list-head">
        <div className="list-title">
          <h1>{t('common.nav.inbox')}</h1>
          <button className="btn small" onClick={() => toggleSandbox()} data-testid="try-as-customer" title={t('sandbox.openHint')}>
            🧪 {t('sandbox.open')}
          </button>
        </div>
        <input
          type="search"
          className="search"
          placeholder={t('inbox.searchPlaceholder')}
          value={text}
          onChange={(e) => setText(e.target.value)}
          data-testid="inbox-search"
          maxLength={200}
        />
        <StateTabs />
        <div className="filters" role="group" aria-label={t('inbox.filters')}>
          <button
            className={`chip ${!filter.unread && !filter.channel ? 'on' : ''}`}
            onClick={() => void setFilter({ unread: false, channel: null, label: null })}
          >
            {t('inbox.all')}
          </button>
          <button
            className={`chip ${filter.unread ? 'on' : ''}`}
            onClick={() => void setFilter({ unread: !filter.unread })}
            data-testid="filter-unread"
          >
            {t('inbox.unread')}
          </button>
          {CHANNEL_FILTERS.map((ch) => (
            <button
              key={ch}
              className={`chip ${filter.channel === ch ? 'on' : ''}`}
              onClick={() => void setFilter({ channel: filter.channel === ch ? null : ch })}
              data-testid={`filter-${ch}`}
            >
              {t(runtimeKey('common.channel', ch))}
            </button>
          ))}
        </div>
      </div>
      {error && <p className="error-box small">{error}</p>}
      <ConversationRows />
    </aside>
  );
}

/** The scrolling rows. Its own component: the virtualizer re-renders it on every scroll frame, and the search box,
 *  tabs and filters above must not re-render with it (they were most of a scroll frame's work at 5,000 rows). */
function ConversationRows() {
  const { t } = useTranslation();
  const { items, searchResults, hits, filter, query, loading, next } = useInboxStore(
    useShallow((s) => ({
      items: s.items,
      searchResults: s.searchResults,
      hits: s.hits,
      filter: s.filter,
      query: s.query,
      loading: s.loading,
      next: s.next,
    })),
  );
  const { loadMore, select } = useInboxStore.getState();
  const selectedId = useInboxStore((s) => s.selectedId);
  const timeZone = useAppStore((s) => s.settings?.business.timeZone);
  const scrollRef = useRef<HTMLDivElement>(null);

  const rows = searchResults ?? items;
  const snippetFor = (id: number) => hits.find((h) => h.conversationId === id)?.snippet;
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 5,
    getItemKey: (i) => rows[i].id,
    // Rows for a new scroll position render in their own task, not inside the scroll event's: two short tasks a frame
    // instead of one long one.
    useFlushSync: false,
  });
  const virtualItems = virtualizer.getVirtualItems();
  const lastIndex = virtualItems.at(-1)?.index ?? 0;
  useEffect(() => {
    if (!searchResults && next && lastIndex >= rows.length - 10) void loadMore();
  }, [lastIndex, rows.length, next, searchResults, loadMore]);

  return (
    <div className="list-scroll" ref={scrollRef} data-testid="conversation-list">
      {rows.length === 0 && !loading && (
        <p className="muted list-empty">
          {searchResults
            ? t('inbox.noResults', { query })
            : filter.unread || filter.channel || filter.label !== null || (filter.state !== null && filter.state !== 'active')
              ? t('inbox.noneFiltered')
              : t('inbox.none')}
        </p>
      )}
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualItems.map((v) => {
          const c = rows[v.index];
          return (
            <div
              key={v.key}
              data-index={v.index}
              ref={virtualizer.measureElement}
              style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${v.start}px)` }}
            >
              <Row
                c={c}
                t={t}
                selected={c.id === selectedId}
                onSelect={select}
                snippet={searchResults ? snippetFor(c.id) : undefined}
                timeZone={timeZone}
              />
            </div>
          );
        })}
      </div>
    </div>
  );
}

// Memoised: the list re-renders on every scroll frame, but a row only changes when its conversation does (or the
// language: `t` is new then). `t` comes from the list: react-i18next's hook copies the whole i18next instance for each
// component that mounts, and scrolling mounts rows all the time (a third of the scripting while scrolling).
const Row = memo(function Row({
  c,
  t,
  selected,
  onSelect,
  snippet,
  timeZone,
}: {
  c: ConversationSummary;
  t: UiT;
  selected: boolean;
  onSelect: (id: number) => void;
  snippet?: string;
  timeZone?: string;
}) {
  const stored = readPreview(c.lastPreview);
  // A photo or voice note is named in the owner's language; the stored preview carries only its kind.
  const shown = stored.kind
    ? `[${t(runtimeKey('inbox.kind', stored.kind), { defaultValue: stored.kind })}]${stored.text ? ` ${stored.text}` : ''}`
    : stored.text;
  const preview = snippet ?? (c.lastDirection === 'out' ? `${t('inbox.you')}: ${shown}` : shown);
  return (
    <button
      className={`conv-row ${selected ? 'selected' : ''} ${c.unreadCount > 0 ? 'unread' : ''}`}
      onClick={() => onSelect(c.id)}
      data-testid="conversation-row"
      data-conversation-id={c.id}
    >
      <Avatar name={c.contactName} id={c.contactId} />
      <span className="conv-main">
        <span className="conv-top">
          <span className="conv-name" dir="auto">
            {c.contactName}
          </span>
          <span className="conv-time">{formatListTime(c.lastMessageAt, timeZone)}</span>
        </span>
        <span className="conv-bottom">
          <ChannelBadge channel={c.lastChannel} />
          <span className="conv-preview" dir="auto">
            {preview}
          </span>
          {c.unreadCount > 0 && (
            <span className="unread-badge" data-testid="unread-badge" aria-label={t('inbox.unreadCount', { count: c.unreadCount })}>
              {c.unreadCount}
            </span>
          )}
        </span>
        <RowBadges c={c} t={t} timeZone={timeZone} />
      </span>
    </button>
  );
});
