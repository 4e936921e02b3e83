// Strings for the database check line in Settings → Backups (a new bundle: the older strings.ts files are being
// converted to locale JSON elsewhere).
import type { StringBundle } from '../../i18n/types';

const bundle: StringBundle = {
  ns: 'integrity',
  en: {
    never: 'Database check: not run yet. Lavka checks its data after an unexpected shutdown and once a week, in the background.',
    running: 'Checking the database in the background…',
    ok: 'Database check: all fine ({{when}}).',
    damaged: 'Database check ({{when}}) found damage: {{detail}}. Restart Lavka to set the damaged file aside and restore a backup.',
    failed: 'The database check could not run ({{when}}): {{detail}}',
    next: 'Next check: {{when}}',
  },
  ru: {
    never: 'Проверка базы ещё не выполнялась. Lavka проверяет данные после неожиданного выключения и раз в неделю, в фоне.',
    running: 'Идёт проверка базы в фоне…',
    ok: 'Проверка базы: всё в порядке ({{when}}).',
    damaged: 'Проверка базы ({{when}}) нашла повреждение: {{detail}}. Перезапустите Lavka, чтобы отложить повреждённый файл и восстановить копию.',
    failed: 'Проверку базы не удалось выполнить ({{when}}): {{detail}}',
    next: 'Следующая проверка: {{when}}',
  },
};

export default bundle;
