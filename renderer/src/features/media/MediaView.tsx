// The photo, voice note or file of one message: a preview that opens a viewer, an audio/video player, or a file link
// with its size. The customer's file name is shown as text only. Pending: "Downloading…"; failed: the reason + Retry.
import { useEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { call, mediaSource } from '../../api';
import type { MediaInfo } from '../../../../main/core/media/types';
import type { MessageKind } from '../../../../main/core/inbox/types';
import { formatSize } from '../backup/format';

const INLINE_IMAGE = /^image\/(jpeg|png|gif|webp)$/;
const INLINE_AUDIO = /^audio\/(ogg|mpeg|mp4|aac|webm|wav|x-wav|opus)$/;
const INLINE_VIDEO = /^video\/(mp4|webm)$/;

function baseMime(mime: string): string {
  return mime.toLowerCase().split(';')[0].trim();
}

/** A source URL for a stored file (a blob: URL in the desktop window, freed when no longer shown). */
function useSource(id: number, stored: boolean): string | null {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    if (!stored) return;
    let url: string | null = null;
    let live = true;
    void mediaSource(id).then((u) => {
      url = u;
      if (live) setSrc(u);
    });
    return () => {
      live = false;
      if (url?.startsWith('blob:')) URL.revokeObjectURL(url);
    };
  }, [id, stored]);
  return src;
}

export function MediaView({
  messageId,
  kind,
  media,
  compact = false,
}: {
  messageId: number;
  kind: MessageKind;
  media: MediaInfo;
  compact?: boolean;
}) {
  const { t } = useTranslation();
  const [viewing, setViewing] = useState(false);
  const [retrying, setRetrying] = useState(false);
  const src = useSource(media.id, media.state === 'stored');
  const mime = baseMime(media.mime);
  const name = media.fileName || t(`media.kinds.${kind}`, { defaultValue: kind });

  if (media.state === 'pending') {
    return (
      <div className="media-box media-pending" data-testid="media-pending">
        ⏳ {t('media.downloading')}
      </div>
    );
  }
  if (media.state === 'failed') {
    const code = (media.error ?? 'download_failed').split(':')[0];
    return (
      <div className="media-box media-failed" data-testid="media-failed">
        <span>
          {t(`media.failed.${code}`, { defaultValue: t('media.failed.download_failed') })} <span className="muted">({name})</span>
        </span>
        <button
          className="btn small"
          disabled={retrying}
          data-testid="media-retry"
          onClick={() => {
            setRetrying(true);
            void call('media.retry', { messageId }).finally(() => setRetrying(false));
          }}
        >
          {t('media.retry')}
        </button>
      </div>
    );
  }
  if (!src) return <div className="media-box media-pending">…</div>;
  if (INLINE_IMAGE.test(mime)) {
    return (
      <>
        <button
          className={`media-thumb ${kind === 'sticker' ? 'sticker' : ''} ${compact ? 'compact' : ''}`}
          onClick={() => setViewing(true)}
          title={t('media.open')}
          data-testid="media-image"
        >
          <img src={src} alt={name} />
        </button>
        {viewing && <Viewer src={src} name={name} id={media.id} onClose={() => setViewing(false)} />}
      </>
    );
  }
  if (INLINE_AUDIO.test(mime)) {
    return <audio className="media-audio" controls preload="metadata" src={src} data-testid="media-audio" />;
  }
  if (INLINE_VIDEO.test(mime)) {
    return <video className="media-video" controls preload="metadata" src={src} data-testid="media-video" />;
  }
  return <FileLink id={media.id} name={name} size={media.size} />;
}

function FileLink({ id, name, size }: { id: number; name: string; size: number | null }) {
  const { t } = useTranslation();
  return (
    <button className="media-file" data-testid="media-file" title={t('media.download')} onClick={() => void download(id, name)}>
      <span className="media-file-icon">📄</span>
      <span className="media-file-name" dir="auto">
        {name}
      </span>
      {size !== null && <span className="muted small">{formatSize(size)}</span>}
    </button>
  );
}

async function download(id: number, name: string): Promise<void> {
  const a = document.createElement('a');
  a.href = await mediaSource(id, true);
  a.download = name;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
}

function Viewer({ src, name, id, onClose }: { src: string; name: string; id: number; onClose: () => void }) {
  const { t } = useTranslation();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  // On the page itself: inside the (virtualised, transformed) message list a fixed overlay would be clipped by its row.
  return createPortal(
    <div className="media-viewer" role="dialog" aria-label={t('media.viewer')} onClick={onClose} data-testid="media-viewer">
      <img src={src} alt={name} onClick={(e) => e.stopPropagation()} />
      <div className="media-viewer-bar" onClick={(e) => e.stopPropagation()}>
        <span dir="auto">{name}</span>
        <button className="btn small" onClick={() => void download(id, name)}>
          {t('media.download')}
        </button>
        <button className="btn small" onClick={onClose} data-testid="media-viewer-close">
          {t('media.close')}
        </button>
      </div>
    </div>,
    document.body,
  );
}
