import type { StringBundle } from '../../i18n/types';

const bundle: StringBundle = {
  ns: 'quickReplies',
  en: {
    button: 'Quick replies',
    short: 'Quick',
    filter: 'Find a quick reply…',
    none: 'No quick replies yet — add them in Settings.',
    title: 'Quick replies',
    intro: 'Answers you give often. {name} becomes the customer’s first name, {business} your business name, {hours} your opening hours.',
    titlePlaceholder: 'Short title, e.g. Delivery',
    remove: 'Remove',
    add: 'Add a quick reply',
  },
  ru: {
    button: 'Быстрые ответы',
    short: 'Шаблоны',
    filter: 'Найти шаблон…',
    none: 'Шаблонов пока нет — добавьте их в настройках.',
    title: 'Быстрые ответы',
    intro: 'Ответы, которые вы даёте часто. {name} заменяется именем клиента, {business} — названием, {hours} — часами работы.',
    titlePlaceholder: 'Короткое название, например «Доставка»',
    remove: 'Удалить',
    add: 'Добавить шаблон',
  },
};
export default bundle;
