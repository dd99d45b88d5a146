import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { firstValueFrom, take, toArray } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';

import { createVoiceLiveTransport } from '../src/voice-live-transport.js';

/** A bare Voice Live stand-in on 127.0.0.1:0 that sends `frames` to each client. */
async function startServer(
  frames: readonly string[],
): Promise<{ url: string; close(): Promise<void> }> {
  const wss = new WebSocketServer({ noServer: true });
  const http = createServer((_request, response) => response.writeHead(404).end());
  http.on('upgrade', (request, socket, head) => {
    socket.on('error', () => undefined);
    wss.handleUpgrade(request, socket, head, (ws) => {
      for (const frame of frames) ws.send(frame);
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      for (const ws of wss.clients) ws.terminate();
      wss.close();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

let server: Awaited<ReturnType<typeof startServer>> | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('the transport parses server events leniently', { timeout: 20_000 }, () => {
  it('keeps a session.created whose voice and transcription model are newer than the reference', async () => {
    const created = {
      type: 'session.created',
      event_id: 'event_1',
      session: {
        id: 'sess_1',
        object: 'realtime.session',
        model: 'gpt-realtime',
        voice: { type: 'openai', name: 'juniper' },
        input_audio_transcription: { model: 'gpt-5-transcribe' },
      },
    };
    // Open-ended fields only: a status outside the protocol's own enum stays malformed.
    const done = {
      type: 'response.done',
      event_id: 'event_2',
      response: { id: 'resp_1', status: 'paused', output: [] },
    };
    server = await startServer([JSON.stringify(created), JSON.stringify(done)]);
    const transport = createVoiceLiveTransport({
      endpoint: server.url,
      target: { model: 'gpt-realtime' },
      auth: { type: 'api-key', key: 'k' },
      reconnect: { maxAttempts: 0 },
    });
    const messages = await firstValueFrom(transport.messages$.pipe(take(2), toArray()));
    transport.close();
    expect(messages[0]).toMatchObject({
      kind: 'event',
      event: {
        type: 'session.created',
        session: {
          voice: { name: 'juniper' },
          input_audio_transcription: { model: 'gpt-5-transcribe' },
        },
      },
      text: JSON.stringify(created),
    });
    expect(messages[1]).toMatchObject({ kind: 'malformed' });
    expect(messages[1]?.kind === 'malformed' ? messages[1].reason : '').toContain(
      '"response.status"',
    );
  });
});
