// Media steps the API offers that combine the media store with another part of Lavka: a catalog photo as an
// attachment, a download retried (answering with the updated message), and a stored file read back as base64.
import { readFile } from 'node:fs/promises';
import type { CatalogService } from '../catalog/service';
import type { MessagesRepo } from '../db/repos/messages-repo';
import { AppError } from '../errors';
import type { Message } from '../inbox/types';
import type { MediaService } from './service';

export function productPhotoAttachment(catalog: CatalogService, media: MediaService, productId: number): { mediaId: number; size: number } {
  const p = catalog.get(productId);
  if (!p.photo) throw new AppError('invalid_input', `“${p.name}” has no photo. Add one in Catalog.`);
  const ext = /^data:image\/(\w+)/.exec(p.photo)?.[1] ?? 'jpg';
  return media.uploadDataUrl(p.photo, `${p.name}.${ext === 'jpeg' ? 'jpg' : ext}`);
}

export async function retryDownload(media: MediaService, messages: MessagesRepo, messageId: number): Promise<Message | null> {
  await media.retry(messageId);
  return messages.get(messageId) ?? null;
}

export async function readAsBase64(media: MediaService, id: number): Promise<{ mime: string; fileName: string; dataBase64: string }> {
  const f = media.file(id);
  if (!f) throw new AppError('not_found', 'This file is not stored (yet)');
  return { mime: f.mime, fileName: f.fileName, dataBase64: (await readFile(f.path)).toString('base64') };
}
