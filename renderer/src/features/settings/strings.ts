import type { StringBundle } from '../../i18n/types';

const bundle: StringBundle = {
  ns: 'settings',
  en: {
    title: 'Settings',
    sections: { business: 'Business', preferences: 'Languages', data: 'Data & backups' },
    phone: 'Phone',
    address: 'Address',
    open: 'Open',
    closed: 'Closed',
    days: { mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday', sun: 'Sunday' },
    dataIntro: 'Everything Lavka knows — customers, chats, orders — is in one file in this folder, on this computer:',
    dataBackupHint: 'To back up by hand, quit Lavka and copy the whole folder.',
  },
  ru: {
    title: 'Настройки',
    sections: { business: 'Бизнес', preferences: 'Языки', data: 'Данные и копии' },
    phone: 'Телефон',
    address: 'Адрес',
    open: 'Открыто',
    closed: 'Закрыто',
    days: { mon: 'Понедельник', tue: 'Вторник', wed: 'Среда', thu: 'Четверг', fri: 'Пятница', sat: 'Суббота', sun: 'Воскресенье' },
    dataIntro: 'Всё, что знает Лавка — клиенты, переписка, заказы — хранится в одном файле в этой папке на этом компьютере:',
    dataBackupHint: 'Чтобы сделать копию вручную, закройте Лавку и скопируйте всю папку.',
  },
};
export default bundle;
