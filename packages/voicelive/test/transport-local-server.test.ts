import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/core-auth';
import type { LocalServer } from '@voxd/local-server';
import { startLocalServer } from '@voxd/local-server';
import { eventually } from '@voxd/testing';
import { afterEach, describe, expect, it } from 'vitest';

import { createEntraTokenProvider } from '../src/entra-token-provider.js';
import { TransportError } from '../src/transport-error.js';
import { createVoiceLiveTransport } from '../src/voice-live-transport.js';
import type { VoiceLiveOptions } from '../src/voice-live-options.js';
import { eventTypes, observe } from './observe.js';

/** A real TokenCredential that issues one fixed token and remembers the scopes asked for. */
class FixedTokenCredential implements TokenCredential {
  readonly scopes: (string | string[])[] = [];
  constructor(private readonly token: string) {}
  getToken(scopes: string | string[], _options?: GetTokenOptions): Promise<AccessToken | null> {
    this.scopes.push(scopes);
    return Promise.resolve({ token: this.token, expiresOnTimestamp: Date.now() + 3_600_000 });
  }
}

let server: LocalServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(options: Parameters<typeof startLocalServer>[0] = {}): Promise<LocalServer> {
  server = await startLocalServer({
    port: 0,
    apiKeys: ['local-key-1'],
    bearerTokens: ['entra-token-1'],
    responder: 'tone',
    pace: 'asap',
    firstAudioMs: 0,
    ...options,
  });
  return server;
}

function transportFor(url: string, options: Partial<VoiceLiveOptions> = {}) {
  return createVoiceLiveTransport({
    endpoint: url,
    target: { model: 'gpt-realtime' },
    auth: { type: 'api-key', key: 'local-key-1' },
    reconnect: { maxAttempts: 3, initialDelayMs: 10, maxDelayMs: 50, jitter: 0 },
    ...options,
  });
}

// Real sockets on a shared, noisy machine: a generous per-test bound; tests normally take well under 1 s.
describe(
  'createVoiceLiveTransport against the local Voice Live server',
  { timeout: 20_000 },
  () => {
    it('runs a session: created, updated, a whole response', async () => {
      const { url } = await start();
      const transport = transportFor(url);
      const seen = observe(transport);
      await eventually(
        () => eventTypes(seen.messages).includes('session.created'),
        'session.created',
      );
      expect(seen.messages[0]).toMatchObject({
        kind: 'event',
        event: { type: 'session.created', session: { model: 'gpt-realtime' } },
      });
      transport.send({
        type: 'session.update',
        session: { instructions: 'Be brief.', turn_detection: null },
      });
      transport.send({
        type: 'conversation.item.create',
        item: { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Hello' }] },
      });
      transport.send({ type: 'response.create' });
      await eventually(() => eventTypes(seen.messages).includes('response.done'), 'response.done');
      const types = eventTypes(seen.messages);
      expect(types.slice(0, 3)).toEqual([
        'session.created',
        'session.updated',
        'conversation.item.created',
      ]);
      expect(types.indexOf('response.created')).toBeLessThan(types.indexOf('response.audio.delta'));
      expect(types.at(-1)).toBe('response.done');
      expect(seen.messages.every((m) => m.kind === 'event')).toBe(true);
      seen.subscription.unsubscribe();
    });

    it('accepts the key in the query too, and reaches an agent by name and project', async () => {
      const { url } = await start();
      const transport = transportFor(url, {
        target: { agent: { name: 'concierge', project: 'hotel' } },
        auth: { type: 'api-key', key: 'local-key-1', in: 'query' },
      });
      const seen = observe(transport);
      await eventually(() => seen.messages.length >= 1, 'session.created');
      expect(seen.messages[0]).toMatchObject({
        event: {
          type: 'session.created',
          session: { agent: { type: 'agent', name: 'concierge' } },
        },
      });
      seen.subscription.unsubscribe();
    });

    it('authenticates with an Entra token from a TokenCredential (scope ai.azure.com)', async () => {
      const { url } = await start();
      const credential = new FixedTokenCredential('entra-token-1');
      const transport = transportFor(url, {
        auth: { type: 'token', getToken: createEntraTokenProvider(credential) },
      });
      const seen = observe(transport);
      await eventually(() => seen.messages.length >= 1, 'session.created');
      expect(eventTypes(seen.messages)).toEqual(['session.created']);
      expect(credential.scopes).toEqual(['https://ai.azure.com/.default']);
      seen.subscription.unsubscribe();
    });

    it('a wrong key is a fatal 401 with the server message and no retry', async () => {
      const local = await start();
      const transport = transportFor(local.url, { auth: { type: 'api-key', key: 'wrong-key-9' } });
      const seen = observe(transport);
      const error = await seen.ended;
      expect(error).toBeInstanceOf(TransportError);
      expect(error).toMatchObject({ code: 'E_TRANSPORT_AUTH', retryable: false, httpStatus: 401 });
      expect((error as Error).message).toContain(
        'Unauthorized: the API key or bearer token is not valid',
      );
      expect((error as Error).message).not.toContain('wrong-key-9');
      expect(local.stats().rejectedUpgrades).toBe(1);
      expect(seen.statuses.map((s) => s.type)).toEqual(['connecting', 'closed']);
    });

    it('a wrong token is a fatal 401 too', async () => {
      const { url } = await start();
      const transport = transportFor(url, {
        auth: {
          type: 'token',
          getToken: createEntraTokenProvider(new FixedTokenCredential('nope-token')),
        },
      });
      const error = await observe(transport).ended;
      expect(error).toMatchObject({ code: 'E_TRANSPORT_AUTH', retryable: false });
    });

    it('reconnects when the server drops the socket and a new session flows', async () => {
      const local = await start({ faults: { dropAfterEvents: 1 } });
      const transport = transportFor(local.url);
      const seen = observe(transport);
      await eventually(() => seen.messages.length >= 2, 'two sessions');
      const ids = seen.messages.map((m) =>
        m.kind === 'event' && m.event.type === 'session.created' ? m.event.session.id : m.kind,
      );
      expect(ids[0]).not.toBe(ids[1]);
      expect(ids.every((id) => id.startsWith('sess_'))).toBe(true);
      const kinds = seen.statuses.map((s) => s.type);
      expect(kinds.slice(0, 5)).toEqual([
        'connecting',
        'open',
        'reconnecting',
        'connecting',
        'open',
      ]);
      expect(seen.statuses[2]).toMatchObject({ attempt: 1, delayMs: 10 });
      seen.subscription.unsubscribe();
    });

    it('retries refused upgrades (503) and then connects', async () => {
      const local = await start({ faults: { refuseUpgrades: 2 } });
      const transport = transportFor(local.url);
      const seen = observe(transport);
      await eventually(() => seen.messages.length >= 1, 'session.created');
      expect(seen.statuses.filter((s) => s.type === 'reconnecting').map((s) => s.attempt)).toEqual([
        1, 2,
      ]);
      expect(local.stats().rejectedUpgrades).toBe(2);
      seen.subscription.unsubscribe();
    });
  },
);
