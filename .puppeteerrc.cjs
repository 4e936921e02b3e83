// whatsapp-web.js brings puppeteer; Lavka drives an installed Chrome/Chromium instead of downloading one.
module.exports = { skipDownload: true };
