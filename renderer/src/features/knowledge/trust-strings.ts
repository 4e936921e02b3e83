// UI strings for Auto's trust features (issue #13): approved translations on the Knowledge page, the free-text
// opt-in in Settings, and labels of the new Needs-you reasons. A separate bundle (ns "autoTrust") so the strings.ts
// files being converted to JSON stay untouched.
import type { StringBundle } from '../../i18n/types';

const bundle: StringBundle = {
  ns: 'autoTrust',
  en: {
    translations: {
      title: 'Approved translations',
      hint: 'Your answers in your customers’ languages, as you approved them in Needs you. Auto uses them word for word.',
      empty: 'None yet. When a customer writes in another language, the first use of an answer waits in Needs you with a translation for you to check.',
      outdated: 'You changed this answer since approving: Auto will ask you again before using it.',
      save: 'Save',
      saved: 'Saved',
      remove: 'Remove',
      confirmRemove: 'Remove the {{lang}} translation of “{{title}}”? The next customer in that language waits for you again.',
    },
    autoRules: 'What Auto sends by itself',
    autoRulesList:
      'Only your own answers (Knowledge, delivery, payment and returns) word for word — in another language once you approved the translation — and Lavka’s own texts: opening hours, address, phone, catalog prices, order summaries, hello and thanks. Everything else waits for you in Needs you with the assistant’s draft, and so does every customer who asks for a person, complains, asks for a refund, disputes a payment or mentions legal action.',
    freeText: {
      label: 'Auto with free text (not recommended)',
      risk: 'Lets the assistant’s own words go out when the checks find nothing wrong. Your shop is answerable for what the bot says, and checks can miss things. When off, Auto only sends your own answers and Lavka’s texts.',
    },
    optOut: { stop: 'Stop all messages to this customer' },
    reasons: {
      language_not_covered: 'A language Lavka has no texts for',
      not_covered: 'None of your answers covers this',
      unverified_choice: 'The assistant picked something that does not fit',
      needs_translation: 'Check the translation of your answer',
      optout_unclear: 'May want no more messages: decide',
    },
  },
  ru: {
    translations: {
      title: 'Одобренные переводы',
      hint: 'Ваши ответы на языках клиентов — в том виде, в каком вы одобрили их в «Нужны вы». Авто отправляет их слово в слово.',
      empty: 'Пока нет. Когда клиент пишет на другом языке, первый ответ ждёт в «Нужны вы» с переводом — проверьте его.',
      outdated: 'Вы изменили этот ответ после одобрения: Авто снова спросит вас перед отправкой.',
      save: 'Сохранить',
      saved: 'Сохранено',
      remove: 'Удалить',
      confirmRemove: 'Удалить перевод «{{title}}» ({{lang}})? Следующий клиент на этом языке снова будет ждать вас.',
    },
    autoRules: 'Что Авто отправляет само',
    autoRulesList:
      'Только ваши собственные ответы (Знания, доставка, оплата и возврат) слово в слово — на другом языке после того, как вы одобрили перевод, — и тексты Лавки: часы работы, адрес, телефон, цены каталога, сводки заказов, приветствие и «пожалуйста». Всё остальное ждёт вас в «Нужны вы» с черновиком ассистента — как и каждый клиент, который просит человека, жалуется, требует вернуть деньги, оспаривает оплату или упоминает суд.',
    freeText: {
      label: 'Авто со свободным текстом (не рекомендуется)',
      risk: 'Разрешает отправлять собственные слова ассистента, если проверки ничего не нашли. Магазин отвечает за то, что пишет бот, а проверки могут что-то пропустить. Когда выключено, Авто отправляет только ваши ответы и тексты Лавки.',
    },
    optOut: { stop: 'Больше ничего не отправлять клиенту' },
    reasons: {
      language_not_covered: 'Язык, для которого у Лавки нет текстов',
      not_covered: 'Ни один ваш ответ этого не покрывает',
      unverified_choice: 'Ассистент выбрал то, что не подходит',
      needs_translation: 'Проверьте перевод вашего ответа',
      optout_unclear: 'Возможно, не хочет больше сообщений: решите',
    },
  },
};

export default bundle;
