// Stored settings of the messaging channels. The Telegram token is a secret: it is kept in the secret store (never
// in the database) and never sent to the UI whole (see maskToken). Runtime bookkeeping (WhatsApp's last-seen time)
// lives under its own key.
import { z } from 'zod';

export const TELEGRAM_SETTINGS_KEY = 'channels.telegram';
export const WHATSAPP_SETTINGS_KEY = 'channels.whatsapp';
export const PACING_SETTINGS_KEY = 'channels.pacing';
export const WHATSAPP_RUNTIME_KEY = 'channels.whatsapp.runtime';
/** Name of the bot token in the SecretStore. */
export const TELEGRAM_TOKEN_SECRET = 'telegram.botToken';

const httpUrl = z
  .string()
  .trim()
  .max(300)
  .refine((s) => {
    try {
      const u = new URL(s);
      return (u.protocol === 'http:' || u.protocol === 'https:') && !u.search && !u.hash;
    } catch {
      return false;
    }
  }, 'Use a web address such as https://api.telegram.org')
  .transform((s) => s.replace(/\/+$/, ''));

export const apiRootSchema = httpUrl;

export const telegramSettingsSchema = z.object({
  apiRoot: httpUrl.nullable(),
});
export type TelegramSettings = z.infer<typeof telegramSettingsSchema>;
export const DEFAULT_TELEGRAM_SETTINGS: TelegramSettings = { apiRoot: null };

export const whatsappSettingsSchema = z.object({
  enabled: z.boolean(),
  /** Chrome/Chromium to use; null = find one automatically. */
  browserPath: z.string().trim().max(1000).nullable(),
  ignoreGroups: z.boolean(),
  ignoreStatus: z.boolean(),
});
export type WhatsAppSettings = z.infer<typeof whatsappSettingsSchema>;
export const DEFAULT_WHATSAPP_SETTINGS: WhatsAppSettings = { enabled: false, browserPath: null, ignoreGroups: true, ignoreStatus: true };

export const whatsappRuntimeSchema = z.object({ lastSeenAt: z.number().nullable() });
