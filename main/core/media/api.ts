// media.* API methods: attach a file or a catalog photo to a reply, retry a failed download, storage used, settings.
import { z } from 'zod';
import type { CatalogService } from '../catalog/service';
import type { MessagesRepo } from '../db/repos/messages-repo';
import type { OwnerPause } from '../channels/owner-pause';
import type { MediaService } from './service';
import { method, noInput } from '../api/define';
import { MediaReadOutput, MediaSettingsOutput, MediaUploadOutput, MediaUsageOutput } from './outputs';
import { MessageSchema } from '../inbox/outputs';
import { productPhotoAttachment, readAsBase64, retryDownload } from './attachments';
import { base64File, fileName, mime } from './file-input';
import { ownerPhoneSettingsSchema } from '../channels/owner-pause';
import { mediaSettingsSchema } from './service';

const id = z.number().int().positive();

/** The services these methods call, and nothing else. */
export interface MediaApiDeps {
  media: MediaService;
  catalog: CatalogService;
  messages: MessagesRepo;
  ownerPause: OwnerPause;
}

export function mediaApi(s: MediaApiDeps) {
  return {
    'media.upload': method(
      z.object({ fileName, mime, dataBase64: base64File }),
      MediaUploadOutput,
      (i) => s.media.upload(i.fileName, i.mime, Buffer.from(i.dataBase64, 'base64')),
      'Stores a file the owner attaches to a reply; send it with messages.send {mediaId}. Unsent uploads go after a day.',
    ),
    'media.fromProduct': method(
      z.object({ productId: id }),
      MediaUploadOutput,
      (i) => productPhotoAttachment(s.catalog, s.media, i.productId),
      "A catalog product's photo as an attachment for a reply.",
    ),
    'media.retry': method(
      z.object({ messageId: id }),
      MessageSchema.nullable(),
      (i) => retryDownload(s.media, s.messages, i.messageId),
      'Downloads a photo, voice note or file again after a failed download.',
    ),
    'media.read': method(
      z.object({ id }),
      MediaReadOutput,
      (i) => readAsBase64(s.media, i.id),
      'A stored file as base64, for the desktop window (a browser uses GET /media/<id>).',
    ),
    'media.usage': method(noInput, MediaUsageOutput, () => s.media.usage(), 'How many files the media folder holds and their total size.'),
    'media.settings': method(
      noInput,
      MediaSettingsOutput,
      () => ({ media: s.media.settings(), ownerPhone: s.ownerPause.settings() }),
      'Size cap per file and how long Auto pauses after the owner wrote from the phone.',
    ),
    'media.settings.set': method(
      z.object({ media: mediaSettingsSchema, ownerPhone: ownerPhoneSettingsSchema }),
      MediaSettingsOutput,
      (i) => ({ media: s.media.setSettings(i.media), ownerPhone: s.ownerPause.setSettings(i.ownerPhone) }),
      'Changes the size cap per file and the Auto pause after the owner wrote from the phone.',
    ),
  };
}
