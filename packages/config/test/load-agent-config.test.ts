import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { ConfigError } from '../src/config-error.js';
import type { ConfigIssue } from '../src/config-error.js';
import { loadAgentConfig } from '../src/load-agent-config.js';
import { tempFolder, testRegistry } from './test-registry.js';

const VALID = `name: helper
connection:
  endpoint: https://example.services.ai.azure.com
  model: gpt-realtime
  auth:
    type: api-key
    key: \${VOICELIVE_KEY}
session:
  instructions: Be brief.
  voice: { type: azure-standard, name: en-US-AvaNeural }
  turn_detection:
    type: server_vad
    threshold: 0.5
    silence_duration_ms: 500
source:
  type: file
  path: audio/in.wav
sink:
  type: file
  path: out/reply.wav
plugins:
  - type: transcript
    path: transcript.jsonl
`;

async function issuesOf(
  yaml: string,
  env: Record<string, string> = {},
  files: Record<string, string> = {},
) {
  const dir = await tempFolder({ 'agent.yaml': yaml, ...files });
  const error: unknown = await loadAgentConfig(join(dir, 'agent.yaml'), {
    env,
    registry: testRegistry,
  }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConfigError);
  return { error: error as ConfigError, dir };
}

/** `line:column path message` of each issue, compact for exact assertions. */
function brief(issues: readonly ConfigIssue[]): string[] {
  return issues.map((i) => `${i.line}:${i.column} ${i.path} ${i.message}`);
}

