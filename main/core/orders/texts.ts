// Everything Lavka writes to a customer about an order, in English, Russian, Ukrainian and Vietnamese. Texts are
// filled only with data from the database (catalog names, prices, totals, the order number) — never with model output,
// except the customer's own words when they literally appear in what the customer wrote (checked by the caller).
import { formatMoney } from '../catalog/money';
import type { CustomerLanguage } from './replies';
import type { NotifyStatus, Order, OrderIssue, OrderLine } from './types';

interface Texts {
  summaryHead: string;
  repricedHead: string;
  each: (price: string) => string;
  pickup: (address: string) => string;
  pickupNoAddress: string;
  delivery: (address: string) => string;
  deliveryFee: (fee: string) => string;
  deliveryFree: string;
  time: (t: string) => string;
  total: (t: string) => string;
  confirmHint: string;
  questionsHead: string;
  placed: (n: string, total: string) => string;
  cancelled: string;
  whatToChange: string;
  or: string;
  q: {
    no_items: string;
    no_last_order: string;
    unknown: (text: string | null) => string;
    suggest: (names: string) => string;
    ambiguous: (text: string | null, names: string) => string;
    didYouMean: (text: string | null, name: string) => string;
    sold_out: (p: string) => string;
    low_stock: (p: string, left: number) => string;
    option_missing: (p: string, group: string, values: string) => string;
    option_unknown: (p: string, text: string | null, choices: string) => string;
    quantity_invalid: (p: string) => string;
    quantity_too_large: (p: string, qty: string, max: number) => string;
    fulfilment: (address: string) => string;
    no_delivery: (address: string) => string;
    address: string;
    gone: (p: string) => string;
  };
  status: Record<NotifyStatus, string>;
}

const en: Texts = {
  summaryHead: 'Here is your order:',
  repricedHead: 'Something changed since my last message (price or stock). Here is the updated order:',
  each: (p) => `${p} each`,
  pickup: (a) => `Pickup: ${a}`,
  pickupNoAddress: 'Pickup at the shop',
  delivery: (a) => `Delivery to: ${a}`,
  deliveryFee: (f) => `Delivery: ${f}`,
  deliveryFree: 'Delivery: free',
  time: (t) => `When: ${t}`,
  total: (t) => `Total: ${t}`,
  confirmHint: 'Reply "yes" to confirm, or tell me what to change.',
  questionsHead: 'Almost done — just a few questions:',
  placed: (n, t) => `Thank you! Your order #${n} is placed. Total: ${t}. We will let you know when it is ready.`,
  cancelled: 'OK, I have cancelled this order. Write any time if you would like something else.',
  whatToChange: 'What would you like to change? (To cancel the order, write "cancel".)',
  or: 'or',
  q: {
    no_items: 'What would you like to order?',
    no_last_order: 'I cannot find an earlier order from you. What would you like this time?',
    unknown: (t) => (t ? `Sorry, we do not have "${t}".` : 'Sorry, I could not find one of the items in our catalog.'),
    suggest: (n) => `Maybe: ${n}?`,
    ambiguous: (t, n) => (t ? `Which one do you mean by "${t}": ${n}?` : `Which one do you mean: ${n}?`),
    didYouMean: (t, n) => (t ? `By "${t}", do you mean ${n}?` : `Do you mean ${n}?`),
    sold_out: (p) => `Sorry, ${p} is sold out right now. Would you like something else instead?`,
    low_stock: (p, left) => `We only have ${left} × ${p} left. Shall I put ${left}?`,
    option_missing: (p, g, v) => `Which ${g} would you like for ${p}: ${v}?`,
    option_unknown: (p, t, c) => (t ? `${p} does not come as "${t}". Choose: ${c}.` : `Please choose for ${p}: ${c}.`),
    quantity_invalid: (p) => `How many ${p} would you like?`,
    quantity_too_large: (p, q, max) => `${q} × ${p} is more than we can take in a chat order (up to ${max}). How many would you like?`,
    fulfilment: (a) => (a ? `Will you pick it up (${a}) or would you like delivery?` : 'Will you pick it up or would you like delivery?'),
    no_delivery: (a) => (a ? `Sorry, we do not deliver. You can pick up your order at ${a} — is that OK?` : 'Sorry, we do not deliver. Can you pick up your order at the shop?'),
    address: 'Where should we deliver? Please send the full address.',
    gone: (p) => `${p} is no longer in our catalog. Would you like something else instead?`,
  },
  status: {
    confirmed: 'Your order #{number} is confirmed. Total: {total}.',
    paid: 'We have received your payment for order #{number}. Thank you!',
    ready: 'Your order #{number} is ready! {pickup}',
    shipped: 'Your order #{number} is on its way.',
    completed: 'Thank you for your order #{number}! See you again soon.',
    cancelled: 'Your order #{number} has been cancelled. Please write to us if you have any questions.',
  },
};

