// The browser tab says how many conversations wait unread: "(3) Lavka", and the tab icon gets the same number,
// so an owner working in another tab sees new messages without looking at Lavka.
import { useEffect } from 'react';
import { useInboxStore } from '../../stores/inbox';

const BASE_TITLE = 'Lavka';

function badgeIcon(n: number): string | null {
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = 32;
  const g = canvas.getContext('2d');
  if (!g) return null;
  g.fillStyle = '#c0562f';
  g.beginPath();
  g.arc(16, 16, 16, 0, Math.PI * 2);
  g.fill();
  g.fillStyle = '#fff';
  g.font = `bold ${n > 9 ? 16 : 20}px sans-serif`;
  g.textAlign = 'center';
  g.textBaseline = 'middle';
  g.fillText(n > 99 ? '99+' : String(n), 16, 17);
  return canvas.toDataURL('image/png');
}

function setIcon(href: string | null): void {
  let link = document.querySelector<HTMLLinkElement>('link[rel="icon"][data-unread]');
  if (!href) {
    link?.remove();
    return;
  }
  if (!link) {
    link = document.createElement('link');
    link.rel = 'icon';
    link.dataset.unread = '';
    document.head.appendChild(link);
  }
  link.href = href;
}

export function useUnreadTitle(): void {
  const unread = useInboxStore((s) => s.unreadConversations);
  // Whatever screen Lavka opens on, the tab knows the count from the start.
  useEffect(() => useInboxStore.getState().refreshUnread(), []);
  useEffect(() => {
    document.title = unread > 0 ? `(${unread}) ${BASE_TITLE}` : BASE_TITLE;
    // Drawing the icon (canvas text, PNG encoding) costs ~15 ms the first time: after the next frame is painted.
    let h: ReturnType<typeof setTimeout> | undefined;
    const f = requestAnimationFrame(() => (h = setTimeout(() => setIcon(unread > 0 ? badgeIcon(unread) : null), 0)));
    return () => {
      cancelAnimationFrame(f);
      clearTimeout(h);
    };
  }, [unread]);
}
