// Builds a synthetic shop in a Lavka data folder, deterministic by (scale, seed): contacts with identities, one merged
// conversation each, years of interleaved messages in four languages, the outbox history, and the other domains' tables
// when they exist. Bulk inserts through prepared statements in big transactions — the REAL inbound path is measured
// separately by the ingest figure, never used here.
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DB_FILE } from '../../main/core/app';
import { openDatabase, closeDatabase, type Db } from '../../main/core/db/connection';
import { migrate } from '../../main/core/db/migrate';
import { migrations } from '../../main/core/db/migrations';
import { SettingsRepo } from '../../main/core/db/repos/settings-repo';
import { SettingsService } from '../../main/core/settings/service';
import { EventBus } from '../../main/core/events';
import { DEFAULT_HOURS } from '../../main/core/settings/schema';
import { previewOf } from '../../main/core/inbox/preview';
import type { MessageKind } from '../../main/core/inbox/types';
import type { InboundMessage } from '../../main/core/channels/channel';
import { Rng } from './rng';
import { RARE_WORD, customerText, noteText, ownerText, personName, pickLang, type Lang } from './seed-text';
import { seedOtherDomains, type DomainSeedResult } from './seed-domains';

export interface Scale {
  name: string;
  /** Contacts who have written: Lavka keeps exactly one conversation per contact (merged across channels). */
  conversations: number;
  /** Contacts imported from the phone book who never wrote: no conversation. */
  addressBook: number;
  messages: number;
  /** One conversation gets exactly this many messages (figure: open a long conversation). */
  bigConversation: number;
  rareWordCount: number;
  catalog: number;
  orders: number;
  reminders: number;
  /** Messages pushed through the real inbound path by the ingest figure. */
  ingest: number;
  /** Conversations the UI figure scrolls through. */
  uiScroll: number;
}

export const SCALES: Record<'small' | 'default', Scale> = {
  default: {
    name: 'default',
    conversations: 40_000,
    addressBook: 60_000,
    messages: 2_000_000,
    bigConversation: 5_000,
    rareWordCount: 5,
    catalog: 2_000,
    orders: 50_000,
    reminders: 10_000,
    ingest: 20_000,
    uiScroll: 5_000,
  },
  small: {
    name: 'small',
    conversations: 5_000,
    addressBook: 5_000,
    messages: 100_000,
    bigConversation: 5_000,
    rareWordCount: 3,
    catalog: 200,
    orders: 2_500,
    reminders: 1_000,
    ingest: 2_000,
    uiScroll: 5_000,
  },
};

/** Bump when the generator changes what it writes, so stale caches are rebuilt. */
export const GENERATOR_VERSION = 2;
/** Message timestamps end here (fixed, so the same seed gives the same database on any day). */
export const TIMELINE_END = Date.UTC(2026, 9, 31, 18, 0, 0);
const TIMELINE_YEARS = 3;
export const BIG_CONVERSATION_ID = 1;

export interface ShopInfo {
  key: string;
  scale: string;
  seed: string;
  dataDir: string;
  schemaVersion: number;
  seedSeconds: number;
  dbBytes: number;
  counts: {
    contacts: number;
    conversations: number;
    identities: number;
    messages: number;
    unreadConversations: number;
    outbox: number;
  };
  bigConversationId: number;
  rareWord: string;
  /** Per other domain: how many rows were seeded, or why not. */
  domains: DomainSeedResult;
}

export function cacheKey(scale: Scale, seed: string): string {
  return `${scale.name}-seed${seed}-schema${migrations.length}-gen${GENERATOR_VERSION}`;
}

/**
 * The seeded shop for (scale, seed), built once under cacheRoot and reused while the seed, scale, generator and
 * migration list match. The cached folder is never modified by figures: callers take a working copy.
 */