const ru: Texts = {
  summaryHead: 'Ваш заказ:',
  repricedHead: 'С моего прошлого сообщения кое-что изменилось (цена или наличие). Обновлённый заказ:',
  each: (p) => `по ${p}`,
  pickup: (a) => `Самовывоз: ${a}`,
  pickupNoAddress: 'Самовывоз из магазина',
  delivery: (a) => `Доставка: ${a}`,
  deliveryFee: (f) => `Стоимость доставки: ${f}`,
  deliveryFree: 'Доставка бесплатно',
  time: (t) => `Когда: ${t}`,
  total: (t) => `Итого: ${t}`,
  confirmHint: 'Ответьте «да», чтобы подтвердить, или напишите, что изменить.',
  questionsHead: 'Почти готово — осталось уточнить:',
  placed: (n, t) => `Спасибо! Ваш заказ №${n} оформлен. Итого: ${t}. Мы сообщим, когда он будет готов.`,
  cancelled: 'Хорошо, я отменил этот заказ. Пишите, если захотите что-нибудь ещё.',
  whatToChange: 'Что изменить в заказе? (Чтобы отменить заказ, напишите «отмена».)',
  or: 'или',
  q: {
    no_items: 'Что бы вы хотели заказать?',
    no_last_order: 'Я не нашёл ваших прошлых заказов. Что бы вы хотели заказать?',
    unknown: (t) => (t ? `К сожалению, у нас нет «${t}».` : 'К сожалению, одной из позиций нет в нашем каталоге.'),
    suggest: (n) => `Может быть, ${n}?`,
    ambiguous: (t, n) => (t ? `Что именно вы имеете в виду под «${t}»: ${n}?` : `Что именно вы имеете в виду: ${n}?`),
    didYouMean: (t, n) => (t ? `Под «${t}» вы имеете в виду «${n}»?` : `Вы имеете в виду «${n}»?`),
    sold_out: (p) => `К сожалению, «${p}» сейчас закончился. Хотите что-нибудь другое?`,
    low_stock: (p, left) => `«${p}» осталось только ${left} шт. Положить ${left}?`,
    option_missing: (p, g, v) => `Уточните для «${p}» (${g}): ${v}?`,
    option_unknown: (p, t, c) => (t ? `«${p}» не бывает «${t}». Выберите: ${c}.` : `Выберите для «${p}»: ${c}.`),
    quantity_invalid: (p) => `Сколько «${p}» вам нужно?`,
    quantity_too_large: (p, q, max) => `${q} × «${p}» — больше, чем мы принимаем в заказе через чат (до ${max}). Сколько вам нужно?`,
    fulfilment: (a) => (a ? `Заберёте сами (${a}) или нужна доставка?` : 'Заберёте сами или нужна доставка?'),
    no_delivery: (a) => (a ? `К сожалению, мы не доставляем. Заказ можно забрать по адресу: ${a}. Вам подходит?` : 'К сожалению, мы не доставляем. Сможете забрать заказ в магазине?'),
    address: 'Куда доставить? Напишите, пожалуйста, полный адрес.',
    gone: (p) => `«${p}» больше нет в нашем каталоге. Хотите что-нибудь другое?`,
  },
  status: {
    confirmed: 'Ваш заказ №{number} подтверждён. Итого: {total}.',
    paid: 'Мы получили оплату за заказ №{number}. Спасибо!',
    ready: 'Ваш заказ №{number} готов! {pickup}',
    shipped: 'Ваш заказ №{number} уже в пути.',
    completed: 'Спасибо за заказ №{number}! Ждём вас снова.',
    cancelled: 'Ваш заказ №{number} отменён. Если есть вопросы — напишите нам.',
  },
};

