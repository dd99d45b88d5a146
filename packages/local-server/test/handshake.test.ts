import { connectVoiceLiveClient, refusedUpgrade } from '@voxd/testing';
import type { VoiceLiveTestClientOptions } from '@voxd/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { LocalServer } from '../src/local-server.js';
import { startLocalServer } from '../src/local-server.js';

const base = { 'api-version': '2025-10-01', model: 'gpt-realtime' };
let server: LocalServer;
beforeAll(async () => {
  server = await startLocalServer({
    port: 0,
    pace: 'asap',
    responder: 'tone',
    apiKeys: ['k1'],
    bearerTokens: ['tok1'],
  });
});
afterAll(() => server.close());

async function opens(options: VoiceLiveTestClientOptions): Promise<string> {
  const client = await connectVoiceLiveClient(server.url, options);
  const created = await client.next('session.created');
  await client.close();
  return created.session.id as string;
}

describe('authentication (§1.2)', () => {
  it('accepts the api-key header', async () => {
    expect(await opens({ query: base, headers: { 'api-key': 'k1' } })).toMatch(/^sess_/);
  });
  it('accepts the api-key query parameter', async () => {
    expect(await opens({ query: { ...base, 'api-key': 'k1' } })).toMatch(/^sess_/);
  });
  it('accepts an Authorization: Bearer header', async () => {
    expect(await opens({ query: base, headers: { Authorization: 'Bearer tok1' } })).toMatch(
      /^sess_/,
    );
  });
  it('accepts the authorization query parameter with + or %20', async () => {
    expect(await opens({ query: { ...base, authorization: 'Bearer tok1' } })).toMatch(/^sess_/);
    const client = await connectVoiceLiveClient(server.url.replace('http', 'http'), {
      path: '/voice-live/realtime?api-version=2025-10-01&model=gpt-realtime&authorization=Bearer+tok1',
      query: {},
    });
    await client.next('session.created');
    await client.close();
  });
  it('rejects a wrong key with 401 and a JSON body before the upgrade', async () => {
    const { status, body } = await refusedUpgrade(server.url, {
      query: base,
      headers: { 'api-key': 'nope' },
    });
    expect(status).toBe(401);
    expect(JSON.parse(body)).toEqual({
      error: { code: 'Unauthorized', message: expect.any(String) },
    });
  });
  it('rejects missing credentials and a wrong bearer token with 401', async () => {
    expect((await refusedUpgrade(server.url, { query: base })).status).toBe(401);
    expect(
      (await refusedUpgrade(server.url, { query: base, headers: { Authorization: 'Bearer k1' } }))
        .status,
    ).toBe(401);
    expect(server.stats().rejectedUpgrades).toBeGreaterThanOrEqual(3);
  });
});

describe('handshake (§1.1, §1.3)', () => {
  it('requires api-version (400 JSON)', async () => {
    const { status, body } = await refusedUpgrade(server.url, {
      query: { model: 'gpt-realtime', 'api-key': 'k1' },
    });
    expect(status).toBe(400);
    expect(JSON.parse(body).error.message).toMatch(/api-version/);
  });
  it('requires a target (400 JSON)', async () => {
    const { status, body } = await refusedUpgrade(server.url, {
      query: { 'api-version': '2025-10-01', 'api-key': 'k1' },
    });
    expect(status).toBe(400);
    expect(JSON.parse(body).error.message).toMatch(/target/);
  });
  it('accepts an agent target, new and legacy spellings, and /voice-agent/realtime', async () => {
    const agent = {
      'api-version': '2025-10-01',
      'agent-name': 'a',
      'agent-project-name': 'p',
      'api-key': 'k1',
    };
    expect(await opens({ query: agent })).toMatch(/^sess_/);
    expect(
      await opens({ query: { 'api-version': '2025-10-01', agent_id: 'legacy', 'api-key': 'k1' } }),
    ).toMatch(/^sess_/);
    expect(
      await opens({ path: '/voice-agent/realtime', query: { ...base, 'api-key': 'k1' } }),
    ).toMatch(/^sess_/);
  });
  it('answers 404 on other paths', async () => {
    expect(
      (await refusedUpgrade(server.url, { path: '/realtime', query: { ...base, 'api-key': 'k1' } }))
        .status,
    ).toBe(404);
  });
  it('accepts unknown api-versions unless strict, and ignores unknown query parameters', async () => {
    expect(
      await opens({
        query: {
          ...base,
          'api-version': '2099-01-01',
          'api-key': 'k1',
          'x-ms-client-request-id': 'r',
        },
      }),
    ).toMatch(/^sess_/);
    await using strict = await startLocalServer({ port: 0, strictApiVersion: true });
    const { status } = await refusedUpgrade(strict.url, {
      query: { ...base, 'api-version': '2099-01-01' },
    });
    expect(status).toBe(400);
  });
  it('accepts the realtime subprotocol when offered and requires none', async () => {
    const client = await connectVoiceLiveClient(server.url, {
      query: { ...base, 'api-key': 'k1' },
      protocols: ['realtime'],
    });
    expect(client.ws.protocol).toBe('realtime');
    await client.next('session.created');
    await client.close();
  });
  it('is open to any credential or none when no keys or tokens are configured', async () => {
    await using open = await startLocalServer({ port: 0 });
    const client = await connectVoiceLiveClient(open.url, { query: base });
    await client.next('session.created');
    await client.close();
    expect(open.stats()).toMatchObject({ totalSessions: 1 });
  });
  it('closes sessions with 1001 when the server closes', async () => {
    const own = await startLocalServer({ port: 0 });
    const client = await connectVoiceLiveClient(own.url, { query: base });
    await client.next('session.created');
    expect(own.stats().activeSessions).toBe(1);
    await own.close();
    expect((await client.closed).code).toBe(1001);
  });
  it('refuses upgrades with 503 as an injected fault', async () => {
    await using faulty = await startLocalServer({ port: 0, faults: { refuseUpgrades: 1 } });
    expect((await refusedUpgrade(faulty.url, { query: base })).status).toBe(503);
    const client = await connectVoiceLiveClient(faulty.url, { query: base });
    await client.next('session.created');
    await client.close();
  });
});
