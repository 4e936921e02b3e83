// UI strings for customer languages: the contact panel's language, phone countries, Settings → Customer messages,
// and the searchable country picker.
import type { StringBundle } from '../../i18n/types';

const bundle: StringBundle = {
  ns: 'customerLanguage',
  en: {
    panel: {
      title: 'Writes to them in',
      auto: 'Detect automatically',
      detected: 'Detected from their messages: {{language}}',
      default: 'Not clear yet — your default reply language: {{language}}',
      owner: 'You chose this. Lavka will not change it.',
      hint: 'Order messages, reminders and assistant replies go out in this language.',
    },
    phone: {
      country: '{{flag}} {{country}}',
      unknown: 'Country unknown',
    },
    settings: {
      section: 'Customer messages',
      intro: 'Everything Lavka sends to customers by itself, in each customer language. Change any text to your own words; leave it empty for Lavka’s text.',
      language: 'Language',
      filter: 'Find a text…',
      placeholders: 'Can use: {{list}}',
      noPlaceholders: 'No placeholders',
      english: 'In English: {{text}}',
      save: 'Save',
      reset: 'Use Lavka’s text',
      saved: 'Saved',
      changed: 'Your text',
      statusElsewhere: 'Order status texts are edited under Orders, holding messages under Assistant.',
      groups: { orders: 'Orders', reminders: 'Reminders', optout: 'Unsubscribe confirmation' },
    },
    country: {
      search: 'Search a country or +code…',
      none: 'No country matches',
    },
  },
  ru: {
    panel: {
      title: 'Пишем клиенту на языке',
      auto: 'Определять автоматически',
      detected: 'Определён по сообщениям: {{language}}',
      default: 'Пока не ясно — язык ответов по умолчанию: {{language}}',
      owner: 'Выбрано вами. Лавка не будет его менять.',
      hint: 'На этом языке уходят сообщения о заказах, напоминания и ответы помощника.',
    },
    phone: {
      country: '{{flag}} {{country}}',
      unknown: 'Страна неизвестна',
    },
    settings: {
      section: 'Сообщения клиентам',
      intro: 'Всё, что Лавка сама отправляет клиентам, на каждом языке клиентов. Замените любой текст своими словами; оставьте пустым — будет текст Лавки.',
      language: 'Язык',
      filter: 'Найти текст…',
      placeholders: 'Можно использовать: {{list}}',
      noPlaceholders: 'Без подстановок',
      english: 'По-английски: {{text}}',
      save: 'Сохранить',
      reset: 'Вернуть текст Лавки',
      saved: 'Сохранено',
      changed: 'Ваш текст',
      statusElsewhere: 'Тексты о статусах заказов меняются в разделе «Заказы», ответы-заглушки — в «Помощнике».',
      groups: { orders: 'Заказы', reminders: 'Напоминания', optout: 'Подтверждение отписки' },
    },
    country: {
      search: 'Найдите страну или +код…',
      none: 'Нет такой страны',
    },
  },
};

export default bundle;
