// Composer pieces for attachments: the paperclip (file picker), the catalog photo picker, and the chip that shows
// what will be sent (with a Remove button). Drag-and-drop and paste are wired in the composer through onFiles.
import { useEffect, useState } from 'react';
import { PickButton, useFilePicker } from './FilePicker';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { call, type ApiOutput } from '../../api';
import { useAttachmentsStore } from '../../stores/attachments';
import { formatSize } from '../backup/format';

type Product = ApiOutput<'catalog.list'>[number];

export function AttachButtons({ conversationId }: { conversationId: number }) {
  const { t } = useTranslation();
  const [picking, setPicking] = useState(false);
  const attachFile = useAttachmentsStore((s) => s.attachFile);
  const picker = useFilePicker((f) => void attachFile(conversationId, f), 'file', 'attach-input');
  return (
    <div className="attach-row">
      <PickButton label={t('media.attach')} testId="attach" onClick={() => picker.open('file')}>
        {t('media.attachShort')}
      </PickButton>
      {picker.input}
      <PickButton label={t('media.catalog')} testId="attach-catalog" onClick={() => setPicking(!picking)}>
        {t('media.catalogShort')}
      </PickButton>
      {picking && <CatalogPhotoPicker conversationId={conversationId} onClose={() => setPicking(false)} />}
    </div>
  );
}

function CatalogPhotoPicker({ conversationId, onClose }: { conversationId: number; onClose: () => void }) {
  const { t } = useTranslation();
  const [items, setItems] = useState<Product[] | null>(null);
  const attachProduct = useAttachmentsStore((s) => s.attachProduct);
  useEffect(() => {
    void call('catalog.list', { limit: 500 }).then((r) => setItems(r.filter((p) => p.photo)));
  }, []);
  return (
    <div className="catalog-picker" data-testid="catalog-picker">
      <div className="catalog-picker-head">
        <strong>{t('media.catalogTitle')}</strong>
        <button className="btn small" onClick={onClose} aria-label={t('media.close')}>
          ✕
        </button>
      </div>
      {items?.length === 0 && <p className="muted small">{t('media.catalogEmpty')}</p>}
      <div className="catalog-picker-grid">
        {items?.map((p) => (
          <button
            key={p.id}
            className="catalog-picker-item"
            data-testid="catalog-photo"
            onClick={() => {
              void attachProduct(conversationId, p);
              onClose();
            }}
          >
            <img src={p.photo ?? ''} alt="" />
            <span dir="auto">{p.name}</span>
          </button>
        ))}
      </div>
    </div>
  );
}

export function AttachmentChip({ conversationId }: { conversationId: number }) {
  const { t } = useTranslation();
  const { a, uploading, error } = useAttachmentsStore(
    useShallow((s) => ({ a: s.byConversation[conversationId], uploading: s.uploading[conversationId], error: s.error[conversationId] })),
  );
  const clear = useAttachmentsStore((s) => s.clear);
  if (uploading) return <div className="attachment-chip muted">{t('media.uploading')}</div>;
  if (error) return <div className="error-box small">{error}</div>;
  if (!a) return null;
  return (
    <div className="attachment-chip" data-testid="attachment">
      {a.preview ? <img src={a.preview} alt="" /> : <span className="media-file-icon">📄</span>}
      <span dir="auto" className="attachment-name">
        {a.name}
      </span>
      <span className="muted small">{formatSize(a.size)}</span>
      <button className="btn small" onClick={() => clear(conversationId)} aria-label={t('media.remove')} title={t('media.remove')}>
        ✕
      </button>
    </div>
  );
}
