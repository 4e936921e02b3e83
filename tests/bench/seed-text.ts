// Word lists and phrase templates for the synthetic shop: customers write in English, Russian, Ukrainian and
// Vietnamese (with emoji), the owner answers in kind. Enough variety that FTS sees a realistic vocabulary.
import type { Rng } from './rng';

export type Lang = 'en' | 'ru' | 'uk' | 'vi';
export const LANGS: readonly Lang[] = ['en', 'ru', 'uk', 'vi'];
/** Share of customers per language (a shop in a mixed neighbourhood). */
export const LANG_WEIGHTS: Record<Lang, number> = { en: 0.35, ru: 0.3, uk: 0.2, vi: 0.15 };

/** Planted in exactly `rareWordCount` messages so the "rare word" search has a known answer. */
export const RARE_WORD = 'quinoa';

interface Corpus {
  first: string[];
  last: string[];
  products: string[];
  days: string[];
  customer: string[];
  owner: string[];
  notes: string[];
  fillers: string[];
}

const EN: Corpus = {
  first: [
    'John',
    'Emma',
    'Olivia',
    'Liam',
    'Noah',
    'Ava',
    'Sophia',
    'James',
    'Mia',
    'Lucas',
    'Amelia',
    'Ethan',
    'Grace',
    'Henry',
    'Chloe',
    'Jack',
    'Ruby',
    'Oscar',
    'Lily',
    'Leo',
  ],
  last: [
    'Smith',
    'Brown',
    'Taylor',
    'Wilson',
    'Evans',
    'Walker',
    'Wright',
    'Green',
    'Hall',
    'Wood',
    'Clarke',
    'Hughes',
    'Lewis',
    'Baker',
    'Turner',
    'Hill',
    'Moore',
    'King',
  ],
  products: [
    'sourdough',
    'rye bread',
    'croissants',
    'baguette',
    'cinnamon rolls',
    'cheesecake',
    'carrot cake',
    'muffins',
    'bagels',
    'brownies',
    'flat white',
    'oat milk latte',
    'apple pie',
    'donuts',
    'focaccia',
    'scones',
  ],
  days: ['today', 'tomorrow', 'Saturday', 'Sunday', 'Friday morning', 'next week', 'tonight'],
  customer: [
    'Hi, do you have {p} {d}?',
    'How much are the {p}?',
    'Can I order {n} {p} for {d}?',
    'I would like to pick up my order at {t}, is that ok?',
    'Are you open on {d}?',
    'Thanks a lot!',
    'Is the {p} gluten free?',
    'Could you deliver {n} {p} to the office {d}?',
    'Please cancel my order for {d}, sorry',
    'The {p} were amazing yesterday',
    'Do you take card payments?',
    'Can I change my order to {n} {p}?',
    'What time do you close {d}?',
    'Hello! Any {p} left?',
    'ok see you at {t}',
    'Is there parking near the shop?',
    'My daughter loved the {p}, can we get a whole tray for her birthday {d}?',
    'Where exactly is the entrance? I am outside',
  ],
  owner: [
    'Hi! Yes, we have fresh {p} {d}.',
    'The {p} cost {price} each.',
    'Sure, {n} {p} will be ready at {t}.',
    'We are open {d} from 8:00 to 18:00.',
    'Thank you! See you soon.',
    'Your order is ready for pickup.',
    'Sorry, the {p} are sold out for {d}. Can I offer {q} instead?',
    'Yes, we deliver within 3 km for free.',
    'Noted, your order is changed to {n} {p}.',
    'Order cancelled, no problem.',
  ],
  notes: ['Prefers pickup after work.', 'Allergic to nuts.', 'Orders for the office every Friday.', 'Pays by card.', 'Birthday in May.'],
  fillers: ['please', 'thanks', 'great', 'perfect', 'lol', 'ok'],
};