const uk: Texts = {
  summaryHead: 'Ваше замовлення:',
  repricedHead: 'З мого попереднього повідомлення дещо змінилося (ціна чи наявність). Оновлене замовлення:',
  each: (p) => `по ${p}`,
  pickup: (a) => `Самовивіз: ${a}`,
  pickupNoAddress: 'Самовивіз із магазину',
  delivery: (a) => `Доставка: ${a}`,
  deliveryFee: (f) => `Вартість доставки: ${f}`,
  deliveryFree: 'Доставка безкоштовно',
  time: (t) => `Коли: ${t}`,
  total: (t) => `Разом: ${t}`,
  confirmHint: 'Відповідайте «так», щоб підтвердити, або напишіть, що змінити.',
  questionsHead: 'Майже готово — залишилося уточнити:',
  placed: (n, t) => `Дякуємо! Ваше замовлення №${n} оформлено. Разом: ${t}. Ми повідомимо, коли воно буде готове.`,
  cancelled: 'Добре, я скасував це замовлення. Пишіть, якщо захочете ще щось.',
  whatToChange: 'Що змінити в замовленні? (Щоб скасувати замовлення, напишіть «скасувати».)',
  or: 'чи',
  q: {
    no_items: 'Що б ви хотіли замовити?',
    no_last_order: 'Я не знайшов ваших попередніх замовлень. Що б ви хотіли замовити?',
    unknown: (t) => (t ? `На жаль, у нас немає «${t}».` : 'На жаль, однієї з позицій немає в нашому каталозі.'),
    suggest: (n) => `Можливо, ${n}?`,
    ambiguous: (t, n) => (t ? `Що саме ви маєте на увазі під «${t}»: ${n}?` : `Що саме ви маєте на увазі: ${n}?`),
    didYouMean: (t, n) => (t ? `Під «${t}» ви маєте на увазі «${n}»?` : `Ви маєте на увазі «${n}»?`),
    sold_out: (p) => `На жаль, «${p}» зараз закінчився. Бажаєте щось інше?`,
    low_stock: (p, left) => `«${p}» залишилося лише ${left} шт. Покласти ${left}?`,
    option_missing: (p, g, v) => `Уточніть для «${p}» (${g}): ${v}?`,
    option_unknown: (p, t, c) => (t ? `«${p}» не буває «${t}». Оберіть: ${c}.` : `Оберіть для «${p}»: ${c}.`),
    quantity_invalid: (p) => `Скільки «${p}» вам потрібно?`,
    quantity_too_large: (p, q, max) => `${q} × «${p}» — більше, ніж ми приймаємо в замовленні через чат (до ${max}). Скільки вам потрібно?`,
    fulfilment: (a) => (a ? `Заберете самі (${a}) чи потрібна доставка?` : 'Заберете самі чи потрібна доставка?'),
    no_delivery: (a) => (a ? `На жаль, ми не доставляємо. Замовлення можна забрати за адресою: ${a}. Вам підходить?` : 'На жаль, ми не доставляємо. Зможете забрати замовлення в магазині?'),
    address: 'Куди доставити? Напишіть, будь ласка, повну адресу.',
    gone: (p) => `«${p}» більше немає в нашому каталозі. Бажаєте щось інше?`,
  },
  status: {
    confirmed: 'Ваше замовлення №{number} підтверджено. Разом: {total}.',
    paid: 'Ми отримали оплату за замовлення №{number}. Дякуємо!',
    ready: 'Ваше замовлення №{number} готове! {pickup}',
    shipped: 'Ваше замовлення №{number} вже в дорозі.',
    completed: 'Дякуємо за замовлення №{number}! Чекаємо на вас знову.',
    cancelled: 'Ваше замовлення №{number} скасовано. Якщо є питання — напишіть нам.',
  },
};

