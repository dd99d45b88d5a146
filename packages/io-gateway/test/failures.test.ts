import { connectVoiceLiveClient, eventually } from '@voxd/testing';
import type { VoiceLiveTestClient } from '@voxd/testing';
import { afterEach, describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';

import type { Stack, StackOptions } from './stack.js';
import { AGENT_SESSION, CLIENT_HEADERS, CLIENT_QUERY, startStack } from './stack.js';

const MANUAL = { ...AGENT_SESSION, turn_detection: null };
let stack: Stack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

async function open(options: StackOptions): Promise<{ stack: Stack; client: VoiceLiveTestClient }> {
  stack = await startStack(options);
  const client = await connectVoiceLiveClient(stack.gateway.url, {
    query: CLIENT_QUERY,
    headers: CLIENT_HEADERS,
  });
  await client.next('session.created');
  return { stack, client };
}

function askFor(client: VoiceLiveTestClient, text: string): void {
  client.send({
    type: 'conversation.item.create',
    item: { type: 'message', role: 'user', content: [{ type: 'input_text', text }] },
  });
  client.send({ type: 'response.create', response: { cancel_previous: false } });
}

/** The client socket's TCP stream, to stop reading as a stalled client does. */
function tcpOf(client: VoiceLiveTestClient): { pause(): void; resume(): void } {
  return (client.ws as WebSocket & { _socket: { pause(): void; resume(): void } })._socket;
}

describe('a slow client', () => {
  it('is closed with 1008 once its unread bytes pass clientBufferBytes; the gateway stays healthy', async () => {
    const { stack, client } = await open({ session: MANUAL, clientBufferBytes: 256 * 1024 });
    tcpOf(client).pause();
    const session = stack.sessions[0];
    // Each 48 KiB item comes back in conversation.item.created: the client's kernel buffers
    // (a few MiB on loopback) fill, then the gateway's queue passes the limit.
    const text = 'x'.repeat(48 * 1024);
    for (let i = 0; i < 400 && stack.gateway.activeSessions() > 0; i++) {
      client.send({
        type: 'conversation.item.create',
        item: { type: 'message', role: 'user', content: [{ type: 'input_text', text }] },
      });
      if (i % 20 === 19) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await expect(session?.closed).resolves.toEqual({ code: 1008, reason: 'client too slow' });
    const events = stack.events.get(session?.id ?? '') ?? [];
    expect(events.slice(-2)).toEqual([
      expect.objectContaining({
        type: 'session.error',
        recoverable: false,
        code: 'E_GATEWAY_CLIENT',
      }),
      expect.objectContaining({ type: 'session.closed', reason: 'error' }),
    ]);
    expect(stack.gateway.activeSessions()).toBe(0);
    // The stalled client reads again: what was queued, then the close frame.
    tcpOf(client).resume();
    expect((await client.closed).code).toBe(1008);
    const next = await connectVoiceLiveClient(stack.gateway.url, {
      query: CLIENT_QUERY,
      headers: CLIENT_HEADERS,
    });
    await next.next('session.created');
    await next.close();
  });
});

describe('upstream failures', () => {
  it('tells the client with an error event and closes it with 1011 when the upstream drops mid-response', async () => {
    const { stack, client } = await open({
      session: MANUAL,
      local: { faults: { dropAfterEvents: 9 } },
    });
    askFor(client, 'Tell me about the sea.');
    await client.next('response.created');
    const error = await client.next('error');
    expect(error.error).toMatchObject({ type: 'server_error', code: 'upstream_unavailable' });
    const closed = await client.closed;
    expect(closed.code).toBe(1011);
    expect(closed.reason).toMatch(/^upstream: /);
    expect(client.types()).not.toContain('response.done');
    const session = stack.sessions[0];
    const events = stack.events.get(session?.id ?? '') ?? [];
    await eventually(() => events.at(-1)?.type === 'session.closed', 'the gateway session closed');
    expect(events.slice(-2)).toEqual([
      expect.objectContaining({
        type: 'session.error',
        recoverable: false,
        code: 'E_GATEWAY_UPSTREAM',
      }),
      expect.objectContaining({ type: 'session.closed', reason: 'error' }),
    ]);
    expect(stack.gateway.activeSessions()).toBe(0);
    await eventually(
      () => stack.local.stats().activeSessions === 0,
      'no session left on the local server',
    );
  });

  it('closes the client with 1011 before session.created when the upstream refuses voxd', async () => {
    stack = await startStack({ local: { apiKeys: ['some-other-key'] } });
    const client = await connectVoiceLiveClient(stack.gateway.url, {
      query: CLIENT_QUERY,
      headers: CLIENT_HEADERS,
    });
    const closed = await client.closed;
    expect(closed.code).toBe(1011);
    expect(closed.reason).toMatch(/^upstream: /);
    // Nothing reached the client: the SDK would drop anything before session.created anyway.
    expect(client.events).toEqual([]);
    // voxd's upstream credentials never reach the client, not even in the close reason.
    expect(closed.reason).not.toContain('upstream-azure-key');
    expect(stack.gateway.activeSessions()).toBe(0);
  });

  it('closes the client with 1011 when the agent session is refused upstream', async () => {
    stack = await startStack({
      session: { ...AGENT_SESSION, temperature: 9 },
    });
    const client = await connectVoiceLiveClient(stack.gateway.url, {
      query: CLIENT_QUERY,
      headers: CLIENT_HEADERS,
    });
    const closed = await client.closed;
    expect(closed.code).toBe(1011);
    expect(closed.reason).toContain('agent session was refused');
    expect(client.events).toEqual([]);
  });
});

describe('session limits', () => {
  it('closes an idle session with 1000 and one over its duration with 1001', async () => {
    stack = await startStack({ idleTimeoutMs: 200 });
    const idle = await connectVoiceLiveClient(stack.gateway.url, {
      query: CLIENT_QUERY,
      headers: CLIENT_HEADERS,
    });
    await idle.next('session.created');
    expect(await idle.closed).toEqual({ code: 1000, reason: 'idle timeout' });
    await stack.close();

    stack = await startStack({ maxSessionDurationMs: 300 });
    const long = await connectVoiceLiveClient(stack.gateway.url, {
      query: CLIENT_QUERY,
      headers: CLIENT_HEADERS,
    });
    expect(await long.closed).toEqual({ code: 1001, reason: 'session duration limit reached' });
  });
});

describe('drain', () => {
  it('refuses new upgrades, lets the response in flight finish, then closes with 1001', async () => {
    const { stack, client } = await open({ session: MANUAL });
    const idle = await connectVoiceLiveClient(stack.gateway.url, {
      query: CLIENT_QUERY,
      headers: CLIENT_HEADERS,
    });
    await idle.next('session.created');
    askFor(client, 'Tell me a story about the mountains.');
    await client.next('response.created');
    const drained = stack.gateway.drain({ deadlineMs: 20_000 });
    await expect(
      connectVoiceLiveClient(stack.gateway.url, { query: CLIENT_QUERY, headers: CLIENT_HEADERS }),
    ).rejects.toThrow(/503/);
    await drained;
    expect((await client.closed).code).toBe(1001);
    // The response finished before the close.
    expect(client.types().at(-1)).toBe('response.done');
    expect((await idle.closed).code).toBe(1001);
    expect(stack.gateway.activeSessions()).toBe(0);
  });

  it('waits for a tool round trip in flight: the follow-up answer finishes before the close', async () => {
    const { stack, client } = await open({
      session: MANUAL,
      tools: [
        {
          name: 'get_weather',
          parameters: { type: 'object', properties: { city: { type: 'string' } } },
          handler: () => new Promise((resolve) => setTimeout(() => resolve({ temp_c: 7 }), 300)),
        },
      ],
    });
    askFor(client, 'What is the weather in Oslo?');
    // The calling response is done; the tool is still running when the drain starts.
    await client.next('response.done');
    await stack.gateway.drain({ deadlineMs: 20_000 });
    expect((await client.closed).code).toBe(1001);
    const done = client.events.filter((e) => e.type === 'response.done');
    expect(done).toHaveLength(2);
    expect(done[1].response.status).toBe('completed');
  });

  it('closes a response still running at the deadline', async () => {
    const { stack, client } = await open({
      session: MANUAL,
      local: { pace: 'realtime' },
    });
    askFor(client, 'Tell me a long story about the sea and the mountains and the rivers.');
    await client.next('response.created');
    await stack.gateway.drain({ deadlineMs: 100 });
    expect((await client.closed).code).toBe(1001);
    expect(client.types()).not.toContain('response.done');
  });
});
