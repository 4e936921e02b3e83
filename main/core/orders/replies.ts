// Deterministic readers of short customer replies: "yes / да / так / có / ok" to a summary, "cancel", "the usual",
// and which customer language to answer an order message in (the detector is main/core/language/detect.ts).
// No model: a "yes" is never imagined.
import { normalize } from '../catalog/match';
import { detectMessageLanguage } from '../language/detect';
import { CUSTOMER_LANGUAGE_CODES, isCustomerLanguage, type CustomerLanguage } from '../../shared/languages';

export { isCustomerLanguage, type CustomerLanguage };
export const CUSTOMER_LANGUAGES = CUSTOMER_LANGUAGE_CODES;

/** Phrases (after normalize(): lower case, no accents, no punctuation) that mean "yes, place it". */
const YES_PHRASES = [
  // en
  'yes',
  'yeah',
  'yea',
  'yep',
  'yup',
  'y',
  'ok',
  'okay',
  'okey',
  'k',
  'kk',
  'sure',
  'confirm',
  'confirmed',
  'i confirm',
  'correct',
  'right',
  'thats right',
  'that s right',
  'all good',
  'all correct',
  'perfect',
  'great',
  'fine',
  'good',
  'sounds good',
  'looks good',
  'go ahead',
  'deal',
  'agreed',
  'of course',
  'absolutely',
  'please do',
  'do it',
  'yes please',
  // ru
  'да',
  'ага',
  'угу',
  'ок',
  'окей',
  'хорошо',
  'подтверждаю',
  'верно',
  'все верно',
  'всё верно',
  'все правильно',
  'правильно',
  'отлично',
  'давайте',
  'давай',
  'конечно',
  'договорились',
  'годится',
  'идет',
  'идёт',
  'оформляйте',
  'подходит',
  'супер',
  // uk
  'так',
  'добре',
  'підтверджую',
  'вірно',
  'все вірно',
  'усе вірно',
  'все правильно',
  'звісно',
  'звичайно',
  'гаразд',
  'чудово',
  'давайте',
  'домовились',
  'підходить',
  'оформлюйте',
  // vi (accents are removed by normalize: "có" → "co", "đồng ý" → "dong y")
  'co',
  'duoc',
  'dong y',
  'vang',
  'u',
  'dung',
  'dung roi',
  'chot',
  'chot don',
  'xac nhan',
  'ok chot',
  'oke',
  'ok nha',
  // de, as owners in Germany meet it
  'ja',
  'genau',
  'passt',
  'jawohl',
  'einverstanden',
].map((p) => normalize(p).split(' '));

/** Words that may accompany a yes without changing it: thanks, please, politeness particles, the shop's "you". */
const FILLERS = new Set(
  [
    'thanks',
    'thank',
    'you',
    'thx',
    'ty',
    'please',
    'pls',
    'plz',
    'then',
    'so',
    'oh',
    'great',
    'just',
    'it',
    'is',
    'that',
    'its',
    'спасибо',
    'благодарю',
    'пожалуйста',
    'тогда',
    'все',
    'всё',
    'так',
    'ну',
    'вот',
    'да',
    'дякую',
    'будь',
    'ласка',
    'тоді',
    'ну',
    'cam',
    'on',
    'a',
    'nhe',
    'nha',
    'em',
    'anh',
    'chi',
    'ban',
    'roi',
    'ak',
    'ah',
    'vay',
    'danke',
    'bitte',
  ].map((w) => normalize(w)),
);

const YES_EMOJI = /^(?:\s|👍|👌|✅|✔\uFE0F?|☑\uFE0F?|🙏|👏|🤝|💯|😊|🙂|😀|😃|😄|❤\uFE0F?|♥\uFE0F?|\+)+$/u;

const CANCEL_PHRASES = [
  'cancel',
  'cancel it',
  'cancel the order',
  'cancel order',
  'cancel please',
  'never mind',
  'nevermind',
  'forget it',
  'отмена',
  'отменить',
  'отмените',
  'отменяю',
  'отмени',
  'не надо',
  'не нужно',
  'передумал',
  'передумала',
  'отбой',
  'скасувати',
  'скасуйте',
  'скасовую',
  'не треба',
  'не потрібно',
  'передумав',
  'передумала',
  'huy',
  'huy don',
  'thoi',
  'khong can',
  'khong lay',
  'stornieren',
  'abbrechen',
].map((p) => normalize(p).split(' '));

const NO_PHRASES = ['no', 'nope', 'nah', 'not', 'нет', 'неа', 'не', 'ні', 'нi', 'khong', 'ko', 'nein'].map((p) => normalize(p).split(' '));