const vi: Texts = {
  summaryHead: 'Đơn hàng của bạn:',
  repricedHead: 'Từ tin nhắn trước đã có thay đổi (giá hoặc số lượng còn). Đơn hàng cập nhật:',
  each: (p) => `${p} mỗi cái`,
  pickup: (a) => `Nhận tại cửa hàng: ${a}`,
  pickupNoAddress: 'Nhận tại cửa hàng',
  delivery: (a) => `Giao đến: ${a}`,
  deliveryFee: (f) => `Phí giao hàng: ${f}`,
  deliveryFree: 'Giao hàng miễn phí',
  time: (t) => `Thời gian: ${t}`,
  total: (t) => `Tổng cộng: ${t}`,
  confirmHint: 'Trả lời "có" để xác nhận, hoặc cho mình biết cần thay đổi gì.',
  questionsHead: 'Sắp xong rồi — mình cần hỏi thêm:',
  placed: (n, t) => `Cảm ơn bạn! Đơn hàng #${n} đã được đặt. Tổng cộng: ${t}. Chúng mình sẽ báo khi đơn sẵn sàng.`,
  cancelled: 'Được rồi, mình đã huỷ đơn này. Bạn cần gì cứ nhắn nhé.',
  whatToChange: 'Bạn muốn thay đổi gì? (Để huỷ đơn, hãy nhắn "huỷ".)',
  or: 'hay',
  q: {
    no_items: 'Bạn muốn đặt món gì?',
    no_last_order: 'Mình không tìm thấy đơn trước của bạn. Lần này bạn muốn đặt gì?',
    unknown: (t) => (t ? `Xin lỗi, tiệm không có "${t}".` : 'Xin lỗi, một món trong đơn không có trong danh mục của tiệm.'),
    suggest: (n) => `Có phải bạn muốn: ${n}?`,
    ambiguous: (t, n) => (t ? `"${t}" là món nào: ${n}?` : `Bạn muốn món nào: ${n}?`),
    didYouMean: (t, n) => (t ? `"${t}" có phải là ${n} không?` : `Có phải bạn muốn ${n} không?`),
    sold_out: (p) => `Xin lỗi, ${p} hiện đã hết. Bạn có muốn chọn món khác không?`,
    low_stock: (p, left) => `${p} chỉ còn ${left} cái. Mình lấy ${left} cái nhé?`,
    option_missing: (p, g, v) => `Bạn chọn ${g} nào cho ${p}: ${v}?`,
    option_unknown: (p, t, c) => (t ? `${p} không có loại "${t}". Bạn chọn: ${c}.` : `Bạn chọn giúp cho ${p}: ${c}.`),
    quantity_invalid: (p) => `Bạn muốn lấy bao nhiêu ${p}?`,
    quantity_too_large: (p, q, max) => `${q} × ${p} nhiều hơn mức tiệm nhận qua tin nhắn (tối đa ${max}). Bạn muốn lấy bao nhiêu?`,
    fulfilment: (a) => (a ? `Bạn sẽ đến lấy (${a}) hay muốn giao hàng?` : 'Bạn sẽ đến lấy hay muốn giao hàng?'),
    no_delivery: (a) => (a ? `Xin lỗi, tiệm không giao hàng. Bạn có thể đến lấy tại ${a} được không?` : 'Xin lỗi, tiệm không giao hàng. Bạn có thể đến cửa hàng lấy được không?'),
    address: 'Bạn muốn giao đến đâu? Vui lòng gửi địa chỉ đầy đủ.',
    gone: (p) => `${p} không còn trong danh mục. Bạn có muốn chọn món khác không?`,
  },
  status: {
    confirmed: 'Đơn hàng #{number} của bạn đã được xác nhận. Tổng cộng: {total}.',
    paid: 'Tiệm đã nhận thanh toán cho đơn #{number}. Cảm ơn bạn!',
    ready: 'Đơn hàng #{number} của bạn đã sẵn sàng! {pickup}',
    shipped: 'Đơn hàng #{number} của bạn đang được giao.',
    completed: 'Cảm ơn bạn đã đặt đơn #{number}! Hẹn gặp lại.',
    cancelled: 'Đơn hàng #{number} của bạn đã bị huỷ. Nếu có thắc mắc, hãy nhắn cho tiệm nhé.',
  },
};

export const TEXTS: Record<CustomerLanguage, Texts> = { en, ru, uk, vi };

export interface ShopInfo {
  name: string;
  address: string;
  currency: string;
  paymentInstructions: string;
}

function money(minor: number, currency: string, lang: CustomerLanguage): string {
  return formatMoney(minor, currency, lang === 'en' ? 'en-GB' : lang);
}

/** "Ржаной хлеб (Rye bread)" when the customer used their own word, else the catalog name. */
export function lineTitle(line: Pick<OrderLine, 'name' | 'label'>): string {
  if (!line.label || line.label.trim().toLowerCase() === line.name.trim().toLowerCase()) return line.name;
  const label = line.label.trim();
  return `${label.charAt(0).toUpperCase()}${label.slice(1)} (${line.name})`;
}

function lineText(l: OrderLine, currency: string, lang: CustomerLanguage): string {
  const t = TEXTS[lang];
  const opts = l.options.map((o) => o.value);
  // "Cappuccino (large)", or with the customer's word: "Капучино (Cappuccino, large)".
  const title = lineTitle(l);
  const named = opts.length ? (title.endsWith(')') ? `${title.slice(0, -1)}, ${opts.join(', ')})` : `${title} (${opts.join(', ')})`) : title;
  const each = l.quantity > 1 ? ` (${t.each(money(l.unitPriceMinor, currency, lang))})` : '';
  return `• ${l.quantity} × ${named} — ${money(l.lineTotalMinor, currency, lang)}${each}`;
}

