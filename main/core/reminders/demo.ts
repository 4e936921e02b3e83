// Demo mode: a couple of upcoming reminders for the sample bakery's customers (one repeating), so the Reminders
// page and the contact panel have something to show. Called from seedDemo inside its transaction.
import type { Services } from '../app';
import { addDays, formatLocal, toLocal, weekdayIndex } from '../../shared/zoned-time';

export function seedRemindersDemo(s: Services): void {
  const tz = s.settings.get().business.timeZone;
  const today = toLocal(s.clock.now(), tz);
  const contactOf = (channel: string, address: string) => s.repos.contacts.findIdentity(channel, address)?.contactId;

  const anna = contactOf('telegram', '100200301');
  if (anna !== undefined) {
    s.reminders.create({
      contactId: anna,
      kind: 'pickup_ready',
      text: 'Здравствуйте, {name}! Две буханки ржаного отложены для вас, ждём после работы. — {business}',
      at: formatLocal({ ...addDays(today, 1), hour: 17, minute: 0 }),
    });
  }
  const john = contactOf('whatsapp', '+4915112345678');
  if (john !== undefined) {
    // Every Friday afternoon: the café's Saturday croissants.
    const toFriday = (4 - weekdayIndex(today) + 7) % 7 || 7;
    s.reminders.create({
      contactId: john,
      kind: 'reorder',
      text: 'Hi {name}, shall we bake your 30 croissants for Saturday 7:30 as usual? — {business}',
      at: formatLocal({ ...addDays(today, toFriday), hour: 15, minute: 0 }),
      repeat: 'weekly',
    });
  }
}
