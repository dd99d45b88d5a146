// Metrics over a daemon's life, not one session: a WAV agent restarts again and again, gateway
// clients come and go side by side, and the WAV agent is removed with a SIGHUP, while Debian's real
// Prometheus scrapes every 250 ms and scripts/check-metrics-monotonic.js scrapes /metrics every
// 100 ms. Every counter and histogram series must only go up (a decrease is a counter reset to
// Prometheus, which then loses what was observed since its last scrape), and the turn-latency
// histogram must count every turn that produced audio.
/* eslint-disable @typescript-eslint/no-unsafe-return -- wire frames are untyped JSON */
import { spawn } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';

import { createWavHeader, parseWavHeader } from '@voxd/audio';
import { connectVoiceLiveClient, findPrometheus, startPrometheus } from '@voxd/testing';
import type { RunningPrometheus, VoiceLiveTestClient } from '@voxd/testing';
import { afterEach, describe, expect, it } from 'vitest';

import { FIXTURES, REPO_ROOT, tempDir } from './cli-harness.js';
import {
  agentNamed,
  agents,
  get,
  killDaemons,
  sample,
  startDaemon,
  waitFor,
  writeWavAgent,
} from './daemon-harness.js';

// `npm test` installs Debian's prometheus (system-deps.txt): a missing one fails, never skips.
const binary = findPrometheus();

const KEY = 'metrics-test-client-key';
const WATCHER = join(REPO_ROOT, 'scripts', 'check-metrics-monotonic.js');
/** 24 kHz PCM16: bytes per millisecond. */
const BYTES_PER_MS = 48;

let prometheus: RunningPrometheus | undefined;
afterEach(async () => {
  await prometheus?.stop();
  prometheus = undefined;
  killDaemons();
});

/** The first sentence of weather-24k.wav (0.3–2.7 s) as PCM16: one user turn. */
async function oneSentence(): Promise<Uint8Array> {
  const bytes = new Uint8Array(await readFile(join(FIXTURES, 'weather-24k.wav')));
  const info = parseWavHeader(bytes);
  return bytes.subarray(info.dataOffset, info.dataOffset + 3000 * BYTES_PER_MS);
}

/** Writes `pcm` as a 24 kHz mono WAV file. */
async function writeWav(path: string, pcm: Uint8Array): Promise<void> {
  const format = { encoding: 'pcm16', sampleRate: 24000, channels: 1 } as const;
  await writeFile(path, Buffer.concat([createWavHeader(format, pcm.length), pcm]));
}

/** One user turn through the gateway: the sentence, then silence until the answer is done. */
async function speak(client: VoiceLiveTestClient, sentence: Uint8Array): Promise<void> {
  const audio = Buffer.concat([sentence, Buffer.alloc(1000 * BYTES_PER_MS)]);
  for (let offset = 0; offset < audio.length; offset += 100 * BYTES_PER_MS) {
    const chunk = audio.subarray(offset, offset + 100 * BYTES_PER_MS);
    client.send({ type: 'input_audio_buffer.append', audio: chunk.toString('base64') });
  }
  await client.next('input_audio_buffer.committed', 30_000);
  await client.next('response.done', 30_000);
}

/** A gateway client: connects, holds `turns` turns, and stays open until `close()`. */
async function gatewayClient(url: string, sentence: Uint8Array, turns: number) {
  const client = await connectVoiceLiveClient(url, { headers: { 'api-key': KEY } });
  await client.next('session.created');
  for (let i = 0; i < turns; i++) await speak(client, sentence);
  return client;
}

/** Responses the client received audio for: each is one turn that produced audio. */
const audioResponses = (client: VoiceLiveTestClient): number =>
  new Set(client.events.filter((e) => e.type === 'response.audio.delta').map((e) => e.response_id))
    .size;

