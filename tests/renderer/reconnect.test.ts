// A screen's or a language's code that could not be fetched while Lavka was restarting is fetched again once the
// connection is back — however long the restart takes — instead of leaving the owner with a broken page.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isChunkLoadError, retryAfterReconnect } from '../../renderer/src/reconnect';
import { FakeConnection } from '../helpers/fake-connection';

const chunkError = () => new TypeError('Failed to fetch dynamically imported module: http://127.0.0.1:4000/assets/Contacts-x.js');

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('loading a chunk across a restart', () => {
  it('waits while Lavka is down and loads once it is back', async () => {
    const conn = new FakeConnection(true);
    let serverUp = false;
    const load = vi.fn(async () => {
      if (!serverUp) throw chunkError();
      return 'screen';
    });
    let result: string | null = null;
    void retryAfterReconnect(load, conn.subscribe).then((r) => (result = r));
    await vi.advanceTimersByTimeAsync(100);
    conn.set(false); // the socket noticed the stopped server
    await vi.advanceTimersByTimeAsync(60_000); // a long restart: no attempt is spent while down
    expect(load).toHaveBeenCalledTimes(1);
    expect(result).toBeNull();
    serverUp = true;
    conn.set(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(result).toBe('screen');
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('gives up after a few tries while Lavka answers (a chunk an update removed will not come back)', async () => {
    const conn = new FakeConnection(true);
    const load = vi.fn(async () => {
      throw chunkError();
    });
    const outcome = retryAfterReconnect(load, conn.subscribe).catch((e: Error) => e);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(await outcome).toBeInstanceOf(TypeError);
    expect(load).toHaveBeenCalledTimes(3);
  });

  it('does not retry an error that is not about fetching code', async () => {
    const conn = new FakeConnection(true);
    const load = vi.fn(async () => {
      throw new Error('render failed');
    });
    await expect(retryAfterReconnect(load, conn.subscribe)).rejects.toThrow('render failed');
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('recognises how Chromium, Firefox, Safari and Vite word a failed chunk', () => {
    expect(isChunkLoadError(chunkError())).toBe(true);
    expect(isChunkLoadError(new TypeError('error loading dynamically imported module: app://lavka/assets/x.js'))).toBe(true);
    expect(isChunkLoadError(new TypeError('Importing a module script failed.'))).toBe(true);
    expect(isChunkLoadError(new Error('Unable to preload CSS for /assets/ReportsScreen.css'))).toBe(true);
    expect(isChunkLoadError(new Error('Cannot read properties of undefined'))).toBe(false);
  });
});