const RU: Corpus = {
  first: [
    'Анна',
    'Мария',
    'Елена',
    'Ольга',
    'Наталья',
    'Ирина',
    'Дмитрий',
    'Алексей',
    'Сергей',
    'Андрей',
    'Михаил',
    'Татьяна',
    'Екатерина',
    'Павел',
    'Юлия',
    'Игорь',
    'Светлана',
    'Артём',
  ],
  last: [
    'Иванова',
    'Петрова',
    'Смирнов',
    'Кузнецов',
    'Попова',
    'Соколов',
    'Лебедева',
    'Козлов',
    'Новикова',
    'Морозов',
    'Волкова',
    'Фёдоров',
    'Михайлова',
    'Орлов',
  ],
  products: [
    'ржаной хлеб',
    'круассаны',
    'пирожки с капустой',
    'торт Наполеон',
    'сырники',
    'багет',
    'булочки с корицей',
    'пирог с вишней',
    'эклеры',
    'чизкейк',
    'капучино',
    'медовик',
    'бородинский хлеб',
    'пончики',
  ],
  days: ['сегодня', 'завтра', 'в субботу', 'в воскресенье', 'в пятницу утром', 'на следующей неделе', 'вечером'],
  customer: [
    'Здравствуйте! У вас есть {p} {d}?',
    'Сколько стоит {p}?',
    'Можно заказать {n} шт. {p} {d}?',
    'Заберу заказ в {t}, хорошо?',
    'Вы работаете {d}?',
    'Спасибо большое!',
    'А {p} без глютена?',
    'Доставите {n} шт. {p} в офис {d}?',
    'Отмените, пожалуйста, мой заказ на {d}',
    'Вчерашний {p} был очень вкусный',
    'Можно оплатить картой?',
    'Поменяйте, пожалуйста, заказ на {n} шт.',
    'До скольки вы работаете {d}?',
    'Добрый день! Хлеб ещё остался?',
    'хорошо, буду в {t}',
    'Где у вас вход? Я уже у двери',
    'Отложите, пожалуйста, две буханки хлеба',
  ],
  owner: [
    'Здравствуйте! Да, {p} есть, свежий.',
    '{p} стоит {price}.',
    'Конечно, {n} шт. будут готовы к {t}.',
    'Мы работаем {d} с 8:00 до 18:00.',
    'Спасибо! Ждём вас.',
    'Ваш заказ готов, можно забирать.',
    'К сожалению, {p} закончился. Могу предложить {q}.',
    'Да, доставка бесплатная в пределах 3 км.',
    'Заказ отменён, всё в порядке.',
  ],
  notes: ['Любит ржаной хлеб, забирает по пятницам.', 'Аллергия на орехи.', 'Заказывает торты на праздники.', 'Платит наличными.'],
  fillers: ['пожалуйста', 'спасибо', 'отлично', 'ок', 'ага'],
};

const UK: Corpus = {
  first: [
    'Олена',
    'Оксана',
    'Ірина',
    'Тетяна',
    'Наталія',
    'Андрій',
    'Олександр',
    'Богдан',
    'Микола',
    'Юлія',
    'Софія',
    'Тарас',
    'Василь',
    'Галина',
    'Марія',
    'Дмитро',
  ],
  last: [
    'Коваль',
    'Шевченко',
    'Бондаренко',
    'Ткаченко',
    'Кравченко',
    'Мельник',
    'Олійник',
    'Лисенко',
    'Гончаренко',
    'Поліщук',
    'Савченко',
    'Руденко',
  ],
  products: [
    'житній хліб',
    'круасани',
    'пиріжки з капустою',
    'торт Київський',
    'сирники',
    'багет',
    'булочки з корицею',
    'пиріг з вишнею',
    'еклери',
    'паляниця',
    'капучино',
    'медівник',
    'пампушки',
  ],
  days: ['сьогодні', 'завтра', 'в суботу', 'в неділю', 'в пʼятницю зранку', 'наступного тижня', 'ввечері'],
  customer: [
    'Добрий день! Чи є у вас {p} {d}?',
    'Скільки коштує {p}?',
    'Можна замовити {n} шт. {p} на {d}?',
    'Заберу замовлення о {t}, добре?',
    'До котрої ви працюєте {d}?',
    'Дякую!',
    'А {p} без глютену?',
    'Доставите {n} шт. {p} до офісу {d}?',
    'Скасуйте, будь ласка, моє замовлення',
    'Вчорашня паляниця була дуже смачна',
    'Можна оплатити карткою?',
    'Привіт! Хліб ще є?',
    'добре, буду о {t}',
  ],
  owner: [
    'Добрий день! Так, {p} є, свіжий.',
    '{p} коштує {price}.',
    'Звичайно, {n} шт. будуть готові о {t}.',
    'Ми працюємо {d} з 8:00 до 18:00.',
    'Дякуємо! Чекаємо на вас.',
    'Ваше замовлення готове.',
    'На жаль, {p} вже закінчився. Можу запропонувати {q}.',
    'Замовлення скасовано, все гаразд.',
  ],
  notes: ['Забирає хліб щосуботи.', 'Алергія на горіхи.', 'Замовляє торти на свята.'],
  fillers: ['будь ласка', 'дякую', 'чудово', 'ок'],
};

