// What the media API methods answer: the declared output of each method (JSON-safe by type, checked in tests).
// The renderer sees these through the contract's types; handlers must return values that fit them.
import { z } from 'zod';
import { ownerPhoneSettingsSchema } from '../channels/owner-pause';
import { mediaSettingsSchema } from './service';

export const MediaStateSchema = z.enum(['failed', 'pending', 'stored']);

export const MediaInfoSchema = z.strictObject({
  id: z.number(),
  state: MediaStateSchema,
  mime: z.string(),
  fileName: z.string(),
  size: z.number().nullable(),
  error: z.string().nullable(),
});

export const MediaUploadOutput = z.strictObject({ mediaId: z.number(), size: z.number() });

export const MediaReadOutput = z.strictObject({ mime: z.string(), fileName: z.string(), dataBase64: z.string() });

export const MediaUsageOutput = z.strictObject({ files: z.number(), bytes: z.number(), dir: z.string() });

export const MediaSettingsOutput = z.strictObject({ media: mediaSettingsSchema, ownerPhone: ownerPhoneSettingsSchema });
