// The core names a stable reason next to its English message, so the UI can word a failure in the owner's language:
// library text ("getaddrinfo ENOTFOUND …") becomes a reason in the error envelope and in a channel's status.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { dispatch } from '../../../main/core/api/dispatch';
import { method, mergeMethods, nothing } from '../../../main/core/api/define';
import { AppError } from '../../../main/core/errors';
import { ChannelHub } from '../../../main/core/channels/hub';
import { EventBus } from '../../../main/core/events';
import type { Channel } from '../../../main/core/channels/channel';

const failing = (err: Error) => mergeMethods({ 'test.fail': method(z.object({}), nothing, async () => Promise.reject(err)) });

describe('error envelope reasons', () => {
  it('recognises library text in an AppError message', async () => {
    const r = await dispatch(
      failing(new AppError('channel_unavailable', 'Could not check the token: getaddrinfo ENOTFOUND api.telegram.org')),
      'test.fail',
      {},
    );
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'channel_unavailable', reason: 'network_offline', params: { host: 'api.telegram.org' } },
    });
  });

  it('passes a reason the service named, with its parameters', async () => {
    const err = new AppError(
      'assistant_unavailable',
      'Ollama is not running at http://127.0.0.1:11434.',
      { kind: 'unreachable' },
      { reason: 'ollama_not_running', params: { host: 'http://127.0.0.1:11434' } },
    );
    const r = await dispatch(failing(err), 'test.fail', {});
    expect(r).toMatchObject({
      ok: false,
      error: { reason: 'ollama_not_running', params: { host: 'http://127.0.0.1:11434' }, details: { kind: 'unreachable' } },
    });
  });

  it('adds no reason to a sentence it does not know', async () => {
    const r = await dispatch(failing(new AppError('conflict', 'Order #1004 is already placed')), 'test.fail', {});
    expect(!r.ok && r.error.reason).toBeUndefined();
  });
});

describe('channel status reasons', () => {
  it('a channel that fails to start with a DNS error reports network_offline with the host', async () => {
    const hub = new ChannelHub(new EventBus(), {
      receive: () => ({ stored: false }),
      receiveMany: () => [],
      ack: () => undefined,
      changed: () => undefined,
    });
    const channel: Channel = {
      id: 'telegram',
      start: async () => Promise.reject(new Error('getaddrinfo ENOTFOUND api.telegram.org')),
      stop: async () => undefined,
      send: async () => ({ externalId: 'x' }),
    };
    await hub.add(channel);
    expect(hub.status('telegram')).toMatchObject({
      state: 'error',
      reason: 'network_offline',
      params: { host: 'api.telegram.org' },
      detail: 'getaddrinfo ENOTFOUND api.telegram.org',
    });
  });
});
