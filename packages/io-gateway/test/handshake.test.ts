import { connectVoiceLiveClient, eventually, refusedUpgrade } from '@voxd/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Transport } from '@voxd/core';
import { createVoiceLiveTransport } from '@voxd/voicelive';

import type { Gateway } from '../src/gateway-options.js';
import { startGateway } from '../src/start-gateway.js';
import type { Stack } from './stack.js';
import {
  AGENT_SESSION,
  CLIENT_QUERY,
  GATEWAY_KEY,
  GATEWAY_TOKEN,
  startStack,
  UPSTREAM_KEY,
} from './stack.js';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ maxSessions: 2 });
});
afterAll(() => stack.close());

describe('client authentication before the upgrade', () => {
  it('answers a wrong key with 401 JSON and opens no upstream', async () => {
    const before = stack.upstreams();
    const result = await refusedUpgrade(stack.gateway.url, {
      query: CLIENT_QUERY,
      headers: { 'api-key': 'not-the-key' },
    });
    expect(result.status).toBe(401);
    expect(JSON.parse(result.body)).toEqual({
      error: { code: 'Unauthorized', message: expect.stringContaining('not valid') },
    });
    expect(stack.upstreams()).toBe(before);
  });

  it('answers missing credentials with 401 naming what to send', async () => {
    const result = await refusedUpgrade(stack.gateway.url, { query: CLIENT_QUERY });
    expect(result.status).toBe(401);
    expect(result.body).toContain('missing credentials');
  });

  it('does not take the upstream (Azure) key as a client credential', async () => {
    const result = await refusedUpgrade(stack.gateway.url, {
      query: CLIENT_QUERY,
      headers: { 'api-key': UPSTREAM_KEY },
    });
    expect(result.status).toBe(401);
  });

  it('answers a missing api-version with 400 and a wrong path with 404', async () => {
    const noVersion = await refusedUpgrade(stack.gateway.url, {
      query: { model: 'gpt-realtime' },
      headers: { 'api-key': GATEWAY_KEY },
    });
    expect(noVersion.status).toBe(400);
    expect(JSON.parse(noVersion.body).error.code).toBe('MissingApiVersion');
    const wrongPath = await refusedUpgrade(stack.gateway.url, {
      path: '/openai/realtime',
      query: CLIENT_QUERY,
      headers: { 'api-key': GATEWAY_KEY },
    });
    expect(wrongPath.status).toBe(404);
  });

  it('accepts every credential form Voice Live accepts', async () => {
    const forms = [
      { headers: { 'api-key': GATEWAY_KEY } },
      { query: { ...CLIENT_QUERY, 'api-key': GATEWAY_KEY } },
      { headers: { authorization: `Bearer ${GATEWAY_TOKEN}` } },
      { query: { ...CLIENT_QUERY, authorization: `Bearer ${GATEWAY_TOKEN}` } },
    ];
    for (const form of forms) {
      const client = await connectVoiceLiveClient(stack.gateway.url, {
        query: CLIENT_QUERY,
        ...form,
      });
      const created = await client.next('session.created');
      expect(created.session.instructions).toBe(AGENT_SESSION.instructions);
      await client.close();
    }
  });

  it('answers upgrades over maxSessions with 503 and accepts again once one closes', async () => {
    const a = await connectVoiceLiveClient(stack.gateway.url, {
      headers: { 'api-key': GATEWAY_KEY },
    });
    const b = await connectVoiceLiveClient(stack.gateway.url, {
      headers: { 'api-key': GATEWAY_KEY },
    });
    await Promise.all([a.next('session.created'), b.next('session.created')]);
    const refused = await refusedUpgrade(stack.gateway.url, {
      query: CLIENT_QUERY,
      headers: { 'api-key': GATEWAY_KEY },
    });
    expect(refused.status).toBe(503);
    expect(refused.body).toContain('limit of 2 sessions');
    await a.close();
    await eventually(() => stack.gateway.activeSessions() === 1, 'one gateway session');
    const c = await connectVoiceLiveClient(stack.gateway.url, {
      headers: { 'api-key': GATEWAY_KEY },
    });
    await c.next('session.created');
    await Promise.all([b.close(), c.close()]);
  });
});

describe('what createUpstream sees', () => {
  let gateway: Gateway;
  const queries: URLSearchParams[] = [];
  beforeAll(async () => {
    gateway = await startGateway({
      port: 0,
      auth: { apiKeys: [GATEWAY_KEY], bearerTokens: [GATEWAY_TOKEN] },
      session: AGENT_SESSION,
      createUpstream: ({ query }): Transport => {
        queries.push(query);
        return createVoiceLiveTransport({
          endpoint: stack.local.url,
          target: { model: 'gpt-realtime' },
          auth: { type: 'api-key', key: UPSTREAM_KEY },
          reconnect: { maxAttempts: 0 },
        });
      },
    });
  });
  afterAll(() => gateway.close());

  it('gets the client query without the client credentials', async () => {
    const client = await connectVoiceLiveClient(gateway.url, {
      query: {
        ...CLIENT_QUERY,
        'api-key': GATEWAY_KEY,
        authorization: `Bearer ${GATEWAY_TOKEN}`,
      },
    });
    await client.next('session.created');
    expect(queries).toHaveLength(1);
    const query = queries[0];
    expect(query?.get('model')).toBe('gpt-realtime');
    expect(query?.get('api-version')).toBe('2025-10-01');
    expect(query?.has('api-key')).toBe(false);
    expect(query?.has('authorization')).toBe(false);
    await client.close();
  });
});

describe('options', () => {
  it('refuses a gateway without any client credential (no open mode)', async () => {
    await expect(
      startGateway({
        port: 0,
        auth: { apiKeys: [], bearerTokens: [] },
        session: AGENT_SESSION,
        createUpstream: () => {
          throw new Error('not called');
        },
      }),
    ).rejects.toMatchObject({ code: 'E_GATEWAY_OPTIONS' });
  });
});