export function cachedShop(scale: Scale, seed: string, cacheRoot: string, log: (s: string) => void): ShopInfo & { cached: boolean } {
  const key = cacheKey(scale, seed);
  const dir = join(cacheRoot, key);
  const manifest = join(dir, 'manifest.json');
  if (existsSync(manifest) && existsSync(join(dir, DB_FILE))) {
    const info = JSON.parse(readFileSync(manifest, 'utf8')) as ShopInfo;
    return { ...info, dataDir: dir, cached: true };
  }
  // Seed into a temp folder and rename: an interrupted seed never leaves a cache that looks complete.
  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  const info = seedShop(tmp, scale, seed, log);
  // Shops seeded for an older schema or generator are ~0.5 GB each at the default scale: keep only the current one.
  const prefix = `${scale.name}-seed${seed}-`;
  for (const old of readdirSync(cacheRoot)) {
    if (old.startsWith(prefix) && old !== key && !old.includes('.tmp-')) rmSync(join(cacheRoot, old), { recursive: true, force: true });
  }
  rmSync(dir, { recursive: true, force: true });
  renameSync(tmp, dir);
  const final = { ...info, dataDir: dir };
  writeFileSync(manifest, JSON.stringify(final, null, 2));
  return { ...final, cached: false };
}

/** Copies the cached database into a fresh folder that figures may write to. */
export function workingCopy(shop: ShopInfo, dir: string): string {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  copyFileSync(join(shop.dataDir, DB_FILE), join(dir, DB_FILE));
  return dir;
}

interface ContactPlan {
  lang: Uint8Array;
  names: string[];
  /** Identity id per channel (0 = none): whatsapp, telegram. */
  wa: Int32Array;
  tg: Int32Array;
}

const LANG_CODES: Lang[] = ['en', 'ru', 'uk', 'vi'];
const PHONE_PREFIX: Record<Lang, string> = { en: '+44770', ru: '+7916', uk: '+38067', vi: '+8491' };

export function phoneOf(lang: Lang, contactIndex: number): string {
  return `${PHONE_PREFIX[lang]}${String(contactIndex).padStart(7, '0')}`;
}
export function telegramIdOf(contactIndex: number): string {
  return String(500_000_000 + contactIndex * 7);
}

export function seedShop(dataDir: string, scale: Scale, seed: string, log: (s: string) => void): ShopInfo {
  const started = performance.now();
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, DB_FILE);
  const db = openDatabase(file);
  migrate(db);
  // A cache file, rebuilt from scratch if anything goes wrong: no journal, no syncs, a big page cache for FTS merges.
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -262144');
  db.pragma('temp_store = MEMORY');
  const root = new Rng(seed);

  new SettingsService(new SettingsRepo(db), new EventBus()).completeSetup({
    business: {
      name: 'Bench Bakery',
      description: 'A synthetic shop with years of chats, built by npm run bench.',
      currency: 'EUR',
      timeZone: 'Europe/Berlin',
      region: 'DE',
      openingHours: DEFAULT_HOURS,
      address: 'Hauptstraße 1, Berlin',
      phone: '+49 30 000000',
    },
    preferences: { uiLanguage: 'en', replyLanguage: 'en' },
  });

  log(`seeding ${scale.conversations + scale.addressBook} contacts…`);
  const plan = seedContacts(db, root.fork('contacts'), scale);
  log(`seeding ${scale.messages.toLocaleString('en')} messages in ${scale.conversations.toLocaleString('en')} conversations…`);
  const msg = seedMessages(db, root.fork('messages'), scale, plan);
  log('seeding other domains…');
  const domains = seedOtherDomains(db, root.fork('domains'), scale, {
    conversations: scale.conversations,
    contacts: scale.conversations + scale.addressBook,
    langOf: (id) => LANG_CODES[plan.lang[id]],
    nameOf: (id) => plan.names[id],
    start: TIMELINE_END - TIMELINE_YEARS * 365 * 86_400_000,
    end: TIMELINE_END,
  });

  const counts = {
    contacts: count(db, 'contacts'),
    conversations: count(db, 'conversations'),
    identities: count(db, 'identities'),
    messages: count(db, 'messages'),
    unreadConversations: (db.prepare('SELECT count(*) AS n FROM conversations WHERE unread_count > 0').get() as { n: number }).n,
    outbox: msg.outbox,
  };
  const schemaVersion = db.pragma('user_version', { simple: true }) as number;
  // Back to the journal mode the app expects, and a compact file.
  db.pragma('journal_mode = WAL');
  closeDatabase(db);
  return {
    key: cacheKey(scale, seed),
    scale: scale.name,
    seed,
    dataDir,
    schemaVersion,
    seedSeconds: (performance.now() - started) / 1000,
    dbBytes: statSync(file).size,
    counts,
    bigConversationId: BIG_CONVERSATION_ID,
    rareWord: RARE_WORD,
    domains,
  };
}

