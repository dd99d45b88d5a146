import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { join } from 'node:path';

import { startLocalServer } from '@voxd/local-server';
import { connectVoiceLiveClient } from '@voxd/testing';
import { afterEach, describe, expect, it } from 'vitest';

import { tempDir } from './cli-harness.js';
import { agents, get, killDaemons, startDaemon, waitFor, writeWavAgent } from './daemon-harness.js';

afterEach(killDaemons);

/** An Azure-style key: 32 hex digits, unique per run so a hit cannot be a coincidence. */
const azureKey = (): string => randomBytes(16).toString('hex');

function remote(endpoint: string, auth: string[]): string {
  return [
    'connection:',
    `  endpoint: ${endpoint}`,
    '  model: gpt-realtime',
    '  auth:',
    ...auth,
  ].join('\n');
}

describe('voxd daemon: secrets', () => {
  it('no key or token (header, query, Entra bearer, gateway client) appears in logs, banner, /agents, /readyz or errors at debug level', async () => {
    const headerKey = azureKey();
    const queryKey = azureKey();
    const wrongQueryKey = azureKey();
    const entraToken = `eyJ${randomBytes(48).toString('base64url')}`;
    const identityHeader = azureKey();
    const gatewayKey = azureKey();
    const gatewayBearer = azureKey();
    const wrongClientKey = azureKey();
    const secrets = {
      headerKey,
      queryKey,
      wrongQueryKey,
      entraToken,
      identityHeader,
      gatewayKey,
      gatewayBearer,
      wrongClientKey,
    };

    await using dir = await tempDir();
    await using server = await startLocalServer({
      port: 0,
      apiKeys: [headerKey, queryKey],
      bearerTokens: [entraToken],
      responder: 'tone',
      pace: 'asap',
    });
    const ws = server.url.replace(/^http/, 'ws');
    // An App Service managed-identity endpoint on loopback: DefaultAzureCredential gets the Entra
    // token from it, as it would on Azure.
    const identityCalls: string[] = [];
    const identity = createServer((request, response) => {
      identityCalls.push(request.url ?? '');
      if (request.headers['x-identity-header'] !== identityHeader) {
        response.writeHead(401).end();
        return;
      }
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end(
        JSON.stringify({
          access_token: entraToken,
          expires_on: String(Math.floor(Date.now() / 1000) + 3600),
          resource: 'https://ai.azure.com',
          token_type: 'Bearer',
        }),
      );
    });
    await new Promise<void>((resolve) => identity.listen(0, '127.0.0.1', resolve));
    const address = identity.address();
    const identityPort = typeof address === 'object' && address !== null ? address.port : 0;

    const once = 'daemon:\n  restart: never';
    await writeWavAgent(dir.path, 'by-header', {
      connection: remote(ws, ['    type: api-key', `    key: ${headerKey}`, '    in: header']),
      extra: once,
    });
    await writeWavAgent(dir.path, 'by-query', {
      connection: remote(ws, ['    type: api-key', `    key: ${queryKey}`, '    in: query']),
      extra: once,
    });
    await writeWavAgent(dir.path, 'by-entra', {
      connection: remote(ws, ['    type: entra']),
      extra: once,
    });
    // Refused by the server: its failure is logged, counted and shown in /agents and /readyz.
    await writeWavAgent(dir.path, 'wrong-query', {
      connection: remote(ws, ['    type: api-key', `    key: ${wrongQueryKey}`, '    in: query']),
      extra: 'daemon:\n  restart: on-failure\n  restart_delay_ms: 200',
    });
    await writeFile(
      join(dir.path, 'desk.yaml'),
      [
        'name: desk',
        remote(ws, ['    type: api-key', `    key: ${headerKey}`]),
        'session:',
        '  instructions: You are the desk.',
        'source:',
        '  type: gateway',
        '  port: 0',
        `  api_keys: [${gatewayKey}]`,
        `  bearer_tokens: [${gatewayBearer}]`,
        '',
      ].join('\n'),
    );

    const daemon = await startDaemon([dir.path, '--log-level', 'debug'], {
      cwd: dir.path,
      env: {
        IDENTITY_ENDPOINT: `http://127.0.0.1:${identityPort}/msi/token`,
        IDENTITY_HEADER: identityHeader,
      },
    });
    const seen: string[] = [daemon.stdout()];
    try {
      // Every credential is really used: the good agents finish their session, the bad one fails.
      const list = await waitFor(
        async () => {
          const all = await agents(daemon.adminUrl);
          const done = ['by-header', 'by-query', 'by-entra'].every(
            (name) => all.find((a) => a.name === name)?.state === 'done',
          );
          const failed = (all.find((a) => a.name === 'wrong-query')?.sessionsFailed ?? 0) >= 2;
          return done && failed ? all : undefined;
        },
        60_000,
        () => daemon.stderr(),
      );
      for (const name of ['by-header', 'by-query', 'by-entra'])
        expect(list.find((a) => a.name === name)).toMatchObject({ sessionsFailed: 0 });
      expect(list.find((a) => a.name === 'wrong-query')?.lastError).toBeDefined();
      expect(identityCalls.length).toBeGreaterThan(0);

      // Gateway clients: key in the header, key in the query, bearer token; and a wrong key.
      const desk = list.find((a) => a.name === 'desk')?.url ?? '';
      for (const options of [
        { headers: { 'api-key': gatewayKey } },
        { query: { 'api-version': '2025-10-01', model: 'gpt-realtime', 'api-key': gatewayKey } },
        { headers: { authorization: `Bearer ${gatewayBearer}` } },
      ]) {
        const client = await connectVoiceLiveClient(desk, options);
        expect((await client.next('session.created')).type).toBe('session.created');
        await client.close();
      }
      await expect(
        connectVoiceLiveClient(desk, {
          query: { 'api-version': '2025-10-01', model: 'gpt-realtime', 'api-key': wrongClientKey },
        }),
      ).rejects.toThrow(/401/);

      for (const path of ['/agents', '/readyz', '/metrics', '/healthz', '/nope'])
        seen.push((await get(`${daemon.adminUrl}${path}`)).text);
    } finally {
      daemon.child.kill('SIGTERM');
      await daemon.exited;
      await new Promise<void>((resolve) => identity.close(() => resolve()));
    }
    seen.push(daemon.stdout(), daemon.stderr());
    const everything = seen.join('\n');
    // The failures were logged (with their errors): those lines are among those searched.
    expect(daemon.stderr()).toContain('"msg":"session failed","agent":"wrong-query"');
    for (const [name, secret] of Object.entries(secrets))
      expect(everything.includes(secret), `${name} leaked`).toBe(false);
  }, 180_000);
});