describe('loadAgentConfig', () => {
  it('loads a valid file into a frozen config with defaults and resolved env', async () => {
    const dir = await tempFolder({ 'agents/agent.yaml': VALID, 'agents/audio/in.wav': 'RIFF' });
    const config = await loadAgentConfig(join(dir, 'agents/agent.yaml'), {
      env: { VOICELIVE_KEY: 'k-1' },
      registry: testRegistry,
    });
    expect(config).toEqual({
      name: 'helper',
      file: join(dir, 'agents/agent.yaml'),
      baseDir: join(dir, 'agents'),
      connection: {
        endpoint: 'https://example.services.ai.azure.com',
        model: 'gpt-realtime',
        auth: { type: 'api-key', key: 'k-1', in: 'header' },
      },
      session: {
        instructions: 'Be brief.',
        voice: { type: 'azure-standard', name: 'en-US-AvaNeural' },
        turn_detection: { type: 'server_vad', threshold: 0.5, silence_duration_ms: 500 },
      },
      source: { type: 'file', options: { path: 'audio/in.wav', pace: 'realtime' } },
      sink: { type: 'file', options: { path: 'out/reply.wav' } },
      plugins: [
        { type: 'transcript', options: { path: 'transcript.jsonl', include_audio: false } },
      ],
    });
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.session.turn_detection)).toBe(true);
    expect(Object.isFrozen(config.plugins[0]?.options)).toBe(true);
  });

  it('accepts a session pasted from the Azure docs, free-form tool parameters included', async () => {
    const yaml = `name: helper
connection: { endpoint: local, model: gpt-realtime }
session:
  modalities: [text, audio]
  instructions: You are a helpful assistant.
  voice:
    type: azure-standard
    name: en-US-Ava:DragonHDLatestNeural
    temperature: 0.8
    rate: "1.1"
  input_audio_sampling_rate: 24000
  input_audio_noise_reduction: { type: azure_deep_noise_suppression }
  input_audio_echo_cancellation: { type: server_echo_cancellation }
  input_audio_transcription:
    model: azure-speech
    language: en-US
    phrase_list: [Contoso, Voice Live]
  turn_detection:
    type: azure_semantic_vad
    threshold: 0.3
    prefix_padding_ms: 200
    silence_duration_ms: 200
    remove_filler_words: false
    end_of_utterance_detection:
      model: semantic_detection_v1
      threshold_level: default
      timeout_ms: 1000
  tools:
    - type: function
      name: get_weather
      description: Current weather for a city
      parameters:
        type: object
        properties:
          city: { type: string, description: City name }
          unit: { type: string, enum: [c, f] }
        required: [city]
  tool_choice: auto
  temperature: 0.8
  max_response_output_tokens: inf
`;
    const dir = await tempFolder({ 'agent.yaml': yaml });
    const config = await loadAgentConfig(join(dir, 'agent.yaml'), {
      env: {},
      registry: testRegistry,
    });
    expect(config.session.tools?.[0]).toMatchObject({
      name: 'get_weather',
      parameters: { required: ['city'] },
    });
    expect(config.session.turn_detection).toMatchObject({
      type: 'azure_semantic_vad',
      threshold: 0.3,
    });
  });

  it('reports a YAML syntax error at its line and column', async () => {
    const { error } = await issuesOf(
      'name: helper\nconnection:\n  endpoint: local\n  model: [gpt\n',
    );
    expect(error.code).toBe('E_CONFIG_YAML');
    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]).toMatchObject({ code: 'E_CONFIG_YAML', line: 5, column: 1 });
  });

  it('reports a value of the wrong type at the value', async () => {
    const { error } = await issuesOf(
      'name: helper\nconnection: { endpoint: local, model: m }\nsession:\n  temperature: hot\n',
    );
    expect(brief(error.issues)).toEqual([
      '4:16 session.temperature expected number, got string "hot"',
    ]);
    expect(error.code).toBe('E_CONFIG_INVALID');
  });

  it('reports unknown fields at the key, with a did-you-mean hint', async () => {
    const { error } = await issuesOf(
      'name: helper\nconection: {}\nsession:\n  turn_detecton: null\n  turn_detection:\n    type: server_vad\n    treshold: 0.4\n',
    );
    const unknown = error.issues.filter((i) => i.message.startsWith('unknown field'));
    expect(unknown.map((i) => [i.line, i.column, i.path, i.hint])).toEqual([
      [2, 1, 'conection', 'did you mean "connection"?'],
      [4, 3, 'session.turn_detecton', 'did you mean "turn_detection"?'],
      [7, 5, 'session.turn_detection.treshold', 'did you mean "threshold"?'],
    ]);
  });

  it('reports a missing required field at its parent, naming it', async () => {
    const { error } = await issuesOf('name: helper\nconnection:\n  model: gpt-realtime\n');
    expect(brief(error.issues)).toEqual([
      '3:3 connection.endpoint "endpoint" is required (expected "local" or string)',
    ]);
  });

  it('reports a missing environment variable where it is used, and takes defaults', async () => {
    const yaml = [
      'name: ${AGENT_NAME:-helper}',
      'connection:',
      '  endpoint: ${VOICELIVE_ENDPOINT:-local}',
      '  model: gpt-realtime',
      '  auth: { type: api-key, key: "${VOICELIVE_KEY}" }',
      'session:',
      '  instructions: "${PROMPT:-Be brief.} $${LITERAL}"',
      '  temperature: ${TEMPERATURE:-0.7}',
      '  metadata: { run: "${RUN:-7}" }',
      '',
    ].join('\n');
    const { error } = await issuesOf(yaml);
    expect(error.code).toBe('E_CONFIG_ENV');
    expect(brief(error.issues)).toEqual([
      '5:32 connection.auth.key environment variable VOICELIVE_KEY is not set',
    ]);
    expect(error.issues[0]?.hint).toBe(
      'set VOICELIVE_KEY, or give a default: ${VOICELIVE_KEY:-value}',
    );

    const dir = await tempFolder({ 'agent.yaml': yaml });
    const config = await loadAgentConfig(join(dir, 'agent.yaml'), {
      env: { VOICELIVE_KEY: 'k', PROMPT: '' },
      registry: testRegistry,
    });
    expect(config.name).toBe('helper');
    expect(config.connection.endpoint).toBe('local');
    expect(config.session.instructions).toBe('Be brief. ${LITERAL}');
    expect(config.session.temperature).toBe(0.7);
    expect(config.session.metadata).toEqual({ run: '7' });
  });

  it('reports an unknown source type with the known types', async () => {
    const { error } = await issuesOf(
      'name: helper\nconnection: { endpoint: local, model: m }\nsource:\n  type: fille\n  path: x\n',
    );
    expect(brief(error.issues)).toEqual(['4:9 source.type unknown source type "fille"']);
    expect(error.issues[0]?.hint).toBe('did you mean "file"? (known source types: file, tone)');
  });

  it('reports a bad session value at the line of that field', async () => {
    const { error } = await issuesOf(
      'name: helper\nconnection: { endpoint: local, model: m }\nsession:\n  turn_detection:\n    type: server_vad\n    threshold: 2\n',
    );
    expect(brief(error.issues)).toEqual([
      '6:16 session.turn_detection.threshold Too big: expected number to be <=1',
    ]);
  });

  it('reports several problems at once, in file order, in one readable message', async () => {
    const { error } = await issuesOf(
      [
        'name: "bad name!"',
        'connection:',
        '  endpoint: ftp://x',
        '  model: m',
        'session:',
        '  voice: 5',
        '  modalities: [text, audoi]',
        'source: { type: file, path: missing.wav }',
        'plugins:',
        '  - type: transcript',
        '    path: t.jsonl',
        '    include_audio: "yes"',
        '',
      ].join('\n'),
    );
    expect(error.issues.map((i) => `${i.line}:${i.column} ${i.path}`)).toEqual([
      '1:7 name',
      '3:13 connection.endpoint',
      '6:10 session.voice',
      '7:22 session.modalities[1]',
      '8:29 source.path',
      '12:20 plugins[0].include_audio',
    ]);
    expect(error.issues.find((i) => i.path === 'session.modalities[1]')?.hint).toBe(
      'did you mean "audio"?',
    );
    const lines = error.message.split('\n');
    expect(lines[0]).toMatch(/agent\.yaml: 6 problems$/);
    // One line per problem plus a hint line for the two that have one.
    expect(lines).toHaveLength(1 + 6 + 2);
  });

  it('runs plugin checks with paths resolved against the agent file folder', async () => {
    const yaml =
      'name: helper\nconnection: { endpoint: local, model: m }\nsource:\n  type: file\n  path: ../audio/in.wav\n';
    const dir = await tempFolder({ 'agents/agent.yaml': yaml, 'audio/in.wav': 'RIFF' });
    const config = await loadAgentConfig(join(dir, 'agents/agent.yaml'), {
      env: {},
      registry: testRegistry,
    });
    expect(config.source?.options).toEqual({ path: '../audio/in.wav', pace: 'realtime' });
    expect(config.baseDir).toBe(join(dir, 'agents'));

    const missing = await issuesOf(yaml);
    expect(brief(missing.error.issues)).toEqual([
      '5:9 source.path ../audio/in.wav does not exist or is not readable',
    ]);
    expect(missing.error.issues[0]?.hint).toBe('paths are relative to the agent file');
  });

  it('reports an unreadable agent file as E_CONFIG_FILE', async () => {
    const dir = await tempFolder({});
    const error: unknown = await loadAgentConfig(join(dir, 'nope.yaml'), {
      env: {},
      registry: testRegistry,
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'E_CONFIG_FILE' });
    expect((error as ConfigError).issues[0]?.message).toMatch(/cannot read the agent file: ENOENT/);
  });

  it('needs exactly one target and auth for a remote endpoint', async () => {
    const { error } = await issuesOf('name: helper\nconnection:\n  endpoint: https://x.example\n');
    expect(error.issues.map((i) => i.message)).toEqual([
      'give exactly one target: `model` or `agent`',
      'a remote endpoint needs `auth` (`type: api-key` or `type: entra`)',
    ]);
    const noAuth = await issuesOf(
      'name: helper\nconnection:\n  endpoint: https://x.example\n  model: m\n',
    );
    expect(brief(noAuth.error.issues)).toEqual([
      '3:3 connection.auth a remote endpoint needs `auth` (`type: api-key` or `type: entra`)',
    ]);
  });

  it('refuses api_version v1 at its line until the client speaks that dialect; dated ones load', async () => {
    const yaml = (version: string): string =>
      `name: helper\nconnection:\n  endpoint: local\n  model: m\n  api_version: '${version}'\n`;
    const { error } = await issuesOf(yaml('v1'));
    expect(brief(error.issues)).toEqual([
      "5:16 connection.api_version voxd's client does not speak the `v1` dialect yet: use a dated api-version such as '2025-10-01' (the same service, the older event shape)",
    ]);
    const dir = await tempFolder({ 'a.yaml': yaml('2025-10-01') });
    const config = await loadAgentConfig(join(dir, 'a.yaml'), { env: {}, registry: testRegistry });
    expect(config.connection.api_version).toBe('2025-10-01');
  });
});