function count(db: Db, table: string): number {
  return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}

function seedContacts(db: Db, rng: Rng, scale: Scale): ContactPlan {
  const total = scale.conversations + scale.addressBook;
  const plan: ContactPlan = {
    lang: new Uint8Array(total + 1),
    names: new Array<string>(total + 1),
    wa: new Int32Array(total + 1),
    tg: new Int32Array(total + 1),
  };
  const insContact = db.prepare('INSERT INTO contacts(id, name, notes, language, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)');
  const insIdentity = db.prepare(
    'INSERT INTO identities(id, contact_id, channel, external_id, display, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const insTag = db.prepare('INSERT OR IGNORE INTO contact_tags(contact_id, tag) VALUES (?, ?)');
  const tags = ['regular', 'wholesale', 'vip', 'постоянный', 'опт', 'office', 'birthday'];
  const start = TIMELINE_END - TIMELINE_YEARS * 365 * 86_400_000;
  let identityId = 0;
  db.transaction(() => {
    for (let id = 1; id <= total; id++) {
      const lang = pickLang(rng);
      plan.lang[id] = LANG_CODES.indexOf(lang);
      const wrote = id <= scale.conversations;
      const name = personName(rng, lang);
      plan.names[id] = name;
      const created = start + rng.int(TIMELINE_YEARS * 365 * 86_400_000);
      insContact.run(id, name, rng.chance(0.1) ? noteText(rng, lang) : '', wrote || rng.chance(0.3) ? lang : null, created, created);
      // Telegram-first customers are common among Russian/Ukrainian speakers; some customers use both messengers.
      const telegramFirst = rng.chance(lang === 'ru' || lang === 'uk' ? 0.55 : 0.2);
      const both = wrote && rng.chance(0.2);
      if (!telegramFirst || both || !wrote) {
        plan.wa[id] = ++identityId;
        insIdentity.run(identityId, id, 'whatsapp', phoneOf(lang, id), name, created, wrote ? created : null);
      }
      if (wrote && (telegramFirst || both)) {
        plan.tg[id] = ++identityId;
        insIdentity.run(identityId, id, 'telegram', telegramIdOf(id), name, created, created);
      }
      if (rng.chance(0.12)) insTag.run(id, rng.pick(tags));
    }
  })();
  return plan;
}

/** Message counts per conversation: a long tail (most customers write a few times, a few write daily for years). */
function messageCounts(rng: Rng, scale: Scale): Int32Array {
  const n = scale.conversations;
  const counts = new Int32Array(n + 1);
  const rest = scale.messages - scale.bigConversation;
  if (rest < n - 1) throw new Error(`scale ${scale.name}: too few messages for ${n} conversations`);
  const weights = new Float64Array(n + 1);
  let sum = 0;
  for (let c = 2; c <= n; c++) {
    weights[c] = Math.min(60, Math.pow(1 - rng.next(), -1 / 1.2));
    sum += weights[c];
  }
  let assigned = 0;
  const cap = Math.max(1, scale.bigConversation - 1);
  for (let c = 2; c <= n; c++) {
    counts[c] = Math.min(cap, Math.max(1, Math.floor((weights[c] / sum) * rest)));
    assigned += counts[c];
  }
  // Hand out (or take back) the rounding remainder one message at a time.
  while (assigned !== rest) {
    const c = 2 + rng.int(n - 1);
    if (assigned < rest && counts[c] < cap) {
      counts[c]++;
      assigned++;
    } else if (assigned > rest && counts[c] > 1) {
      counts[c]--;
      assigned--;
    }
  }
  counts[BIG_CONVERSATION_ID] = scale.bigConversation;
  return counts;
}

const WA = 1;
const TG = 2;

function seedMessages(db: Db, rng: Rng, scale: Scale, plan: ContactPlan): { outbox: number } {
  const n = scale.conversations;
  const counts = messageCounts(rng, scale);
  // Each conversation's messages are spread over the whole timeline and interleaved with everyone else's, as in a
  // real shop: message ids (insertion order) follow time, not conversation.
  const order = new Int32Array(scale.messages);
  let k = 0;
  for (let c = 1; c <= n; c++) for (let j = 0; j < counts[c]; j++) order[k++] = c;
  rng.shuffle(order);

  const rare = new Set<number>();
  while (rare.size < scale.rareWordCount) rare.add(rng.int(scale.messages));

  const insConv = db.prepare('INSERT INTO conversations(id, contact_id, last_message_at, last_channel, created_at) VALUES (?, ?, 0, ?, 0)');
  const insMsg = db.prepare(
    `INSERT INTO messages(id, conversation_id, direction, channel, identity_id, external_id, author, kind, body, status, error, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insOutbox = db.prepare(
    `INSERT INTO outbox(message_id, channel, address, state, attempts, next_attempt_at, last_error, created_at, updated_at)
     VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?)`,
  );
  const updConv = db.prepare(
    `UPDATE conversations SET last_message_id = ?, last_message_at = ?, last_preview = ?, last_channel = ?, last_inbound_channel = ?,
       unread_count = ?, created_at = ? WHERE id = ?`,
  );
  const addressOf = db.prepare<[number], { external_id: string }>('SELECT external_id FROM identities WHERE id = ?');

  const firstAt = new Float64Array(n + 1);
  const lastAt = new Float64Array(n + 1);
  const lastId = new Int32Array(n + 1);
  const lastChan = new Uint8Array(n + 1);
  const lastInChan = new Uint8Array(n + 1);
  const trailingIn = new Int32Array(n + 1);
  const lastPreview: string[] = new Array<string>(n + 1).fill('');
  const addressCache = new Map<number, string>();

  db.transaction(() => {
    for (let c = 1; c <= n; c++) insConv.run(c, c, plan.wa[c] ? 'whatsapp' : 'telegram');
  })();

  const span = TIMELINE_YEARS * 365 * 86_400_000;
  const start = TIMELINE_END - span;
  const step = span / scale.messages;
  const BATCH = 50_000;
  let outbox = 0;
  for (let from = 0; from < scale.messages; from += BATCH) {
    db.transaction(() => {
      const to = Math.min(scale.messages, from + BATCH);
      for (let i = from; i < to; i++) {
        const id = i + 1;
        const c = order[i];
        const at = Math.floor(start + i * step + rng.next() * step);
        const lang = LANG_CODES[plan.lang[c]];
        // Customers open most threads; afterwards it is roughly a dialogue.
        const inbound = lastId[c] === 0 || rng.chance(0.55);
        let chan: number;
        if (inbound) chan = plan.wa[c] && plan.tg[c] ? (rng.chance(0.5) ? WA : TG) : plan.wa[c] ? WA : TG;
        else chan = lastInChan[c] || (plan.wa[c] ? WA : TG);
        const channel = chan === WA ? 'whatsapp' : 'telegram';
        const identityId = chan === WA ? plan.wa[c] : plan.tg[c];
        const roll = rng.next();
        const kind: MessageKind = roll < 0.94 ? 'text' : roll < 0.97 ? 'image' : roll < 0.99 ? 'voice' : 'document';
        let body = kind === 'voice' ? '' : inbound ? customerText(rng, lang) : ownerText(rng, lang);
        if (kind === 'image' && rng.chance(0.6)) body = '';
        if (rare.has(i)) body = `Do you have anything with ${RARE_WORD}? ${body}`;
        if (inbound) {
          insMsg.run(
            id,
            c,
            'in',
            channel,
            identityId,
            (chan === WA ? 'wamid.' : 'tg.') + id.toString(36),
            'customer',
            kind,
            body,
            'received',
            null,
            at,
            at,
          );
          trailingIn[c]++;
          lastInChan[c] = chan;
        } else {
          const author = rng.chance(0.12) ? 'assistant' : 'owner';
          const s = rng.next();
          const status = s < 0.01 ? 'failed' : s < 0.7 ? 'read' : s < 0.95 ? 'delivered' : 'sent';
          const error = status === 'failed' ? 'Customer blocked this number' : null;
          const ext = status === 'failed' ? null : (chan === WA ? 'wamid.out.' : 'tg.out.') + id.toString(36);
          insMsg.run(id, c, 'out', channel, identityId, ext, author, kind, body, status, error, at, at);
          let address = addressCache.get(identityId);
          if (address === undefined) {
            address = addressOf.get(identityId)!.external_id;
            addressCache.set(identityId, address);
          }
          insOutbox.run(id, channel, address, status === 'failed' ? 'failed' : 'sent', at, error, at, at);
          outbox++;
          trailingIn[c] = 0;
        }
        if (lastId[c] === 0) firstAt[c] = at;
        lastId[c] = id;
        lastAt[c] = at;
        lastChan[c] = chan;
        lastPreview[c] = previewOf(kind, body);
      }
    })();
  }

  db.transaction(() => {
    for (let c = 1; c <= n; c++) {
      // Some customers' last messages are still unread; the owner has read (or answered) the rest.
      const unread = trailingIn[c] > 0 && rng.chance(0.15) ? trailingIn[c] : 0;
      const chan = (x: number) => (x === WA ? 'whatsapp' : x === TG ? 'telegram' : null);
      updConv.run(lastId[c], lastAt[c], lastPreview[c], chan(lastChan[c]), chan(lastInChan[c]), unread, firstAt[c], c);
    }
  })();
  return { outbox };
}

export interface KnownSender {
  channel: string;
  externalId: string;
  display: string;
  lang: Lang;
}

/**
 * Inbound messages for the ingest figure, as a channel would hand them to InboxService.receive(): mostly regulars,
 * some phone-book contacts writing for the first time, some strangers. Distinct external ids, so every one is stored.
 */
export function inboundBatch(
  scale: Scale,
  seed: string,
  senderOf: (contactId: number) => KnownSender | undefined,
  at: number,
): InboundMessage[] {
  const rng = new Rng(seed).fork('ingest');
  const out: InboundMessage[] = [];
  for (let i = 0; i < scale.ingest; i++) {
    const r = rng.next();
    let known: KnownSender | undefined;
    if (r < 0.7) known = senderOf(1 + rng.int(scale.conversations));
    else if (r < 0.8 && scale.addressBook > 0) known = senderOf(scale.conversations + 1 + rng.int(scale.addressBook));
    let from: InboundMessage['from'];
    let channel: string;
    let lang: Lang;
    if (known) {
      ({ channel, lang } = known);
      from = { externalId: known.externalId, display: known.display };
    } else {
      lang = pickLang(rng);
      channel = rng.chance(0.5) ? 'whatsapp' : 'telegram';
      const stranger = 10_000_000 + i;
      from = { externalId: channel === 'whatsapp' ? phoneOf(lang, stranger) : telegramIdOf(stranger), display: personName(rng, lang) };
    }
    out.push({ channel, externalId: `bench-in-${seed}-${i}`, from, kind: 'text', body: customerText(rng, lang), at: at + i });
  }
  return out;
}