const VI: Corpus = {
  first: [
    'An',
    'Bình',
    'Châu',
    'Dũng',
    'Giang',
    'Hà',
    'Hải',
    'Hương',
    'Khánh',
    'Lan',
    'Linh',
    'Minh',
    'Ngọc',
    'Phương',
    'Quân',
    'Thảo',
    'Trang',
    'Tuấn',
  ],
  last: ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ'],
  products: [
    'bánh mì',
    'bánh bao',
    'bánh flan',
    'bánh kem',
    'bánh su kem',
    'cà phê sữa đá',
    'trà sữa',
    'bánh croissant',
    'bánh bông lan',
    'bánh pía',
    'bánh mì thịt',
    'sữa chua',
  ],
  days: ['hôm nay', 'ngày mai', 'thứ bảy', 'chủ nhật', 'sáng thứ sáu', 'tuần sau', 'tối nay'],
  customer: [
    'Chào chị, tiệm có {p} {d} không ạ?',
    '{p} giá bao nhiêu vậy ạ?',
    'Cho em đặt {n} cái {p} {d} nhé',
    'Em lấy hàng lúc {t} được không chị?',
    '{d} tiệm có mở cửa không ạ?',
    'Cảm ơn chị nhiều!',
    '{p} có không gluten không ạ?',
    'Giao {n} cái {p} tới văn phòng {d} được không?',
    'Chị ơi hủy đơn {d} giúp em nhé',
    'Hôm qua {p} ngon lắm ạ',
    'Thanh toán bằng thẻ được không chị?',
    'ok em tới lúc {t}',
  ],
  owner: [
    'Chào em, có {p} tươi {d} nhé.',
    '{p} giá {price} một cái.',
    'Được em, {n} cái {p} sẽ xong lúc {t}.',
    'Tiệm mở cửa {d} từ 8:00 đến 18:00.',
    'Cảm ơn em! Hẹn gặp lại.',
    'Đơn của em đã xong, em ghé lấy nhé.',
    'Xin lỗi em, {p} hết rồi. Em lấy {q} nhé?',
    'Đơn đã hủy rồi em nhé.',
  ],
  notes: ['Thích bánh mì thịt, lấy buổi sáng.', 'Dị ứng đậu phộng.', 'Đặt bánh kem sinh nhật.'],
  fillers: ['nhé', 'ạ', 'dạ', 'ok', 'cảm ơn'],
};

export const CORPORA: Record<Lang, Corpus> = { en: EN, ru: RU, uk: UK, vi: VI };

const EMOJI = ['🍞', '🥐', '🎂', '☕', '🙏', '😊', '👍', '❤️', '😂', '🔥', '🥖', '🧁', '🎉', '😍', '👌', '🤗', '🇺🇦', '🇻🇳'];
const TIMES = ['8:30', '9:00', '10:15', '12:00', '13:30', '15:00', '17:45', '18:30'];
const CURRENCY_PRICES = ['€2.50', '€3.20', '€4.90', '€18', '€25', '120 ₽', '450 ₽', '85 грн', '35.000đ', '50.000đ'];

function fill(rng: Rng, c: Corpus, template: string): string {
  return template
    .replace('{p}', rng.pick(c.products))
    .replace('{q}', rng.pick(c.products))
    .replace('{d}', rng.pick(c.days))
    .replace('{n}', String(rng.range(2, 40)))
    .replace('{t}', rng.pick(TIMES))
    .replace('{price}', rng.pick(CURRENCY_PRICES));
}

/** A customer message in the customer's language; sometimes several sentences, an emoji, or a mixed-language word. */
export function customerText(rng: Rng, lang: Lang): string {
  const c = CORPORA[lang];
  let s = fill(rng, c, rng.pick(c.customer));
  if (rng.chance(0.25)) s += ' ' + fill(rng, c, rng.pick(c.customer));
  if (rng.chance(0.1)) s += ' ' + rng.pick(c.fillers);
  if (rng.chance(0.05)) s += ' ' + fill(rng, EN, rng.pick(EN.customer)); // code-switching happens
  if (rng.chance(0.3)) s += ' ' + rng.pick(EMOJI);
  if (rng.chance(0.04)) s = rng.pick(EMOJI) + rng.pick(EMOJI);
  return s;
}

export function ownerText(rng: Rng, lang: Lang): string {
  const c = CORPORA[lang];
  let s = fill(rng, c, rng.pick(c.owner));
  if (rng.chance(0.15)) s += ' ' + fill(rng, c, rng.pick(c.owner));
  if (rng.chance(0.15)) s += ' ' + rng.pick(EMOJI);
  return s;
}

export function personName(rng: Rng, lang: Lang): string {
  const c = CORPORA[lang];
  return lang === 'vi'
    ? `${rng.pick(c.last)} ${rng.pick(['Văn', 'Thị', 'Minh', 'Thu', 'Quốc'])} ${rng.pick(c.first)}`
    : `${rng.pick(c.first)} ${rng.pick(c.last)}`;
}

export function noteText(rng: Rng, lang: Lang): string {
  return rng.pick(CORPORA[lang].notes);
}

export function pickLang(rng: Rng): Lang {
  let x = rng.next();
  for (const l of LANGS) {
    x -= LANG_WEIGHTS[l];
    if (x < 0) return l;
  }
  return 'en';
}

/** Catalog item names across languages, e.g. "Rye bread 800 g" / "Бородинский хлеб 400 г". */
export function productName(rng: Rng, i: number): { name: string; lang: Lang } {
  const lang = LANGS[i % LANGS.length];
  const base = rng.pick(CORPORA[lang].products);
  const unit = lang === 'en' ? 'g' : lang === 'vi' ? 'g' : 'г';
  return { name: `${base.charAt(0).toUpperCase()}${base.slice(1)} ${rng.pick([100, 200, 400, 500, 800, 1000])} ${unit} #${i + 1}`, lang };
}
