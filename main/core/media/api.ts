// media.* API methods: attach a file or a catalog photo to a reply, retry a failed download, storage used, settings,
// and the pretend customer's photos and voice notes (sandbox).
import { z } from 'zod';
import type { Services } from '../services';
import { method, noInput } from '../api/define';
import { AppError } from '../errors';
import { SANDBOX, newCustomerKey } from '../channels/sandbox/sandbox-channel';
import { ownerPhoneSettingsSchema } from '../channels/owner-pause';
import { kindOfMime } from './types';
import { mediaSettingsSchema } from './service';

const id = z.number().int().positive();
/** Base64 of a file up to 100 MB (the largest size cap the owner can choose). */
const base64 = z
  .string()
  .min(1)
  .max(140_000_000)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'File data must be base64');
const fileName = z.string().trim().max(200).default('');
const mime = z.string().trim().max(100).default('application/octet-stream');

export function mediaMethods(s: Services) {
  return {
    'media.upload': method(
      z.object({ fileName, mime, dataBase64: base64 }),
      (i) => s.media.upload(i.fileName, i.mime, Buffer.from(i.dataBase64, 'base64')),
      'Stores a file the owner attaches to a reply; send it with messages.send {mediaId}. Unsent uploads go after a day.',
    ),
    'media.fromProduct': method(
      z.object({ productId: id }),
      (i) => {
        const p = s.catalog.get(i.productId);
        if (!p.photo) throw new AppError('invalid_input', `“${p.name}” has no photo. Add one in Catalog.`);
        const ext = /^data:image\/(\w+)/.exec(p.photo)?.[1] ?? 'jpg';
        return s.media.uploadDataUrl(p.photo, `${p.name}.${ext === 'jpeg' ? 'jpg' : ext}`);
      },
      "A catalog product's photo as an attachment for a reply.",
    ),
    'media.retry': method(
      z.object({ messageId: id }),
      async (i) => {
        await s.media.retry(i.messageId);
        return s.repos.messages.get(i.messageId) ?? null;
      },
      'Downloads a photo, voice note or file again after a failed download.',
    ),
    'media.read': method(
      z.object({ id }),
      async (i) => {
        const f = s.media.file(i.id);
        if (!f) throw new AppError('not_found', 'This file is not stored (yet)');
        const { readFile } = await import('node:fs/promises');
        return { mime: f.mime, fileName: f.fileName, dataBase64: (await readFile(f.path)).toString('base64') };
      },
      'A stored file as base64, for the desktop window (a browser uses GET /media/<id>).',
    ),
    'media.usage': method(noInput, () => s.media.usage(), 'How many files the media folder holds and their total size.'),
    'media.settings': method(
      noInput,
      () => ({ media: s.media.settings(), ownerPhone: s.ownerPause.settings() }),
      'Size cap per file and how long Auto pauses after the owner wrote from the phone.',
    ),
    'media.settings.set': method(
      z.object({ media: mediaSettingsSchema, ownerPhone: ownerPhoneSettingsSchema }),
      (i) => ({ media: s.media.setSettings(i.media), ownerPhone: s.ownerPause.setSettings(i.ownerPhone) }),
      'Changes the size cap per file and the Auto pause after the owner wrote from the phone.',
    ),
    'sandbox.sendMedia': method(
      z.object({
        customerKey: z
          .string()
          .regex(/^sb-[\w-]{1,40}$/)
          .optional(),
        name: z.string().trim().min(1).max(200),
        fileName,
        mime,
        dataBase64: base64,
        caption: z.string().max(4000).default(''),
        voice: z.boolean().default(false),
      }),
      (i) => {
        const customerKey = i.customerKey ?? newCustomerKey();
        const data = Buffer.from(i.dataBase64, 'base64');
        if (data.byteLength === 0) throw new AppError('invalid_input', 'The file is empty');
        s.sandbox.customerSendsMedia(customerKey, i.name, {
          data,
          mime: i.mime,
          fileName: i.fileName,
          kind: kindOfMime(i.mime, i.voice),
          caption: i.caption,
        });
        const identity = s.repos.contacts.findIdentity(SANDBOX, customerKey);
        const conversationId = identity ? s.inbox.conversationOfContact(identity.contactId) : undefined;
        return { customerKey, conversationId: conversationId ?? null };
      },
      'The pretend customer sends a photo, voice note or file through the sandbox channel.',
    ),
  };
}
