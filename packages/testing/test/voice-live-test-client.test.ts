import { createServer } from 'node:http';
import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';

import { refusedUpgrade } from '../src/refused-upgrade.js';
import { connectVoiceLiveClient } from '../src/voice-live-test-client.js';

// A real server: upgrades on /voice-live/realtime with an api-key header, refuses anything else
// with 401 and a JSON body; greets with two events, then echoes each client frame back as an event.
let http: Server;
let baseUrl: string;
const requests: IncomingMessage[] = [];
beforeAll(async () => {
  const wss = new WebSocketServer({ noServer: true });
  http = createServer();
  http.on('upgrade', (request, socket, head) => {
    requests.push(request);
    const url = new URL(request.url ?? '/', 'http://x');
    if (url.pathname !== '/voice-live/realtime' || request.headers['api-key'] !== 'k') {
      socket.end(
        'HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\n\r\n{"error":"no key"}',
      );
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      ws.send(JSON.stringify({ type: 'session.created', n: 1 }));
      ws.send(JSON.stringify({ type: 'session.created', n: 2 }));
      ws.on('message', (data, isBinary) =>
        ws.send(
          JSON.stringify({
            type: 'echo',
            text: isBinary ? 'binary' : (data as Buffer).toString('utf8'),
          }),
        ),
      );
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
});
afterAll(() => {
  http.closeAllConnections();
  http.close();
});

const headers = { 'api-key': 'k' };

describe('connectVoiceLiveClient', () => {
  it('connects with the default path and query, and awaits events in order, each once', async () => {
    const client = await connectVoiceLiveClient(baseUrl, { headers });
    const url = new URL(requests.at(-1)?.url ?? '', 'http://x');
    expect(url.pathname).toBe('/voice-live/realtime');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      'api-version': '2025-10-01',
      model: 'gpt-realtime',
    });
    expect((await client.next('session.created')).n).toBe(1);
    expect((await client.next('session.created')).n).toBe(2);
    client.send({ type: 'ping' });
    client.sendRaw('not json');
    client.sendRaw(Buffer.from([1, 2]));
    expect((await client.until((e) => e.type === 'echo')).text).toBe('{"type":"ping"}');
    expect((await client.next('echo')).text).toBe('not json');
    expect((await client.next('echo')).text).toBe('binary');
    expect(client.types()).toEqual(['session.created', 'session.created', 'echo', 'echo', 'echo']);
    await client.close();
    expect(await client.closed).toEqual({ code: 1000, reason: '' });
  });

  it('rejects a wait that times out, naming the events received so far', async () => {
    const client = await connectVoiceLiveClient(baseUrl, { headers, query: { model: 'm' } });
    expect(new URL(requests.at(-1)?.url ?? '', 'http://x').search).toBe('?model=m');
    await client.next('session.created');
    await client.next('session.created');
    await expect(client.next('response.done', 50)).rejects.toThrow(
      'timed out; events so far: session.created, session.created',
    );
    await client.close();
  });

  it('rejects when the upgrade is refused', async () => {
    await expect(connectVoiceLiveClient(baseUrl)).rejects.toThrow(/401/);
  });
});

describe('refusedUpgrade', () => {
  it('resolves with the status and body of a refusal, sending no default query', async () => {
    expect(await refusedUpgrade(baseUrl, { path: '/elsewhere', headers })).toEqual({
      status: 401,
      body: '{"error":"no key"}',
    });
    expect(requests.at(-1)?.url).toBe('/elsewhere');
  });

  it('rejects when the upgrade is accepted', async () => {
    await expect(refusedUpgrade(baseUrl, { headers })).rejects.toThrow('upgrade was accepted');
  });
});
