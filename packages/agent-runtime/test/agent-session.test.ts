// The shared session assembly over real loopback sockets: an agent file loaded with the built-in
// registry, the embedded server, the real Voice Live transport, WAV files in and out.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { parseWavHeader } from '@voxd/audio';
import type { AgentConfig } from '@voxd/config';
import { loadAgent } from '@voxd/config';
import type { PluginContext, PluginRegistry, SessionEvent } from '@voxd/core';
import { asyncScheduler, lastValueFrom, toArray } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { EmbeddedServer } from '../src/index.js';
import {
  AgentRuntimeError,
  createAgentSession,
  createAgentTransport,
  createBuiltinRegistry,
  resolveAgentEndpoint,
  startEmbeddedServer,
} from '../src/index.js';

const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const silentLogger = { debug() {}, info() {}, warn() {}, error() {} };

let server: EmbeddedServer;
let outDir: string;

beforeAll(async () => {
  server = await startEmbeddedServer({ pace: 'asap', firstAudioMs: 0, seed: 1 });
  outDir = await mkdtemp(join(tmpdir(), 'voxd-agent-runtime-'));
});
afterAll(async () => {
  await server.server.close();
  await rm(outDir, { recursive: true, force: true });
});

async function load(file: string): Promise<{ config: AgentConfig; registry: PluginRegistry }> {
  return loadAgent(join(REPO_ROOT, file), {
    env: { VOXD_OUT_DIR: outDir },
    registry: createBuiltinRegistry(),
  });
}

function ctx(config: AgentConfig): PluginContext {
  return {
    agentName: config.name,
    baseDir: config.baseDir,
    scheduler: asyncScheduler,
    logger: silentLogger,
  };
}

/** The agent with its WAV source swapped for `input` (asap: faster than real time). */
function withInput(config: AgentConfig, input: string): AgentConfig {
  return {
    ...config,
    source: {
      type: 'wav',
      options: {
        ...(config.source?.options as object),
        path: join(REPO_ROOT, 'fixtures/audio', input),
        pace: 'asap',
      },
    },
    sink: { type: 'wav', options: { ...(config.sink?.options as object), pace: 'asap' } },
  };
}

describe('createAgentSession', () => {
  it('runs the default agent: the source fixes the input format, the sink records the reply', async () => {
    const { config: loaded, registry } = await load('configs/agents/local-assistant.yaml');
    const config = withInput(loaded, 'phone-8k-ulaw.wav');
    const session = createAgentSession({
      config,
      registry,
      ctx: ctx(config),
      transport: createAgentTransport(
        config,
        resolveAgentEndpoint(config.connection, server),
        silentLogger,
      ),
    });
    const events: SessionEvent[] = await lastValueFrom(session.events$.pipe(toArray()));

    const ready = events.find((e) => e.type === 'session.ready');
    expect(ready?.session.input_audio_format).toBe('g711_ulaw');
    expect(ready?.session.input_audio_sampling_rate).toBe(8000);
    expect(events.filter((e) => e.type === 'turn.committed').length).toBeGreaterThanOrEqual(1);
    expect(events.at(-1)).toMatchObject({ type: 'session.closed', reason: 'source-ended' });

    // The WAV sink (no `format` in the file) recorded in the session's output format.
    const wav = await readFile(join(outDir, 'out-local-assistant.wav'));
    const header = parseWavHeader(wav);
    expect(header.format).toEqual({ encoding: 'pcm16', sampleRate: 24_000, channels: 1 });
    expect(header.dataLength).toBeGreaterThan(24_000); // more than half a second of reply
  });

  it('refuses a gateway agent where one audio stream is expected, with its code', async () => {
    const { config, registry } = await load('configs/gateway/local-gateway.yaml');
    const create = (): unknown =>
      createAgentSession({
        config,
        registry,
        ctx: ctx(config),
        transport: createAgentTransport(
          config,
          resolveAgentEndpoint(config.connection, server),
          silentLogger,
        ),
      });
    expect(create).toThrow(AgentRuntimeError);
    expect(create).toThrow(expect.objectContaining({ code: 'E_AGENT_GATEWAY_SOURCE' }));
  });

  it('wraps a plugin that cannot be created as E_AGENT_SESSION naming the agent', async () => {
    const { config: loaded, registry } = await load('configs/agents/local-assistant.yaml');
    const config: AgentConfig = {
      ...withInput(loaded, 'weather-24k.wav'),
      plugins: [{ type: 'broken', options: {} }],
    };
    const broken: PluginRegistry = {
      ...registry,
      plugins: [
        ...registry.plugins,
        {
          kind: 'broken',
          options: registry.plugins[0]!.options,
          create: () => {
            throw new Error('no disk');
          },
        },
      ],
    };
    const create = (): unknown =>
      createAgentSession({
        config,
        registry: broken,
        ctx: ctx(config),
        transport: createAgentTransport(
          config,
          resolveAgentEndpoint(config.connection, server),
          silentLogger,
        ),
      });
    expect(create).toThrow(
      expect.objectContaining({
        code: 'E_AGENT_SESSION',
        message: 'agent local-assistant: cannot create a session: no disk',
      }),
    );
  });
});
