import { describe, expect, it } from 'vitest';

import { parseClientEvent, parseServerEvent } from '../src/parse.js';
import { sessionConfigSchema, sessionObjectSchema } from '../src/session.js';

function parseSession(session: unknown) {
  return parseClientEvent(JSON.stringify({ type: 'session.update', event_id: 'evt_s', session }));
}

function expectKnown(session: unknown): void {
  const parsed = parseSession(session);
  if (parsed.kind !== 'known') throw new Error(JSON.stringify(parsed));
  expect(parsed.event).toEqual({ type: 'session.update', event_id: 'evt_s', session });
}

function expectInvalid(session: unknown, param: string): void {
  const parsed = parseSession(session);
  if (parsed.kind !== 'malformed') throw new Error(`expected malformed, got ${parsed.kind}`);
  expect({ code: parsed.error.code, param: parsed.error.param }).toEqual({
    code: 'E_PROTOCOL_INVALID_FIELD',
    param,
  });
}

const azureOptional = {
  temperature: 0.7,
  rate: '1.2',
  pitch: '+5%',
  volume: '-6dB',
  style: 'cheerful',
  locale: 'en-US',
  prefer_locales: ['en-GB'],
  custom_lexicon_url: 'https://example.invalid/lexicon.xml',
  custom_text_normalization_url: 'https://example.invalid/norm.json',
};

const voices: Array<[string, unknown]> = [
  ...['alloy', 'ash', 'ballad', 'coral', 'echo', 'sage', 'shimmer', 'verse', 'marin', 'cedar'].map(
    (name): [string, unknown] => [`bare ${name}`, name],
  ),
  ['openai object', { type: 'openai', name: 'marin' }],
  ['azure-standard', { type: 'azure-standard', name: 'en-US-AvaNeural' }],
  [
    'azure-standard HD + options',
    { type: 'azure-standard', name: 'en-US-Ava:DragonHDLatestNeural', ...azureOptional },
  ],
  [
    'azure-custom',
    { type: 'azure-custom', name: 'MyVoice', endpoint_id: 'ep-1', ...azureOptional },
  ],
  ...[
    'DragonLatestNeural',
    'PhoenixLatestNeural',
    'PhoenixV2Neural',
    'DragonHDOmniLatestNeural',
    'MAI-Voice-1',
  ].map((model): [string, unknown] => [
    `azure-personal ${model}`,
    { type: 'azure-personal', name: 'speaker-1', model },
  ]),
  ['avatar-voice-sync', { type: 'avatar-voice-sync', model: 'sync-1', style: 'calm' }],
  ['azure-realtime-native', { type: 'azure-realtime-native', name: 'ava' }],
];

describe('session.update: voice', () => {
  it.each(voices)('accepts %s', (_name, voice) => {
    expectKnown({ voice });
  });

  it.each([
    ['bob', 'session.voice'],
    [{ type: 'openai', name: 'bob' }, 'session.voice.name'],
    [{ type: 'azure-standard', name: '' }, 'session.voice.name'],
    [{ type: 'azure-personal', name: 's', model: 'Dragon' }, 'session.voice.model'],
    [{ type: 'azure-realtime-native', name: 'bob' }, 'session.voice.name'],
    [{ type: 'elevenlabs', name: 'x' }, 'session.voice.type'],
    [42, 'session.voice'],
  ])('rejects %j with the path', (voice, param) => {
    expectInvalid({ voice }, param);
  });

  it('reports the missing fields of azure-custom', () => {
    const parsed = parseSession({ voice: { type: 'azure-custom', name: 'MyVoice' } });
    expect(parsed.kind === 'malformed' && parsed.error.param).toBe('session.voice.endpoint_id');
    expect(parsed.kind === 'malformed' && parsed.error.code).toBe('E_PROTOCOL_MISSING_FIELD');
  });
});

const eou = {
  model: 'semantic_detection_v1_multilingual',
  threshold_level: 'high',
  timeout_ms: 800,
};
const vad = {
  threshold: 0.5,
  prefix_padding_ms: 300,
  silence_duration_ms: 500,
  create_response: true,
  interrupt_response: true,
  auto_truncate: false,
};