/** Runs the monotonic checker against `/metrics` until stopped; resolves with its JSON summary. */
function startWatcher(metricsUrl: string) {
  const child = spawn(
    process.execPath,
    [WATCHER, '--url', metricsUrl, '--interval-ms', '100', '--duration-s', '600', '--json'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => (out += text));
  child.stderr.setEncoding('utf8').on('data', (text: string) => (err += text));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return {
    async stop() {
      child.kill('SIGTERM');
      const code = await exited;
      if (out.trim() === '') throw new Error(`the watcher printed nothing (exit ${code}): ${err}`);
      return { code, summary: JSON.parse(out) };
    },
  };
}

const scalar = (result: readonly { value: [number, string] }[]): number | undefined => {
  const value = result.length === 1 ? Number(result[0]?.value[1]) : NaN;
  return Number.isFinite(value) ? value : undefined;
};

describe('metrics across restarts, clients, reloads and removal', () => {
  it('never lowers a counter or histogram series, and counts the latency of every turn with audio', async () => {
    await using dir = await tempDir();
    const sentence = await oneSentence();
    const wav = join(dir.path, 'one-sentence.wav');
    await writeWav(wav, sentence);
    const agentsDir = join(dir.path, 'agents');
    await mkdir(agentsDir);
    await writeFile(
      join(agentsDir, 'desk.yaml'),
      [
        'name: desk',
        'connection:\n  endpoint: local\n  model: gpt-realtime',
        'session:',
        '  instructions: Answer in one short sentence.',
        '  turn_detection:\n    type: server_vad\n    silence_duration_ms: 500',
        'source:',
        '  type: gateway',
        '  port: 0',
        `  api_keys: ['${KEY}']`,
        '',
      ].join('\n'),
    );
    const daemon = await startDaemon([agentsDir], { cwd: dir.path });
    const reloads = () => daemon.stderr().split('"msg":"reloaded"').length - 1;
    const metricsUrl = `${daemon.adminUrl}/metrics`;
    const watcher = startWatcher(metricsUrl);
    prometheus = await startPrometheus(binary, new URL(daemon.adminUrl).host, {
      scrapeIntervalMs: 250,
    });
    const prom = prometheus;
    await waitFor(
      async () => scalar(await prom.query('up{job="voxd"}')) === 1,
      30_000,
      () => `prometheus never scraped the daemon:\n${prom.log()}`,
    );

    // The WAV agent comes with a reload: one sentence per session in real time, restarted 100 ms
    // after each end. Its first answer is seconds away, so Prometheus sees its series start at 0.
    const restarterFile = await writeWavAgent(agentsDir, 'restarter', {
      fixture: relative(FIXTURES, wav),
      pace: 'realtime',
      extra: 'daemon:\n  restart: always\n  restart_delay_ms: 100',
    });
    daemon.child.kill('SIGHUP');
    await waitFor(
      () => reloads() >= 1,
      30_000,
      () => `no reload:\n${daemon.stderr()}`,
    );
    const desk = await waitFor(
      async () => (await agentNamed(daemon.adminUrl, 'desk'))?.url,
      30_000,
      () => daemon.stderr(),
    );

    // Two clients side by side, coming and going, while the WAV agent restarts. The first client's
    // session makes the desk's series; Prometheus scrapes them at 0 before anyone speaks.
    const first = await gatewayClient(desk, sentence, 0);
    await waitFor(
      async () => scalar(await prom.query('voxd_turn_latency_seconds_count{agent="desk"}')) === 0,
      30_000,
      () => `prometheus never scraped the desk's series:\n${prom.log()}`,
    );
    await speak(first, sentence);
    const second = await gatewayClient(desk, sentence, 1);
    await speak(first, sentence);
    await first.close();
    const third = await gatewayClient(desk, sentence, 2);
    await speak(second, sentence);
    await second.close();
    await third.close();
    const clientTurnsWithAudio = [first, second, third].map(audioResponses);
    expect(clientTurnsWithAudio).toEqual([2, 2, 2]);

    await waitFor(
      async () => ((await agentNamed(daemon.adminUrl, 'restarter'))?.restarts ?? 0) >= 3,
      90_000,
      () => `the WAV agent did not restart 3 times:\n${daemon.stderr()}`,
    );
    // Remove the WAV agent: it drains and stops; its series stay as they are.
    await rm(restarterFile);
    daemon.child.kill('SIGHUP');
    // The reload is done once the removed agent has drained: the daemon logs `reloaded` then.
    await waitFor(
      () => reloads() >= 2,
      60_000,
      () => `no second reload:\n${daemon.stderr()}`,
    );
    expect((await agents(daemon.adminUrl)).map((a) => a.name)).toEqual(['desk']);

    const { text } = await get(metricsUrl);
    const value = (series: string) => sample(text, series) ?? NaN;
    const wavTurns = value('voxd_turns_total{agent="restarter"}');
    const wavSessions = ['closed', 'source-ended', 'transport-closed', 'error']
      .map((outcome) => value(`voxd_sessions_total{agent="restarter",outcome="${outcome}"}`))
      .reduce((a, b) => a + b, 0);
    // Every session of the WAV agent said its one sentence and got its answer.
    expect(wavSessions).toBeGreaterThanOrEqual(3);
    expect(wavTurns).toBeGreaterThanOrEqual(wavSessions - 1);
    expect(value('voxd_turn_latency_seconds_count{agent="restarter"}')).toBe(wavTurns);
    expect(value('voxd_response_first_audio_seconds_count{agent="restarter"}')).toBe(wavTurns);
    expect(value('voxd_turns_total{agent="desk"}')).toBe(6);
    expect(value('voxd_turn_latency_seconds_count{agent="desk"}')).toBe(6);
    expect(value('voxd_sessions_active{agent="restarter"}')).toBe(0);

    // Prometheus has scraped the final values, then answers increase() over the whole run at the
    // time of its last sample (so nothing is extrapolated).
    const final = {
      restarter: value('voxd_turn_latency_seconds_count{agent="restarter"}'),
      desk: value('voxd_turn_latency_seconds_count{agent="desk"}'),
    };
    for (const [agent, count] of Object.entries(final)) {
      const selector = `voxd_turn_latency_seconds_count{agent="${agent}"}`;
      await waitFor(
        async () => scalar(await prom.query(selector)) === count,
        30_000,
        () => `prometheus never scraped ${selector} = ${count}:\n${prom.log()}`,
      );
      const at = scalar(await prom.query(`timestamp(${selector})`));
      expect(at).toBeDefined();
      // Every raw sample Prometheus holds: the series starts at 0 and only goes up.
      const [raw] = (await prom.query(`${selector}[10m]`, at)) as unknown as {
        values: [number, string][];
      }[];
      const values = (raw?.values ?? []).map(([, v]) => Number(v));
      expect(values[0], `${agent}: ${values.join(' ')}`).toBe(0);
      expect(values.at(-1)).toBe(count);
      expect(scalar(await prom.query(`increase(${selector}[10m])`, at))).toBe(count);
    }
    // ... and saw no counter reset in any voxd counter or histogram series (resets() drops the
    // metric name, so it runs per name).
    const names = await prom.query(
      'count by (__name__) ({__name__=~"voxd_.*(_total|_count|_sum|_bucket)"})',
    );
    expect(names.length).toBeGreaterThanOrEqual(10);
    const reset: string[] = [];
    for (const { metric } of names) {
      const name = metric['__name__'] ?? '';
      const total = scalar(await prom.query(`sum(resets(${name}[10m]))`));
      if (total !== 0) reset.push(`${name}: ${total}`);
    }
    expect(reset).toEqual([]);

    // The watcher compared every series of every scrape with the one before.
    const { code, summary } = await watcher.stop();
    expect(summary.problems).toEqual([]);
    expect(summary).toMatchObject({
      decreases: 0,
      vanished: 0,
      failedScrapes: 0,
      agentsBehind: [],
    });
    expect(summary.scrapes).toBeGreaterThanOrEqual(20);
    expect(summary.voxdSeriesChecked).toBeGreaterThanOrEqual(60);
    expect(code).toBe(0);
  }, 180_000);
});

describe('a WAV agent whose session cannot be created', () => {
  it('counts the failure in voxd_errors_total as well as in voxd_sessions_total', async () => {
    await using dir = await tempDir();
    const wav = join(dir.path, 'vanishing.wav');
    await writeWav(wav, await oneSentence());
    await writeWavAgent(dir.path, 'vanishing', {
      fixture: relative(FIXTURES, wav),
      extra: 'daemon:\n  restart: always\n  restart_delay_ms: 100\n  restart_max_delay_ms: 200',
    });
    const daemon = await startDaemon([dir.path], { cwd: dir.path });
    await waitFor(
      async () => ((await agentNamed(daemon.adminUrl, 'vanishing'))?.sessionsStarted ?? 0) >= 1,
      30_000,
      () => daemon.stderr(),
    );
    // The next session cannot open its source file.
    await rm(wav);
    const metricsUrl = `${daemon.adminUrl}/metrics`;
    const text = await waitFor(
      async () => {
        const body = (await get(metricsUrl)).text;
        const failures = sample(
          body,
          'voxd_errors_total{agent="vanishing",code="E_AGENT_SESSION"}',
        );
        return (failures ?? 0) >= 2 ? body : undefined;
      },
      60_000,
      () => daemon.stderr(),
    );
    expect((await agentNamed(daemon.adminUrl, 'vanishing'))?.lastError).toMatch(
      /cannot create a session/,
    );
    // Each session that ended in an error counted exactly one error, whatever its code.
    const errors = text
      .split('\n')
      .filter((line) => line.startsWith('voxd_errors_total{agent="vanishing",'))
      .reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0);
    expect(sample(text, 'voxd_sessions_total{agent="vanishing",outcome="error"}')).toBe(errors);
    daemon.child.kill('SIGTERM');
    expect(await daemon.exited).toBe(0);
  }, 120_000);
});
