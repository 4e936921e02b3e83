import type { StringBundle } from '../../i18n/types';

const bundle: StringBundle = {
  ns: 'sandbox',
  en: {
    open: 'Try as a customer',
    openHint: 'Write to your shop as a pretend customer and watch Lavka react',
    title: 'Try as a customer',
    hint: 'This is the customer’s phone. Messages go through Lavka’s sandbox channel, like WhatsApp or Telegram would.',
    newCustomer: '+ New pretend customer',
    namePlaceholder: 'Customer name, e.g. Maria',
    empty: 'Write something as the customer — it lands in your inbox.',
    placeholder: 'Message from the customer…',
    send: 'Send',
  },
  ru: {
    open: 'Написать как клиент',
    openHint: 'Напишите своему магазину от имени клиента и посмотрите, как ответит Лавка',
    title: 'Как видит клиент',
    hint: 'Это телефон клиента. Сообщения идут через канал-песочницу Лавки — так же, как через WhatsApp или Telegram.',
    newCustomer: '+ Новый клиент',
    namePlaceholder: 'Имя клиента, например Мария',
    empty: 'Напишите что-нибудь от имени клиента — сообщение придёт во входящие.',
    placeholder: 'Сообщение от клиента…',
    send: 'Отправить',
  },
};
export default bundle;