/** The order summary the customer confirms. Built only from the order row and its lines. */
export function summaryText(order: Order, shop: ShopInfo, lang: CustomerLanguage, repriced = false): string {
  const t = TEXTS[lang];
  const out = [repriced ? t.repricedHead : t.summaryHead];
  for (const l of order.lines) out.push(lineText(l, order.currency, lang));
  if (order.fulfilment === 'delivery') {
    out.push(t.delivery(order.address));
    out.push(order.deliveryMinor > 0 ? t.deliveryFee(money(order.deliveryMinor, order.currency, lang)) : t.deliveryFree);
  } else {
    out.push(shop.address ? t.pickup(shop.address) : t.pickupNoAddress);
  }
  if (order.wantedTime) out.push(t.time(order.wantedTime));
  out.push(t.total(money(order.totalMinor, order.currency, lang)));
  if (shop.paymentInstructions) out.push('', shop.paymentInstructions);
  out.push('', t.confirmHint);
  return out.join('\n');
}

function quoted(text: string, echo: boolean): string | null {
  return echo ? text.trim().slice(0, 60) : null;
}

/** One clarifying question per issue, in one message. */
export function questionsText(issues: OrderIssue[], shop: ShopInfo, lang: CustomerLanguage): string {
  const t = TEXTS[lang];
  const list = (names: string[]) => (names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} ${t.or} ${names[names.length - 1]}`);
  const lines = issues.map((i): string => {
    switch (i.kind) {
      case 'no_items':
        return t.q.no_items;
      case 'no_last_order':
        return t.q.no_last_order;
      case 'unknown':
        return i.suggestions.length ? `${t.q.unknown(quoted(i.text, i.echo))} ${t.q.suggest(list(i.suggestions))}` : t.q.unknown(quoted(i.text, i.echo));
      case 'ambiguous':
        return i.candidates.length === 1 ? t.q.didYouMean(quoted(i.text, i.echo), i.candidates[0]) : t.q.ambiguous(quoted(i.text, i.echo), list(i.candidates));
      case 'sold_out':
        return t.q.sold_out(i.product);
      case 'low_stock':
        return t.q.low_stock(i.product, i.left);
      case 'option_missing':
        return t.q.option_missing(
          i.product,
          i.group,
          list(i.values.map((v) => (v.priceDeltaMinor ? `${v.value} (${v.priceDeltaMinor > 0 ? '+' : '−'}${money(Math.abs(v.priceDeltaMinor), shop.currency, lang)})` : v.value))),
        );
      case 'option_unknown':
        return t.q.option_unknown(i.product, quoted(i.text, i.echo), i.groups.map((g) => `${g.group}: ${list(g.values)}`).join('; '));
      case 'quantity_invalid':
        return t.q.quantity_invalid(i.product);
      case 'quantity_too_large':
        return t.q.quantity_too_large(i.product, new Intl.NumberFormat(lang).format(i.quantity), i.max);
      case 'fulfilment':
        return t.q.fulfilment(i.pickupAddress);
      case 'no_delivery':
        return t.q.no_delivery(i.pickupAddress);
      case 'address':
        return t.q.address;
      case 'gone':
        return t.q.gone(i.product);
    }
  });
  if (lines.length === 1) return lines[0];
  return [t.questionsHead, ...lines.map((l) => `• ${l}`)].join('\n');
}

export function placedText(order: Order, lang: CustomerLanguage): string {
  return TEXTS[lang].placed(String(order.number ?? ''), money(order.totalMinor, order.currency, lang));
}

export function cancelledText(lang: CustomerLanguage): string {
  return TEXTS[lang].cancelled;
}

export function whatToChangeText(lang: CustomerLanguage): string {
  return TEXTS[lang].whatToChange;
}

export function defaultStatusTemplate(status: NotifyStatus, lang: CustomerLanguage): string {
  return TEXTS[lang].status[status];
}

/**
 * Fills a status template. Placeholders: {number} {total} {name} {shop} {address} {time} {pickup}; unknown ones stay
 * as typed so the owner sees the mistake in the preview.
 */
export function fillStatusTemplate(template: string, order: Order, shop: ShopInfo, lang: CustomerLanguage): string {
  const t = TEXTS[lang];
  const values: Record<string, string> = {
    number: String(order.number ?? ''),
    total: money(order.totalMinor, order.currency, lang),
    name: order.customerName,
    shop: shop.name,
    address: order.fulfilment === 'delivery' ? order.address : shop.address,
    time: order.wantedTime,
    pickup: order.fulfilment === 'pickup' ? (shop.address ? t.pickup(shop.address) : t.pickupNoAddress) : '',
  };
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? values[k] : m)).replace(/[ \t]+$/gm, '').trim();
}
