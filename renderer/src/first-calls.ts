// Its own small entry script (electron.vite.config.ts), run as soon as it arrives — before the browser has even
// compiled the main bundle: the first inbox screen's API calls go out now, and the stores' own calls take their
// answers (api.ts callEarly). Keep it tiny: it imports only api.ts and the inbox's query shape. The desktop window
// waits for its core process instead (callEarly does nothing there).
import { callEarly } from './api';
import { firstPageInput } from './stores/inbox-query';

callEarly('backup.status'); // whether the database needs recovery (RecoveryGate)
callEarly('backup.list');
callEarly('app.info');
callEarly('settings.get');
callEarly('inbox.list', firstPageInput());
