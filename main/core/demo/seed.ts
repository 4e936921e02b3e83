// Demo mode: fills an EMPTY data folder with a sample bakery so the owner (and tests) can look around.
// Customer messages go through the real inbound path; earlier owner replies are stored as already delivered.
import type { Services } from '../services';
import { DEFAULT_HOURS } from '../settings/schema';
import { SANDBOX } from '../channels/sandbox/sandbox-channel';
import { seedDemoOrders } from '../orders/demo';
import { seedRemindersDemo } from '../reminders/demo';
import { seedKnowledgeDemo } from '../knowledge/demo';
import { seedContactsDemo } from '../contacts/demo';
import { croissantsPhoto } from './pictures';
import { seedWorkdayDemo } from '../workday/demo';

interface DemoTurn {
  from: 'customer' | 'owner';
  text: string;
  minutesAgo: number;
  /** A photo the customer sent with the text as its caption. */
  photo?: () => Buffer;
}
interface DemoCustomer {
  name: string;
  channel: string;
  address: string;
  language: string;
  tags: string[];
  notes: string;
  turns: DemoTurn[];
}

export const DEMO_CUSTOMERS: DemoCustomer[] = [
  {
    name: 'Анна Петрова',
    channel: 'telegram',
    address: '100200301',
    language: 'ru',
    tags: ['постоянный'],
    notes: 'Любит ржаной хлеб, забирает по пятницам.',
    turns: [
      { from: 'customer', text: 'Здравствуйте! У вас есть сегодня ржаной хлеб?', minutesAgo: 180 },
      { from: 'owner', text: 'Здравствуйте, Анна! Да, свежий, испекли утром.', minutesAgo: 175 },
      { from: 'customer', text: 'Отлично, отложите, пожалуйста, две буханки. Заберу после работы.', minutesAgo: 12 },
    ],
  },
  {
    name: 'John Smith',
    channel: 'whatsapp',
    address: '+4915112345678',
    language: 'en',
    tags: ['wholesale'],
    notes: 'Runs the café on Hauptstraße; orders croissants for Saturdays.',
    turns: [
      { from: 'customer', text: 'Hi, can I get 30 croissants for Saturday morning?', minutesAgo: 60 * 26, photo: croissantsPhoto },
      { from: 'owner', text: 'Hi John, yes — ready at 7:30 as usual.', minutesAgo: 60 * 25 },
      { from: 'customer', text: 'Great, thanks! 🥐', minutesAgo: 60 * 25 - 5 },
    ],
  },
  {
    name: 'Nguyễn Văn An',
    channel: 'whatsapp',
    address: '+84912345678',
    language: 'vi',
    tags: [],
    notes: '',
    turns: [{ from: 'customer', text: 'Chào chị, tiệm có bánh mì không gluten không ạ?', minutesAgo: 45 }],
  },
  {
    name: 'Олена Коваль',
    channel: 'telegram',
    address: '100200302',
    language: 'uk',
    tags: [],
    notes: '',
    turns: [
      { from: 'customer', text: 'Добрий день! До котрої ви працюєте в суботу?', minutesAgo: 60 * 50 },
      { from: 'owner', text: 'Добрий день! У суботу з 10:00 до 16:00.', minutesAgo: 60 * 49 },
    ],
  },
  {
    name: 'Maria (sandbox)',
    channel: SANDBOX,
    address: 'sb-demo-maria',
    language: 'en',
    tags: ['demo'],
    notes: 'A pretend customer: use "Try as a customer" to write as her.',
    turns: [{ from: 'customer', text: 'Hello! Do you deliver on Sundays?', minutesAgo: 5 }],
  },
];

export function isEmpty(s: Services): boolean {
  const n = s.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM contacts').get()!.n;
  return n === 0 && !s.settings.get().setupDone;
}

/** Returns false (and changes nothing) when the data folder already holds a shop. */
export function seedDemo(s: Services): boolean {
  if (!isEmpty(s)) return false;
  const now = s.clock.now();
  s.db.transaction(() => {
    s.settings.completeSetup({
      business: {
        name: 'Lavka Bakery',
        description: 'Neighbourhood bakery: sourdough and rye bread, pastries, cakes to order, coffee to go.',
        currency: 'EUR',
        timeZone: 'Europe/Berlin',
        region: 'DE',
        openingHours: DEFAULT_HOURS,
        address: 'Hauptstraße 12, 10827 Berlin',
        phone: '+49 30 1234567',
      },
      preferences: { uiLanguage: 'en', replyLanguage: 'en' },
    });
    seedKnowledgeDemo(s);
    DEMO_CUSTOMERS.forEach((c, ci) => {
      let conversationId: number | undefined;
      c.turns.forEach((t, ti) => {
        const at = now - t.minutesAgo * 60_000;
        if (t.from === 'customer') {
          const photo = t.photo?.();
          const r = s.inbox.receive({
            channel: c.channel,
            externalId: `demo-${ci}-${ti}`,
            from: { externalId: c.address, display: c.name },
            kind: photo ? 'image' : 'text',
            body: t.text,
            at,
            ...(photo
              ? { media: { source: `demo-${ci}-${ti}`, mime: 'image/png', fileName: 'croissants.png', size: photo.length, data: photo } }
              : {}),
          });
          conversationId = r.conversationId ?? conversationId;
        } else if (conversationId !== undefined) {
          const identity = s.repos.contacts.findIdentity(c.channel, c.address)!;
          const id = s.repos.messages.insert({
            conversationId,
            direction: 'out',
            channel: c.channel,
            identityId: identity.id,
            externalId: `demo-${ci}-${ti}`,
            author: 'owner',
            kind: 'text',
            body: t.text,
            status: 'read',
            createdAt: at,
          })!;
          s.repos.conversations.onMessage(conversationId, {
            id,
            at,
            preview: t.text,
            channel: c.channel,
            direction: 'out',
            countsUnread: false,
          });
          // An owner reply means the owner has read what came before it.
          s.repos.conversations.markRead(conversationId);
        }
      });
      const identity = s.repos.contacts.findIdentity(c.channel, c.address);
      if (identity) {
        s.repos.contacts.update(identity.contactId, { notes: c.notes }, now);
        // As if Lavka had read it from their messages (the owner chose nothing).
        s.repos.contacts.setDetectedLanguage(identity.contactId, c.language, now);
        s.repos.contacts.setTags(identity.contactId, c.tags);
      }
    });
    seedContactsDemo(s);
    seedDemoOrders(s);
    seedRemindersDemo(s);
    seedWorkdayDemo(s);
  })();
  return true;
}
