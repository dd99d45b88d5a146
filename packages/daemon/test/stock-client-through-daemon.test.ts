// Issue 8 part 2: a stock Voice Live client, unmodified, against `npm start`'s gateway (the daemon
// bin with the real configs/agents and configs/gateway on the embedded server). The official SDK
// sends the session of Microsoft's Learn module on Voice Live and holds two spoken turns; the
// agent keeps its instructions and the client gets its formats and voice. Real bin, real sockets.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { AzureKeyCredential } from '@azure/core-auth';
import { parseWavHeader } from '@voxd/audio';
import { holdSdkTurns } from '@voxd/testing/official-sdk';
import { afterEach, describe, expect, it } from 'vitest';

import { FIXTURES, REPO_ROOT, tempDir, voxd } from './cli-harness.js';
import { agentNamed, get, killDaemons, sample, startDaemon, waitFor } from './daemon-harness.js';

// The SDK tunnels even loopback connections through a configured proxy (reference §1.4).
for (const name of ['HTTPS_PROXY', 'HTTP_PROXY', 'https_proxy', 'http_proxy'])
  delete process.env[name];

afterEach(() => killDaemons());

const KEY = 'stock-client-key';
const LEARN_INSTRUCTIONS =
  'You are a helpful AI assistant. Respond naturally and conversationally.';

describe("a stock Voice Live client through npm start's gateway", () => {
  it("holds a two-turn conversation with the Learn module's session, the agent's instructions kept", async () => {
    const daemon = await startDaemon(['--skip-missing-env', 'configs/agents', 'configs/gateway'], {
      cwd: REPO_ROOT,
      env: { VOXD_GATEWAY_KEY: KEY, VOXD_GATEWAY_PORT: '0', VOXD_OUT_DIR: '/tmp' },
    });
    const url = await waitFor(
      async () => {
        const agent = await agentNamed(daemon.adminUrl, 'local-gateway');
        return agent?.state === 'running' ? agent.url : undefined;
      },
      30_000,
      () => `the gateway agent is not running; stderr:\n${daemon.stderr()}`,
    );

    const wav = new Uint8Array(await readFile(join(FIXTURES, 'weather-24k.wav')));
    const info = parseWavHeader(wav);
    const pcm = wav.subarray(info.dataOffset, info.dataOffset + info.dataLength);
    const result = await holdSdkTurns({
      url: url ?? '',
      credential: new AzureKeyCredential(KEY),
      // Exactly what the Learn module's client sends, through the SDK's own types.
      session: {
        modalities: ['text', 'audio'],
        instructions: LEARN_INSTRUCTIONS,
        voice: { type: 'azure-standard', name: 'en-US-AvaNeural' },
        inputAudioFormat: 'pcm16',
        outputAudioFormat: 'pcm16',
        turnDetection: {
          type: 'server_vad',
          threshold: 0.5,
          prefixPaddingInMs: 300,
          silenceDurationInMs: 500,
        },
      },
      // The fixture's two questions, each with the silence that ends it (fixtures/manifest.json).
      turns: [pcm.subarray(0, 48 * 3400), pcm.subarray(48 * 3400)],
    });

    expect(result.errors).toEqual([]);
    expect(result.types).not.toContain('error');
    expect(result.updated).toBeDefined();
    // keep: the agent's instructions hold (session.updated shows the effective value).
    expect(result.created.instructions).toMatch(/concise, friendly voice assistant/);
    expect(result.updated?.instructions).toBe(result.created.instructions);
    // The client's own: its formats and modalities; and its voice, which this agent allows.
    expect(result.updated).toMatchObject({
      modalities: ['text', 'audio'],
      inputAudioFormat: 'pcm16',
      outputAudioFormat: 'pcm16',
      voice: { type: 'azure-standard', name: 'en-US-AvaNeural' },
      turnDetection: { type: 'server_vad', threshold: 0.5, silenceDurationInMs: 500 },
    });
    expect(result.turns.map((t) => t.status)).toEqual(['completed', 'completed']);
    for (const turn of result.turns) {
      expect(turn.audioBytes).toBeGreaterThan(24_000); // over half a second of 24 kHz PCM16
      expect(turn.transcript.length).toBeGreaterThan(0);
    }

    // The drop is counted once for the session; both turns and the client's audio are metered.
    const metrics = await waitFor(
      async () => {
        const { text } = await get(`${daemon.adminUrl}/metrics`);
        return (sample(text, 'voxd_turns_total{agent="local-gateway"}') ?? 0) >= 2 && text;
      },
      20_000,
      () => 'fewer than two gateway turns in /metrics',
    );
    expect(
      sample(
        metrics,
        'voxd_gateway_session_fields_dropped_total{agent="local-gateway",field="instructions"}',
      ),
    ).toBe(1);
    expect(
      sample(
        metrics,
        'voxd_gateway_session_fields_dropped_total{agent="local-gateway",field="voice"}',
      ),
    ).toBeUndefined();
    // Every byte the client sent, at 24 kHz pcm16: the whole fixture.
    expect(
      sample(metrics, 'voxd_audio_seconds_total{agent="local-gateway",direction="in"}'),
    ).toBeCloseTo(info.dataLength / 48_000, 3);

    daemon.child.kill('SIGTERM');
    expect(await daemon.exited).toBe(0);
  });

  it('reports a bad field policy at its file:line, naming the field', async () => {
    await using dir = await tempDir();
    const file = join(dir.path, 'front-desk.yaml');
    await writeFile(
      file,
      `name: front-desk
connection:
  endpoint: local
  model: gpt-realtime
source:
  type: gateway
  api_keys: [k]
  client_session_fields:
    instructions: deny
    input_audio_format: keep
    voise: allow
`,
    );
    const run = await voxd(['validate', file], { cwd: dir.path });
    expect(run.code).toBe(3);
    const out = run.stdout + run.stderr;
    expect(out).toContain(`${file}:9:`);
    expect(out).toContain('source.client_session_fields.instructions');
    expect(out).toContain('allow');
    expect(out).toContain(`${file}:10:`);
    expect(out).toContain('source.client_session_fields.input_audio_format');
    expect(out).toContain('expected "allow"');
    expect(out).toMatch(/voise[\s\S]*voice/); // the unknown field, with a suggestion
  });
});
