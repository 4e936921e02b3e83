// Strings of the desktop shell: start-up state, Settings → Desktop and About, and the texts the shell itself shows
// (tray menu, notifications, start-up failure dialog). The shell (main/shell/texts.ts) reads this same bundle.
import type { StringBundle } from '../../i18n/types';

const bundle: StringBundle = {
  ns: 'desktop',
  en: {
    starting: 'Starting Lavka…',
    settings: {
      title: 'Desktop',
      keepRunning: 'Keep Lavka running when the window is closed',
      keepRunningHint: 'Lavka stays in the tray and keeps answering customers, sending reminders and taking orders.',
      notifyEachMessage: 'Show a notification for each new customer message',
      openAtLogin: 'Start Lavka when I log in to this computer (in the tray, without a window)',
      browser: 'Browser for WhatsApp',
      browserAuto: 'Found automatically',
      browserChoose: 'Choose…',
      browserClear: 'Find automatically',
    },
    about: {
      title: 'About',
      version: 'Version {{version}}',
      dataFolder: 'Data folder',
      openLogs: 'Open logs folder',
      openData: 'Open data folder',
    },
    tray: {
      tooltip: 'Lavka',
      open: 'Open Lavka',
      unread_one: '{{count}} unread conversation',
      unread_other: '{{count}} unread conversations',
      needsYou_one: '{{count}} needs you',
      needsYou_other: '{{count}} need you',
      pause: 'Pause auto-replies',
      quit: 'Quit Lavka',
    },
    notify: {
      message: 'New message from {{name}}',
      escalation: 'A customer needs you',
      order: 'New order #{{number}}',
      orderBody: '{{name}}: {{total}}',
      stillRunning: 'Lavka is still running',
      stillRunningBody: 'It keeps answering customers in the tray. To quit, use Quit Lavka in the tray menu.',
    },
    startFailed: {
      title: 'Lavka could not start',
      logHint: 'Details are in the log file: {{file}}',
    },
  },
  ru: {
    starting: 'Лавка запускается…',
    settings: {
      title: 'Приложение',
      keepRunning: 'Не закрывать Лавку, когда закрыто окно',
      keepRunningHint: 'Лавка остаётся в трее и продолжает отвечать покупателям, отправлять напоминания и принимать заказы.',
      notifyEachMessage: 'Уведомлять о каждом новом сообщении покупателя',
      openAtLogin: 'Запускать Лавку при входе в систему (в трее, без окна)',
      browser: 'Браузер для WhatsApp',
      browserAuto: 'Найден автоматически',
      browserChoose: 'Выбрать…',
      browserClear: 'Искать автоматически',
    },
    about: {
      title: 'О программе',
      version: 'Версия {{version}}',
      dataFolder: 'Папка с данными',
      openLogs: 'Открыть папку с журналами',
      openData: 'Открыть папку с данными',
    },
    tray: {
      tooltip: 'Лавка',
      open: 'Открыть Лавку',
      unread_one: '{{count}} непрочитанный разговор',
      unread_few: '{{count}} непрочитанных разговора',
      unread_many: '{{count}} непрочитанных разговоров',
      unread_other: '{{count}} непрочитанных разговоров',
      needsYou_one: '{{count}} ждёт вас',
      needsYou_few: '{{count}} ждут вас',
      needsYou_many: '{{count}} ждут вас',
      needsYou_other: '{{count}} ждут вас',
      pause: 'Приостановить автоответы',
      quit: 'Выйти из Лавки',
    },
    notify: {
      message: 'Новое сообщение от {{name}}',
      escalation: 'Покупателю нужны вы',
      order: 'Новый заказ №{{number}}',
      orderBody: '{{name}}: {{total}}',
      stillRunning: 'Лавка продолжает работать',
      stillRunningBody: 'Она отвечает покупателям из трея. Чтобы выйти, выберите «Выйти из Лавки» в меню трея.',
    },
    startFailed: {
      title: 'Лавка не смогла запуститься',
      logHint: 'Подробности в журнале: {{file}}',
    },
  },
};

export default bundle;
