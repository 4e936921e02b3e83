// Quick replies: the owner's saved answers, inserted into the composer with one click. Works without any model.
// Kept as one small settings section (a shop has tens of them, not thousands).
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { SettingsService } from '../settings/service';

export const quickReplySchema = z.object({
  id: z.string().min(1).max(40),
  title: z.string().trim().min(1, 'Give the quick reply a short title').max(60),
  text: z.string().trim().min(1, 'A quick reply needs some text').max(4000),
});
export type QuickReply = z.infer<typeof quickReplySchema>;
export const quickRepliesSchema = z.array(quickReplySchema).max(200);

const KEY = 'quickReplies';

const DEFAULTS: Record<string, Omit<QuickReply, 'id'>[]> = {
  en: [
    { title: 'Hello', text: 'Hello {name}! Thank you for writing to {business}. How can I help?' },
    { title: 'Opening hours', text: 'We are open {hours}.' },
    { title: 'Thanks', text: 'Thank you, {name}! See you soon.' },
  ],
  ru: [
    { title: 'Приветствие', text: 'Здравствуйте, {name}! Спасибо, что написали в {business}. Чем могу помочь?' },
    { title: 'Часы работы', text: 'Мы работаем {hours}.' },
    { title: 'Спасибо', text: 'Спасибо, {name}! Ждём вас.' },
  ],
};

export class QuickRepliesService {
  constructor(private readonly settings: SettingsService) {}

  list(): QuickReply[] {
    const stored = this.settings.section(KEY, quickRepliesSchema, []);
    if (stored.length > 0 || this.settings.section(`${KEY}.initialised`, z.boolean(), false)) return stored;
    const lang = this.settings.get().preferences.uiLanguage;
    return (DEFAULTS[lang] ?? DEFAULTS.en).map((q, i) => ({ ...q, id: `default-${i}` }));
  }

  save(items: { id?: string; title: string; text: string }[]): QuickReply[] {
    const withIds = items.map((q) => ({ ...q, id: q.id ?? randomUUID().slice(0, 8) }));
    const saved = this.settings.setSection(KEY, quickRepliesSchema, withIds);
    // An owner who deleted every default keeps an empty list instead of getting the defaults back.
    this.settings.setSection(`${KEY}.initialised`, z.boolean(), true);
    return saved;
  }
}
