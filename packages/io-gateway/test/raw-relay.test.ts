import { startLocalServer } from '@voxd/local-server';
import type { LocalServer } from '@voxd/local-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';

import type { Gateway } from '../src/gateway-options.js';
import { startGateway } from '../src/start-gateway.js';
import { createRawTransport } from './raw-transport.js';
import { AGENT_SESSION, CLIENT_QUERY, GATEWAY_KEY, UPSTREAM_KEY } from './stack.js';

let local: LocalServer;
let gateway: Gateway;
const transports: ReturnType<typeof createRawTransport>[] = [];
beforeAll(async () => {
  local = await startLocalServer({
    port: 0,
    apiKeys: [UPSTREAM_KEY],
    pace: 'asap',
    firstAudioMs: 0,
    responder: 'tts',
  });
  gateway = await startGateway({
    port: 0,
    auth: { apiKeys: [GATEWAY_KEY], bearerTokens: [] },
    session: { ...AGENT_SESSION, turn_detection: null },
    createUpstream: () => {
      const url = `${local.url.replace('http', 'ws')}/voice-live/realtime?api-version=2025-10-01&model=gpt-realtime`;
      const transport = createRawTransport(url, { 'api-key': UPSTREAM_KEY });
      transports.push(transport);
      return transport;
    },
  });
});
afterAll(async () => {
  await gateway.close();
  await local.close();
});

describe('relaying original frame text', () => {
  it('forwards client and upstream frames byte for byte when the transport offers raw paths', async () => {
    const url = new URL('/voice-live/realtime', gateway.url.replace('http', 'ws'));
    for (const [key, value] of Object.entries(CLIENT_QUERY)) url.searchParams.set(key, value);
    const ws = new WebSocket(url, { headers: { 'api-key': GATEWAY_KEY } });
    const frames: string[] = [];
    const done = new Promise<void>((resolve) =>
      ws.on('message', (data: Buffer) => {
        const text = data.toString('utf8');
        frames.push(text);
        if ((JSON.parse(text) as { type: string }).type === 'response.done') resolve();
      }),
    );
    await new Promise((resolve) => ws.once('open', resolve));
    // Unusual spacing and key order: a re-encoded frame would differ.
    const item = `{ "item": {"type":"message","role":"user","content":[{"type":"input_text","text":"Hi there"}]},  "type":"conversation.item.create" }`;
    ws.send(item);
    ws.send('{"type":"response.create"}');
    await done;
    const transport = transports[0];
    expect(transport?.sent).toContain(item);
    const audio = frames.filter((f) => f.includes('"response.audio.delta"'));
    expect(audio.length).toBeGreaterThan(0);
    for (const frame of audio) expect(transport?.received).toContain(frame);
    // The client's session.created is built by the gateway from the upstream's session.updated.
    expect(JSON.parse(frames[0] ?? '{}').type).toBe('session.created');
    ws.close();
  });
});
