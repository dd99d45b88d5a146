// The product promise of the default setup: `npm start` (the daemon with configs/agents and
// configs/gateway on the embedded server) lets the official @azure/ai-voicelive SDK hold a spoken
// conversation through the gateway, and /metrics shows the turn. Real bin, real sockets.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { AzureKeyCredential } from '@azure/core-auth';
import { parseWavHeader } from '@voxd/audio';
import { holdSdkConversation } from '@voxd/testing/official-sdk';
import { afterEach, describe, expect, it } from 'vitest';

import { FIXTURES, REPO_ROOT } from './cli-harness.js';
import { get, killDaemons, sample, startDaemon, waitFor } from './daemon-harness.js';

// The SDK tunnels even loopback connections through a configured proxy (reference §1.4).
for (const name of ['HTTPS_PROXY', 'HTTP_PROXY', 'https_proxy', 'http_proxy'])
  delete process.env[name];

afterEach(() => killDaemons());

describe('the default daemon with the official SDK', () => {
  it('completes a spoken conversation through the gateway and meters the turn', async () => {
    // Port 0: the gateway binds a free port itself and the banner says which.
    const daemon = await startDaemon(['--skip-missing-env', 'configs/agents', 'configs/gateway'], {
      cwd: REPO_ROOT,
      env: {
        VOXD_GATEWAY_KEY: 'dev-key-for-tests',
        VOXD_GATEWAY_PORT: '0',
        VOXD_RTP_PORT: '0',
        VOXD_OUT_DIR: '/tmp',
      },
    });
    const url = /Voice Live clients connect to (http:\/\/127\.0\.0\.1:\d+)/.exec(
      daemon.stdout(),
    )?.[1];
    expect(url, daemon.stdout()).toBeDefined();

    const wav = new Uint8Array(await readFile(join(FIXTURES, 'weather-24k.wav')));
    const info = parseWavHeader(wav);
    const turn = await holdSdkConversation({
      url: url ?? '',
      credential: new AzureKeyCredential('dev-key-for-tests'),
      speech: wav.subarray(info.dataOffset, info.dataOffset + 48 * 3400), // first sentence + 0.7 s
    });
    expect(turn.status).toBe('completed');
    expect(turn.audioBytes).toBeGreaterThan(24_000); // over half a second of 24 kHz PCM16
    expect(turn.transcript.length).toBeGreaterThan(0);

    const metrics = await waitFor(
      async () => {
        const { text } = await get(`${daemon.adminUrl}/metrics`);
        return (sample(text, 'voxd_turns_total{agent="local-gateway"}') ?? 0) >= 1 && text;
      },
      20_000,
      () => 'no gateway turn in /metrics',
    );
    expect(
      sample(metrics, 'voxd_turn_latency_seconds_count{agent="local-gateway"}'),
    ).toBeGreaterThanOrEqual(1);
  });
});
