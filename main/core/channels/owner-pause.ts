// "The owner replied from the phone": for a while after the owner wrote in a chat from their own WhatsApp (or their
// Telegram account), Auto stays out of that conversation, so it never talks over a person who is already answering.
import { z } from 'zod';
import type { Clock } from '../clock';
import type { MessagesRepo } from '../db/repos/messages-repo';
import type { SettingsService } from '../settings/service';

export const ownerPhoneSettingsSchema = z.object({
  /** Minutes Auto stays quiet in a conversation after the owner wrote there from the phone; 0 turns the pause off. */
  pauseMinutes: z
    .number()
    .int()
    .min(0)
    .max(7 * 24 * 60),
});
export type OwnerPhoneSettings = z.infer<typeof ownerPhoneSettingsSchema>;
export const DEFAULT_OWNER_PHONE: OwnerPhoneSettings = { pauseMinutes: 30 };

export class OwnerPause {
  constructor(
    private readonly messages: MessagesRepo,
    private readonly settingsService: SettingsService,
    private readonly clock: Clock,
  ) {}

  settings(): OwnerPhoneSettings {
    return this.settingsService.section('ownerPhone', ownerPhoneSettingsSchema, DEFAULT_OWNER_PHONE);
  }

  setSettings(v: OwnerPhoneSettings): OwnerPhoneSettings {
    return this.settingsService.setSection('ownerPhone', ownerPhoneSettingsSchema, v);
  }

  /** Until when Auto is paused in this conversation, or null. */
  pausedUntil(conversationId: number): number | null {
    const minutes = this.settings().pauseMinutes;
    if (minutes <= 0) return null;
    const last = this.messages.lastOwnerFromPhone(conversationId);
    if (last === undefined) return null;
    const until = last + minutes * 60_000;
    return until > this.clock.now() ? until : null;
  }
}
