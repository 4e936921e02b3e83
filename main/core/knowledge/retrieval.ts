// Turns customer messages into an FTS5 query for knowledge retrieval: OR of meaningful words, each prefix-matched on
// a short stem, so "deliver"/"delivery" and "доставляете"/"доставка" meet. Customer text never reaches SQL unquoted.

/** Greetings, pronouns and other words that appear in every message and would match every entry. */
const STOPWORDS = new Set(
  `a an the and or but if so to of in on at by for with from about as is are was were be been am do does did have has had
   i you he she it we they me my your our their this that these those there here what when where which who how why can could
   would will shall should may might must not no yes ok okay hi hello hey thanks thank please pls dear good morning evening
   day today tomorrow just also any some get got want need like would much many one
   и в во на с со к ко у о об от до по за из не ни да нет а но или ли же бы то это что как где когда кто мне меня мы вы
   ты он она они их его ее её вам вас нам нас есть был была было были будет можно нужно здравствуйте привет добрый день
   вечер утро спасибо пожалуйста сегодня завтра ещё еще уже очень там тут
   і й та що як де коли хто ми ви ти він вона вони мені нам вам є був була було буде можна треба вітаю привіт дякую будь
   ласка сьогодні завтра ще вже дуже
   der die das und oder ist sind ich sie wir ihr es ein eine einen nicht ja nein bitte danke hallo guten tag heute morgen
   có không là và của cho với em anh chị ạ ơi nhé được bạn mình tôi chào cảm ơn hôm nay mai`.split(/\s+/u),
);

const WORD = /[\p{L}\p{N}]+/gu;

/** Words worth searching for, lower-cased, stopwords dropped, at most `max`. */
export function keywordsOf(text: string, max = 16): string[] {
  const out: string[] = [];
  for (const m of text.normalize('NFC').toLowerCase().matchAll(WORD)) {
    const w = m[0];
    if (w.length < 2 || STOPWORDS.has(w) || /^\d+$/.test(w)) continue;
    if (!out.includes(w)) out.push(w);
    if (out.length >= max) break;
  }
  return out;
}

/**
 * A crude stem: long words are cut to their first five letters, so inflections and derivations share a prefix
 * (субботу → суббо* finds суббота; deliver → deliv* finds delivery). Over-matching is fine: BM25 ranks.
 * Words of three letters or fewer match exactly: "mì" must not find "milk" (Vietnamese syllables are short).
 */
function term(w: string): string {
  const quoted = (x: string) => `"${x.replace(/"/g, '""')}"`;
  if (w.length <= 3) return quoted(w);
  return `${quoted(w.length > 5 ? w.slice(0, 5) : w)}*`;
}

/** An FTS5 MATCH expression (OR of quoted terms) or null when nothing searchable is left. */
export function toKnowledgeQuery(text: string): string | null {
  const terms = [...new Set(keywordsOf(text).map(term))];
  if (terms.length === 0) return null;
  return terms.join(' OR ');
}