describe('session.update: turn_detection', () => {
  it.each<[string, unknown]>([
    ['null (VAD off)', null],
    [
      'server_vad',
      { type: 'server_vad', ...vad, speech_duration_ms: 200, end_of_utterance_detection: eou },
    ],
    [
      'azure_semantic_vad',
      {
        type: 'azure_semantic_vad',
        ...vad,
        speech_duration_ms: 80,
        remove_filler_words: true,
        languages: ['en', 'es'],
        appended_text_after_truncation: '…',
      },
    ],
    [
      'azure_semantic_vad_en',
      {
        type: 'azure_semantic_vad_en',
        ...vad,
        remove_filler_words: false,
        end_of_utterance_detection: { model: 'semantic_detection_v1_en' },
      },
    ],
    [
      'azure_semantic_vad_multilingual',
      { type: 'azure_semantic_vad_multilingual', threshold: 0.3, languages: ['hi'] },
    ],
    [
      'semantic_vad',
      { type: 'semantic_vad', eagerness: 'auto', create_response: false, interrupt_response: true },
    ],
    ['bare type', { type: 'server_vad' }],
  ])('accepts %s', (_name, turnDetection) => {
    expectKnown({ turn_detection: turnDetection });
  });

  it.each([
    [{ type: 'client_vad' }, 'session.turn_detection.type'],
    [{ type: 'semantic_vad', eagerness: 'eager' }, 'session.turn_detection.eagerness'],
    [{ type: 'server_vad', silence_duration_ms: -1 }, 'session.turn_detection.silence_duration_ms'],
    [{ type: 'server_vad', threshold: -0.01 }, 'session.turn_detection.threshold'],
    [
      { type: 'server_vad', end_of_utterance_detection: { model: 'v2' } },
      'session.turn_detection.end_of_utterance_detection.model',
    ],
    [
      {
        type: 'server_vad',
        end_of_utterance_detection: { model: 'semantic_detection_v1', threshold_level: 'max' },
      },
      'session.turn_detection.end_of_utterance_detection.threshold_level',
    ],
  ])('rejects %j with the path', (turnDetection, param) => {
    expectInvalid({ turn_detection: turnDetection }, param);
  });
});

describe('session.update: other fields', () => {
  it('accepts a session using every field', () => {
    expectKnown({
      model: 'gpt-realtime',
      modalities: ['text', 'audio', 'animation', 'avatar'],
      instructions: '',
      input_audio_format: 'g711_ulaw',
      input_audio_sampling_rate: 44100,
      output_audio_format: 'pcm16_44100hz',
      input_audio_noise_reduction: { type: 'near_field' },
      input_audio_echo_cancellation: {
        type: 'server_echo_cancellation',
        reference_source: 'client',
        channels: 2,
      },
      input_audio_transcription: {
        model: 'gpt-4o-transcribe',
        language: 'en,zh',
        prompt: 'names',
        custom_speech: { 'en-US': 'ep' },
        phrase_list: ['Voxd'],
      },
      output_audio_timestamp_types: ['word'],
      animation: { model_name: 'default', outputs: ['blendshapes', 'viseme_id'] },
      avatar: {
        character: 'lisa',
        customized: false,
        type: 'photo-avatar',
        model: 'vasa-1',
        style: 'casual-sitting',
        ice_servers: [
          { urls: ['turn:relay.example.invalid:3478'], username: 'u', credential: 'c' },
        ],
        video: {
          bitrate: 2000000,
          codec: 'h264',
          gop_size: 10,
          resolution: { width: 1920, height: 1080 },
          crop: { top_left: [560, 0], bottom_right: [1360, 1080] },
          background: { color: '#00FF00FF' },
        },
        scene: {
          zoom: 1,
          position_x: 0,
          position_y: 0,
          rotation_x: 0,
          rotation_y: 0,
          rotation_z: 0,
          amplitude: 1,
        },
        output_protocol: 'websocket',
        output_audit_audio: true,
      },
      tools: [
        { type: 'function', name: 'get_weather', description: 'd', parameters: { type: 'object' } },
        {
          type: 'mcp',
          server_label: 'docs',
          server_url: 'https://mcp.example.invalid',
          authorization: 'Bearer x',
          headers: { 'x-a': 'b' },
          allowed_tools: ['search'],
          require_approval: { never: ['search'], always: [] },
        },
        {
          type: 'mcp',
          server_label: 'other',
          server_url: 'https://mcp2.example.invalid',
          require_approval: 'never',
        },
        { type: 'end_conversation', description: 'hang up when the user says goodbye' },
        {
          type: 'foundry_agent',
          agent_name: 'a',
          project_name: 'p',
          agent_context_type: 'no_context',
          return_agent_response_directly: true,
        },
      ],
      tool_choice: { type: 'function', name: 'get_weather' },
      temperature: 2,
      max_response_output_tokens: 4096,
      reasoning_effort: 'xhigh',
      interim_response: {
        type: 'llm_interim_response',
        triggers: ['latency', 'tool'],
        latency_threshold_ms: 2000,
        model: 'gpt-4.1-mini',
        instructions: 'stall',
        max_completion_tokens: 50,
      },
      include: [
        'item.input_audio_transcription.logprobs',
        'item.input_audio_transcription.phrases',
        'file_search_call.results',
      ],
      metadata: { tenant: 't1' },
      some_future_field: { kept: true },
    });
    expectKnown({ interim_response: { type: 'static_interim_response', texts: ['One moment.'] } });
    expectKnown({
      tool_choice: 'required',
      max_response_output_tokens: 'inf',
      output_audio_format: 'pcm16_16000hz',
    });
    expectKnown({
      avatar: {
        character: 'lisa',
        customized: true,
        video: { background: { image_url: 'https://example.invalid/bg.png' } },
      },
    });
    expectKnown({
      input_audio_noise_reduction: null,
      input_audio_echo_cancellation: null,
      input_audio_transcription: null,
    });
  });

  it.each([
    [{ input_audio_format: 'mp3' }, 'session.input_audio_format'],
    [{ output_audio_format: 'opus' }, 'session.output_audio_format'],
    [{ modalities: ['video'] }, 'session.modalities[0]'],
    [{ modalities: ['audio'] }, 'session.modalities'],
    [{ input_audio_noise_reduction: { type: 'loud' } }, 'session.input_audio_noise_reduction.type'],
    [
      { input_audio_echo_cancellation: { type: 'server_echo_cancellation', channels: 3 } },
      'session.input_audio_echo_cancellation.channels',
    ],
    [
      { input_audio_transcription: { model: 'whisper-2' } },
      'session.input_audio_transcription.model',
    ],
    [{ tools: [{ type: 'web_search' }] }, 'session.tools[0].type'],
    [
      {
        tools: [{ type: 'mcp', server_label: 'a', server_url: 'u', require_approval: 'sometimes' }],
      },
      'session.tools[0].require_approval',
    ],
    [{ tool_choice: 'any' }, 'session.tool_choice'],
    [{ reasoning_effort: 'max' }, 'session.reasoning_effort'],
    [{ include: ['everything'] }, 'session.include[0]'],
    [{ output_audio_timestamp_types: ['sentence'] }, 'session.output_audio_timestamp_types[0]'],
    [{ animation: { outputs: ['mesh'] } }, 'session.animation.outputs[0]'],
    [
      { avatar: { character: 'l', customized: false, output_protocol: 'rtmp' } },
      'session.avatar.output_protocol',
    ],
    [
      { avatar: { character: 'l', customized: false, video: { background: { color: 'green' } } } },
      'session.avatar.video.background.color',
    ],
    [
      { interim_response: { type: 'static_interim_response', triggers: ['silence'] } },
      'session.interim_response.triggers[0]',
    ],
  ])('rejects %j with the path', (session, param) => {
    expectInvalid(session, param);
  });

  it.each([
    [
      { input_audio_echo_cancellation: { type: 'server_echo_cancellation', channels: 2 } },
      'session.input_audio_echo_cancellation.reference_source',
    ],
    [{ tool_choice: { type: 'function' } }, 'session.tool_choice.name'],
  ])('reports %j as a missing field', (session, param) => {
    const parsed = parseSession(session);
    expect(parsed.kind === 'malformed' && [parsed.error.code, parsed.error.param]).toEqual([
      'E_PROTOCOL_MISSING_FIELD',
      param,
    ]);
  });

  it('requires a model for photo avatars', () => {
    const parsed = parseSession({
      avatar: { character: 'lisa', customized: false, type: 'photo-avatar' },
    });
    expect(parsed.kind === 'malformed' && [parsed.error.code, parsed.error.param]).toEqual([
      'E_PROTOCOL_MISSING_FIELD',
      'session.avatar.model',
    ]);
  });
});

