// The attachment waiting in each conversation's composer: uploaded to the core at once (media.upload), sent with the
// next reply. A product photo from the catalog is attached the same way (media.fromProduct).
import { create } from 'zustand';
import { call, fileToBase64 } from '../api';

export interface Attachment {
  mediaId: number;
  name: string;
  mime: string;
  size: number;
  /** A local preview of a picture (blob: URL of the picked file, or the product's photo). */
  preview: string | null;
}

interface AttachmentsState {
  byConversation: Record<number, Attachment | undefined>;
  uploading: Record<number, boolean>;
  error: Record<number, string | undefined>;
  attachFile: (conversationId: number, file: File) => Promise<void>;
  attachProduct: (conversationId: number, product: { id: number; name: string; photo: string | null }) => Promise<void>;
  clear: (conversationId: number) => void;
}

export const useAttachmentsStore = create<AttachmentsState>((set, get) => ({
  byConversation: {},
  uploading: {},
  error: {},
  async attachFile(conversationId, file) {
    set({ uploading: { ...get().uploading, [conversationId]: true }, error: { ...get().error, [conversationId]: undefined } });
    try {
      const mime = file.type || 'application/octet-stream';
      const r = await call('media.upload', { fileName: file.name || 'file', mime, dataBase64: await fileToBase64(file) });
      const preview = mime.startsWith('image/') ? URL.createObjectURL(file) : null;
      get().clear(conversationId);
      set({
        byConversation: {
          ...get().byConversation,
          [conversationId]: { mediaId: r.mediaId, name: file.name || 'file', mime, size: r.size, preview },
        },
      });
    } catch (err) {
      set({ error: { ...get().error, [conversationId]: (err as Error).message } });
    } finally {
      set({ uploading: { ...get().uploading, [conversationId]: false } });
    }
  },
  async attachProduct(conversationId, product) {
    set({ uploading: { ...get().uploading, [conversationId]: true }, error: { ...get().error, [conversationId]: undefined } });
    try {
      const r = await call('media.fromProduct', { productId: product.id });
      get().clear(conversationId);
      const mime = /^data:([^;]+)/.exec(product.photo ?? '')?.[1] ?? 'image/jpeg';
      set({
        byConversation: {
          ...get().byConversation,
          [conversationId]: { mediaId: r.mediaId, name: product.name, mime, size: r.size, preview: product.photo },
        },
      });
    } catch (err) {
      set({ error: { ...get().error, [conversationId]: (err as Error).message } });
    } finally {
      set({ uploading: { ...get().uploading, [conversationId]: false } });
    }
  },
  clear(conversationId) {
    const a = get().byConversation[conversationId];
    if (a?.preview?.startsWith('blob:')) URL.revokeObjectURL(a.preview);
    set({ byConversation: { ...get().byConversation, [conversationId]: undefined } });
  },
}));
