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

/** A WhatsApp Web build number such as 2.3000.1023180766. */
export const webVersionSchema = z
  .string()
  .trim()
  .regex(/^\d+\.\d{4}\.\d{1,12}(-\w+)?$/, 'Use a WhatsApp Web version number such as 2.3000.1023180766');

/** Where a pinned version is downloaded from; {version} is replaced by the version number. */
export const webVersionRemoteSchema = httpUrl.refine((s) => s.includes('{version}'), 'The address must contain {version}');

export const whatsappSettingsSchema = z.object({
  enabled: z.boolean(),
  /** Chrome/Chromium to use; null = find one automatically. */
  browserPath: z.string().trim().max(1000).nullable(),
  ignoreGroups: z.boolean(),
  ignoreStatus: z.boolean(),
  // Added later: defaults keep settings saved before them valid.
  /** Advanced: run this WhatsApp Web version instead of the library's cached one (null = the cached one). */
  webVersion: webVersionSchema.nullable().default(null),
  /** Advanced: where the pinned version is loaded from; null = the public archive whatsapp-web.js documents. */
  webVersionRemote: webVersionRemoteSchema.nullable().default(null),
  /** Hour of the day (shop's time zone) when Lavka may restart WhatsApp's browser. */
  quietHour: z.number().int().min(0).max(23).default(4),
  /** Restart the browser in the quiet hour when it uses more memory than this. */
  memoryLimitMb: z.number().int().min(256).max(16_384).default(1024),
  /** …or when it has run longer than this. */
  maxUptimeDays: z.number().int().min(1).max(30).default(3),
});
export type WhatsAppSettings = z.infer<typeof whatsappSettingsSchema>;
export const DEFAULT_WHATSAPP_SETTINGS: WhatsAppSettings = {
  enabled: false,
  browserPath: null,
  ignoreGroups: true,
  ignoreStatus: true,
  webVersion: null,
  webVersionRemote: null,
  quietHour: 4,
  memoryLimitMb: 1024,
  maxUptimeDays: 3,
};

export const whatsappRuntimeSchema = z.object({ lastSeenAt: z.number().nullable() });
