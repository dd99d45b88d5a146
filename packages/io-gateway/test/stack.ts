import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

import { parseWavHeader } from '@voxd/audio';
import type { SessionEvent } from '@voxd/core';
import type { LocalServer, LocalServerOptions } from '@voxd/local-server';
import { startLocalServer } from '@voxd/local-server';
import type { SessionConfig } from '@voxd/protocol';
import { REFERENCE_SESSION_DEFAULTS } from '@voxd/testing';
import { createVoiceLiveTransport } from '@voxd/voicelive';

import type { Gateway, GatewayOptions, GatewaySession } from '../src/gateway-options.js';
import { startGateway } from '../src/start-gateway.js';

export const GATEWAY_KEY = 'gateway-client-key';
export const GATEWAY_TOKEN = 'gateway-client-token';
export const UPSTREAM_KEY = 'upstream-azure-key';
export const AGENT_INSTRUCTIONS = 'You are the voxd weather agent. Answer briefly.';

export const AGENT_SESSION: SessionConfig = {
  instructions: AGENT_INSTRUCTIONS,
  voice: { type: 'openai', name: 'alloy' },
  turn_detection: REFERENCE_SESSION_DEFAULTS.turn_detection,
};

/** A gateway in front of a real local Voice Live server, through the real voicelive transport. */
export interface Stack {
  readonly local: LocalServer;
  readonly gateway: Gateway;
  /** Every gateway session's events, by session id, recorded from the moment it is announced. */
  readonly events: Map<string, SessionEvent[]>;
  readonly sessions: GatewaySession[];
  /** The upstream transports created so far. */
  upstreams(): number;
  close(): Promise<void>;
}

export interface StackOptions extends Partial<Omit<GatewayOptions, 'createUpstream'>> {
  readonly local?: LocalServerOptions;
}

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const { local: localOptions, ...gatewayOptions } = options;
  const local = await startLocalServer({
    port: 0,
    apiKeys: [UPSTREAM_KEY],
    pace: 'asap',
    firstAudioMs: 0,
    responder: 'tts',
    seed: 7,
    ...localOptions,
  });
  let upstreams = 0;
  const gateway = await startGateway({
    port: 0,
    auth: { apiKeys: [GATEWAY_KEY], bearerTokens: [GATEWAY_TOKEN] },
    session: AGENT_SESSION,
    ...gatewayOptions,
    createUpstream: () => {
      upstreams++;
      return createVoiceLiveTransport({
        endpoint: local.url,
        target: { model: 'gpt-realtime' },
        auth: { type: 'api-key', key: UPSTREAM_KEY },
        reconnect: { maxAttempts: 0 },
        keepaliveMs: 0,
      });
    },
  });
  const events = new Map<string, SessionEvent[]>();
  const sessions: GatewaySession[] = [];
  gateway.sessions$.subscribe((session) => {
    const list: SessionEvent[] = [];
    events.set(session.id, list);
    sessions.push(session);
    session.events$.subscribe((event) => list.push(event));
  });
  return {
    local,
    gateway,
    events,
    sessions,
    upstreams: () => upstreams,
    close: async () => {
      await gateway.close();
      await local.close();
    },
  };
}

const FIXTURES = fileURLToPath(new URL('../../../fixtures/audio/', import.meta.url));

/** Raw pcm16 bytes of a fixture WAV (header parsed, not skipped by guess). */
export async function loadFixtureAudio(name: string): Promise<Uint8Array> {
  const file = await readFile(`${FIXTURES}${name}`);
  const info = parseWavHeader(file);
  return file.subarray(info.dataOffset, info.dataOffset + info.dataLength);
}

/** Splits raw audio into base64 chunks of `chunkBytes`. */
export function base64Chunks(bytes: Uint8Array, chunkBytes = 4800): string[] {
  const out: string[] = [];
  for (let i = 0; i < bytes.length; i += chunkBytes)
    out.push(Buffer.from(bytes.subarray(i, i + chunkBytes)).toString('base64'));
  return out;
}

/** The query and headers a raw client uses to pass the gateway's checks. */
export const CLIENT_QUERY = { 'api-version': '2025-10-01', model: 'gpt-realtime' };
export const CLIENT_HEADERS = { 'api-key': GATEWAY_KEY };