describe('session response form', () => {
  const created = (session: unknown) =>
    parseServerEvent(JSON.stringify({ type: 'session.created', event_id: 'event_1', session }));

  it('requires a non-empty id and object "realtime.session"', () => {
    const missingId = created({ object: 'realtime.session' });
    expect(missingId.kind === 'malformed' && missingId.error.param).toBe('session.id');
    const emptyId = created({ id: '', object: 'realtime.session' });
    expect(emptyId.kind === 'malformed' && emptyId.error.code).toBe('E_PROTOCOL_INVALID_FIELD');
    const wrongObject = created({ id: 'sess_1', object: 'realtime.response' });
    expect(wrongObject.kind === 'malformed' && wrongObject.error.param).toBe('session.object');
  });

  it('accepts an agent session', () => {
    const session = {
      id: 'sess_1',
      object: 'realtime.session',
      expires_at: 1795000000,
      agent: { type: 'agent', name: 'helper', agent_id: 'asst_1', thread_id: 'thread_1' },
    };
    expect(created(session)).toEqual({
      kind: 'known',
      event: { type: 'session.created', event_id: 'event_1', session },
    });
  });

  it('is the request form plus the response fields', () => {
    const request = { instructions: 'x', voice: 'alloy' };
    expect(sessionConfigSchema.parse(request)).toEqual(request);
    expect(sessionObjectSchema.safeParse(request).success).toBe(false);
    expect(sessionObjectSchema.parse({ ...request, id: 's', object: 'realtime.session' })).toEqual({
      ...request,
      id: 's',
      object: 'realtime.session',
    });
  });
});
