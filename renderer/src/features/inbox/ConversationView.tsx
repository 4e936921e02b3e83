// The open conversation: header, virtualized history that pages older messages in on scroll, and the composer.
import { useEffect, useLayoutEffect, useRef } from 'react';
import { useTranslation } from '../../i18n/react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useConversationStore } from '../../stores/conversation';
import type { ConversationSummary } from '../../stores/inbox';
import { useAppStore } from '../../stores/app';
import { Avatar } from '../../components/Avatar';
import { ChannelBadge } from '../../components/ChannelBadge';
import { formatDay } from '../../components/format';
import { MessageBubble } from './MessageBubble';
import { Composer } from './Composer';
import { ConversationTools } from './ConversationTools';

const EMPTY: never[] = [];

export function ConversationView({ conversation }: { conversation: ConversationSummary }) {
  const { t } = useTranslation();
  const id = conversation.id;
  const thread = useConversationStore((s) => s.threads[id]);
  const open = useConversationStore((s) => s.open);
  const loadOlder = useConversationStore((s) => s.loadOlder);
  const timeZone = useAppStore((s) => s.settings?.business.timeZone);
  const messages = thread?.messages ?? EMPTY;
  const scrollRef = useRef<HTMLDivElement>(null);
  const stickToBottom = useRef(true);
  const firstId = useRef<number | null>(null);
  const sizeBefore = useRef(0);

  useEffect(() => {
    void open(id);
  }, [id, open]);

  const multiChannel = new Set(messages.map((m) => m.channel)).size > 1;
  const virtualizer = useVirtualizer({
    count: messages.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 64,
    overscan: 8,
    getItemKey: (i) => messages[i].id,
  });

  // Keep the view pinned: at the bottom for new messages, in place when older ones are prepended.
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el || messages.length === 0) return;
    const newFirst = messages[0].id;
    if (firstId.current !== null && newFirst < firstId.current) {
      el.scrollTop += virtualizer.getTotalSize() - sizeBefore.current;
    } else if (stickToBottom.current) {
      virtualizer.scrollToIndex(messages.length - 1, { align: 'end' });
    }
    firstId.current = newFirst;
    sizeBefore.current = virtualizer.getTotalSize();
  }, [messages, virtualizer]);

  function onScroll() {
    const el = scrollRef.current;
    if (!el) return;
    stickToBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 80;
    sizeBefore.current = virtualizer.getTotalSize();
    if (el.scrollTop < 300 && thread?.hasOlder && !thread.loading) void loadOlder(id);
  }

  return (
    <div className="conversation" data-testid="conversation">
      <header className="conv-header">
        <Avatar name={conversation.contactName} id={conversation.contactId} size={40} />
        <div className="conv-header-main">
          <h2 dir="auto" data-testid="conversation-title">
            {conversation.contactName}
          </h2>
          <span className="muted small">
            {conversation.channels.map((c) => (
              <ChannelBadge key={c} channel={c} withLabel />
            ))}
          </span>
        </div>
        <ConversationTools conversationId={id} conversation={conversation} />
      </header>
      <div className="messages" ref={scrollRef} onScroll={onScroll} data-testid="messages">
        {thread?.loading && thread.messages.length > 0 && <div className="loading-older">{t('common.loading')}</div>}
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((v) => {
            const m = messages[v.index];
            const prev = messages[v.index - 1];
            const newDay = !prev || new Date(prev.createdAt).toDateString() !== new Date(m.createdAt).toDateString();
            return (
              <div
                key={v.key}
                data-index={v.index}
                ref={virtualizer.measureElement}
                style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${v.start}px)` }}
              >
                {newDay && <div className="day-sep">{formatDay(m.createdAt, timeZone)}</div>}
                <MessageBubble m={m} showChannel={multiChannel} timeZone={timeZone} />
              </div>
            );
          })}
        </div>
      </div>
      <Composer conversation={conversation} />
    </div>
  );
}