const REPEAT_PHRASES = [
  'the usual',
  'my usual',
  'usual',
  'as usual',
  'same as last time',
  'same as before',
  'same again',
  'the same',
  'same order',
  'repeat my order',
  'repeat the order',
  'repeat last order',
  'my last order',
  'last order again',
  'same as always',
  'как обычно',
  'как всегда',
  'как в прошлый раз',
  'то же самое',
  'тоже самое',
  'то же что в прошлый раз',
  'повторите заказ',
  'повторить заказ',
  'повтори заказ',
  'как в тот раз',
  'прошлый заказ',
  'мой обычный заказ',
  'як завжди',
  'як зазвичай',
  'як минулого разу',
  'те саме',
  'теж саме',
  'повторіть замовлення',
  'повторити замовлення',
  'nhu moi khi',
  'nhu lan truoc',
  'giong lan truoc',
  'nhu cu',
  'dat lai',
  'dat lai don cu',
].map((p) => normalize(p).split(' '));

/** Can the token list be cut completely into the given phrases (fillers allowed anywhere)? */
function coveredBy(tokens: string[], phrases: string[][], fillers: ReadonlySet<string>): boolean {
  let i = 0;
  let hits = 0;
  outer: while (i < tokens.length) {
    const candidates = phrases.filter((p) => p.every((w, k) => tokens[i + k] === w)).sort((a, b) => b.length - a.length);
    if (candidates.length) {
      i += candidates[0].length;
      hits++;
      continue outer;
    }
    if (fillers.has(tokens[i])) {
      i++;
      continue;
    }
    return false;
  }
  return hits > 0;
}

export type ReplyKind = 'yes' | 'cancel' | 'no' | 'other';

/**
 * Reads a reply to an order summary. Only a reply made of confirmation words (and politeness) is a yes:
 * "yes but 3 croissants" or "да, и ещё багет" are changes, "not ok" is not a yes.
 */
export function classifyReply(text: string): ReplyKind {
  const raw = text.trim();
  if (!raw) return 'other';
  if (YES_EMOJI.test(raw)) return 'yes';
  const tokens = normalize(raw).split(' ').filter(Boolean);
  if (!tokens.length || tokens.length > 8) return 'other';
  if (/\d/.test(raw)) return 'other';
  if (coveredBy(tokens, CANCEL_PHRASES, FILLERS)) return 'cancel';
  // "no" / "нет" (alone or with politeness): the customer disagrees but has not said what to change.
  const withoutNo = tokens.filter((t) => !NO_PHRASES.some((p) => p.length === 1 && p[0] === t));
  if (withoutNo.length < tokens.length && withoutNo.every((t) => FILLERS.has(t))) return 'no';
  if (withoutNo.length < tokens.length) return 'other';
  if (coveredBy(tokens, YES_PHRASES, FILLERS)) return 'yes';
  return 'other';
}

/** "The usual", "как обычно", "як завжди", "như mọi khi"… anywhere in a short message. */
export function asksForRepeat(text: string): boolean {
  const tokens = normalize(text).split(' ').filter(Boolean);
  if (tokens.length > 14) return false;
  return REPEAT_PHRASES.some((p) => tokens.some((_, i) => p.every((w, k) => tokens[i + k] === w)));
}

/** A message that is nothing but "the usual" (plus politeness) needs no model to understand. */
export function onlyAsksForRepeat(text: string): boolean {
  const tokens = normalize(text).split(' ').filter(Boolean);
  const politeness = new Set([
    ...FILLERS,
    'hi',
    'hello',
    'привет',
    'здравствуйте',
    'добрый',
    'день',
    'вечер',
    'утро',
    'вітаю',
    'привіт',
    'добрий',
    'chao',
    'xin',
    'i',
    'd',
    'like',
    'want',
    'хочу',
    'мне',
    'можно',
    'will',
    'have',
    'take',
    'order',
    'закажу',
    'заказ',
    'хочу',
    'хотів',
    'хотіла',
    'мені',
    'again',
    'снова',
    'опять',
    'знову',
    'lai',
    'cho',
  ]);
  return asksForRepeat(text) && coveredBy(tokens, REPEAT_PHRASES, politeness);
}

/**
 * The language to write to the customer in about this order. A message that clearly is in one of the customer
 * languages decides; a short or unclear one ("да", "ok", "👍") keeps the conversation's language (the first known
 * fallback), and only then the detector's weaker guess.
 */
export function pickLanguage(text: string, fallbacks: (string | null | undefined)[]): CustomerLanguage {
  const g = detectMessageLanguage(text);
  if (g?.confident && isCustomerLanguage(g.lang)) return g.lang;
  const known = fallbacks.find(isCustomerLanguage);
  if (known) return known;
  return g && isCustomerLanguage(g.lang) ? g.lang : 'en';
}
