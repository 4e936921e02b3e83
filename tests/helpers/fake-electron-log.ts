// A silent stand-in for 'electron-log/main', for tests that run the real shell: `vi.mock('electron-log/main', () =>
// import('../helpers/fake-electron-log'))`. It accepts every call the shell makes and writes nothing.
const noop = () => {};

export default {
  transports: { file: {} },
  errorHandler: { startCatching: noop },
  scope: () => ({ info: noop, warn: noop }),
  info: noop,
  warn: noop,
  error: noop,
};
