import { readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

import { parseWavHeader, pcm16ToSamples, rmsLevel } from '@voxd/audio';
import { startLocalServer } from '@voxd/local-server';
import { describe, expect, it } from 'vitest';

import { FIXTURES, tempDir, voxd } from './cli-harness.js';

function agentYaml(fields: {
  endpoint?: string;
  auth?: string;
  source?: string;
  sink?: string;
}): string {
  return [
    'name: test-agent',
    'connection:',
    `  endpoint: ${fields.endpoint ?? 'local'}`,
    '  model: gpt-realtime',
    ...(fields.auth === undefined ? [] : [fields.auth]),
    'session:',
    '  instructions: Answer briefly.',
    '  turn_detection: { type: server_vad, threshold: 0.5, prefix_padding_ms: 300, silence_duration_ms: 500 }',
    ...(fields.source === undefined
      ? []
      : [
          'source:',
          '  type: wav',
          `  path: ${fields.source}`,
          '  pace: asap',
          '  trailing_silence_ms: 1500',
        ]),
    ...(fields.sink === undefined
      ? []
      : ['sink:', '  type: wav', `  path: ${fields.sink}`, '  pace: asap']),
    '',
  ].join('\n');
}

describe('voxd run', () => {
  it('streams a WAV to the embedded server and records a valid, non-silent reply', async () => {
    await using dir = await tempDir();
    const agent = join(dir.path, 'agent.yaml');
    await writeFile(
      agent,
      agentYaml({ source: join(FIXTURES, 'booking-16k.wav'), sink: 'reply.wav' }),
    );

    const result = await voxd(['run', 'agent.yaml', '--events', 'events.jsonl'], { cwd: dir.path });

    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/session ready/);
    expect(result.stdout).toMatch(/first audio \d+ ms after speech stopped/);
    expect(result.stdout).toMatch(/turn latency \(speech stopped → first audio\): mean \d+ ms/);

    const wav = new Uint8Array(await readFile(join(dir.path, 'reply.wav')));
    const info = parseWavHeader(wav);
    expect(info.format).toEqual({ encoding: 'pcm16', sampleRate: 24000, channels: 1 });
    expect(info.declaredDataLength).toBe(info.dataLength);
    expect(info.durationMs).toBeGreaterThan(500);
    const samples = pcm16ToSamples(
      wav.subarray(info.dataOffset, info.dataOffset + info.dataLength),
    );
    expect(rmsLevel(samples).dbfs).toBeGreaterThan(-40);

    const events = (await readFile(join(dir.path, 'events.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { type: string });
    expect(events[0]?.type).toBe('session.connecting');
    expect(events.at(-1)?.type).toBe('session.closed');
    expect(events.map((e) => e.type)).toContain('response.audio.first');
  });

  it('--input and --output replace the agent source and sink, resolved against the cwd', async () => {
    await using dir = await tempDir();
    await writeFile(join(dir.path, 'agent.yaml'), agentYaml({}));
    const result = await voxd(
      ['run', 'agent.yaml', '--input', join(FIXTURES, 'phone-8k-ulaw.wav'), '--output', 'out.wav'],
      { cwd: dir.path },
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const info = parseWavHeader(new Uint8Array(await readFile(join(dir.path, 'out.wav'))));
    expect(info.durationMs).toBeGreaterThan(300);
  });

  it('rejects an invalid agent file with file:line:column and exit code 3', async () => {
    await using dir = await tempDir();
    await writeFile(
      join(dir.path, 'bad.yaml'),
      'name: bad\nconnection:\n  endpoint: local\n  model: gpt-realtime\nsession:\n  turn_detection:\n    type: server_vad\n    threshold: 2\n',
    );
    const result = await voxd(['run', 'bad.yaml'], { cwd: dir.path });
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/bad\.yaml:8:\d+ session\.turn_detection\.threshold/);
  });

  it('rejects a corrupt input WAV before connecting, naming the file and the problem', async () => {
    await using dir = await tempDir();
    await writeFile(join(dir.path, 'agent.yaml'), agentYaml({}));
    await writeFile(join(dir.path, 'corrupt.wav'), 'OggS this is not a wav file at all......');
    const result = await voxd(['run', 'agent.yaml', '--input', 'corrupt.wav'], { cwd: dir.path });
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/corrupt\.wav/);
    expect(result.stderr).toMatch(/RIFF/);
    expect(result.stdout).not.toMatch(/connecting/);
  });

  it('names a missing environment variable', async () => {
    await using dir = await tempDir();
    await writeFile(
      join(dir.path, 'agent.yaml'),
      agentYaml({
        endpoint: '${VOXD_TEST_ENDPOINT}',
        auth: '  auth: { type: api-key, key: "${VOXD_TEST_KEY}" }',
      }),
    );
    const result = await voxd(['run', 'agent.yaml'], {
      cwd: dir.path,
      env: { VOXD_TEST_ENDPOINT: 'http://127.0.0.1:9' },
    });
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/VOXD_TEST_KEY/);
  });

  it('fails with exit code 1 and a clear message on a wrong key (401), never printing the key', async () => {
    await using server = await startLocalServer({ port: 0, apiKeys: ['right-key'], pace: 'asap' });
    await using dir = await tempDir();
    await writeFile(
      join(dir.path, 'agent.yaml'),
      agentYaml({
        endpoint: server.url,
        auth: '  auth: { type: api-key, key: wrong-secret-key }',
        source: join(FIXTURES, 'weather-24k.wav'),
      }),
    );
    const result = await voxd(['run', 'agent.yaml'], { cwd: dir.path });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/401/);
    expect(result.stdout + result.stderr).not.toContain('wrong-secret-key');
  });

  it('refuses a gateway agent (it serves many sessions) with a pointer to voxd daemon', async () => {
    await using dir = await tempDir();
    const gateway = join(dir.path, 'gateway.yaml');
    await writeFile(
      gateway,
      'name: gw\nconnection: { endpoint: local, model: gpt-realtime }\nsource: { type: gateway, port: 0, api_keys: [k] }\n',
    );
    const result = await voxd(['run', 'gateway.yaml'], { cwd: dir.path });
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/voxd daemon/);
    expect(result.stdout).not.toMatch(/connecting/);
  });

  it('bad usage exits 2 with the usage text', async () => {
    await using dir = await tempDir();
    const result = await voxd(['run', '--nope'], { cwd: dir.path });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Usage: voxd run/);
  });

  it('answers a tool call through the tools-http plugin against a real HTTP endpoint', async () => {
    const requests: { url: string; body: string; auth: string | undefined }[] = [];
    const http = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      request.on('end', () => {
        requests.push({ url: request.url ?? '', body, auth: request.headers.authorization });
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ temp_c: 7, sky: 'cloudy' }));
      });
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const { port } = http.address() as AddressInfo;
    try {
      await using dir = await tempDir();
      await writeFile(
        join(dir.path, 'agent.yaml'),
        [
          'name: tool-agent',
          'connection: { endpoint: local, model: gpt-realtime }',
          'session:',
          '  tool_choice: required',
          '  turn_detection: { type: server_vad, silence_duration_ms: 500 }',
          'source:',
          '  type: wav',
          `  path: ${join(FIXTURES, 'weather-24k.wav')}`,
          '  pace: realtime',
          'plugins:',
          '  - type: tools-http',
          '    tools:',
          '      - name: get_weather',
          '        description: Current weather for a city',
          '        parameters: { type: object, properties: { city: { type: string } }, required: [city] }',
          `        url: http://127.0.0.1:${port}/weather`,
          '        headers: { authorization: "Bearer ${WEATHER_TOKEN}" }',
          '        timeout_ms: 5000',
          '',
        ].join('\n'),
      );
      const result = await voxd(['run', 'agent.yaml'], {
        cwd: dir.path,
        env: { WEATHER_TOKEN: 'weather-secret' },
      });
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/tool call get_weather\(\{"city":/);
      expect(result.stdout).toMatch(
        /tool get_weather returned in \d+ ms: \{"temp_c":7,"sky":"cloudy"\}/,
      );
      expect(requests.length).toBeGreaterThanOrEqual(1);
      expect(requests[0]?.url).toBe('/weather');
      expect(JSON.parse(requests[0]?.body ?? '')).toHaveProperty('city');
      expect(requests[0]?.auth).toBe('Bearer weather-secret');
    } finally {
      await new Promise((resolve) => http.close(resolve));
    }
  });
});
