// Strings for the import preview's "Saved as" column and the phone-country warning (issue #12).
import type { StringBundle } from '../../i18n/types';

const bundle: StringBundle = {
  ns: 'importPhones',
  en: {
    savedAs: 'Phone saved as',
    inCountry: '{{number}} · {{country}}',
    notPhone: '“{{written}}” is not a phone number',
    check: '“{{written}}”: check the country — {{here}} or {{other}}? Kept in notes until written with +country code',
    otherCountry: '{{column}}: “{{value}}” could be {{here}} or {{other}}. Not saved as a phone; kept in notes. Write it with the country code (+…) to save it',
  },
  ru: {
    savedAs: 'Телефон сохранится как',
    inCountry: '{{number}} · {{country}}',
    notPhone: '«{{written}}» — не номер телефона',
    check: '«{{written}}»: проверьте страну — {{here}} или {{other}}? Сохранён в заметках, пока не указан код страны',
    otherCountry: '{{column}}: «{{value}}» может быть {{here}} или {{other}}. Не сохранён как телефон, записан в заметки. Укажите код страны (+…), чтобы сохранить',
  },
};

export default bundle;
