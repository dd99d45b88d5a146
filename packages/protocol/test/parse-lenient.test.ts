import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { parseClientEvent, parseServerEvent } from '../src/parse.js';
import type { Parsed } from '../src/parse.js';
import type { ServerEvent } from '../src/server-events.js';

const SESSION = {
  id: 'sess_1',
  object: 'realtime.session',
  model: 'gpt-realtime',
  voice: 'alloy',
  turn_detection: { type: 'server_vad', threshold: 0.5 },
};

function sessionUpdated(patch: Record<string, unknown>): string {
  return JSON.stringify({
    type: 'session.updated',
    event_id: 'event_1',
    session: { ...SESSION, ...patch },
  });
}

function lenient(frame: string): Parsed<ServerEvent> {
  return parseServerEvent(frame, { lenient: true });
}

describe('parseServerEvent lenient: values the reference does not list in open-ended fields', () => {
  it.each([
    ['a bare OpenAI voice name', { voice: 'nova' }, 'session.voice', 'nova'],
    [
      'an OpenAI voice object name',
      { voice: { type: 'openai', name: 'nova' } },
      'session.voice.name',
      'nova',
    ],
    [
      'an azure-realtime-native voice name',
      { voice: { type: 'azure-realtime-native', name: 'lena' } },
      'session.voice.name',
      'lena',
    ],
    [
      'an azure-personal voice model',
      { voice: { type: 'azure-personal', name: 'me', model: 'PhoenixV3Neural' } },
      'session.voice.model',
      'PhoenixV3Neural',
    ],
    [
      'a new voice type',
      { voice: { type: 'azure-future', name: 'x', pitch: 3 } },
      'session.voice.type',
      'azure-future',
    ],
    [
      'a transcription model',
      { input_audio_transcription: { model: 'gpt-5-transcribe', language: 'en' } },
      'session.input_audio_transcription.model',
      'gpt-5-transcribe',
    ],
    [
      'an end-of-utterance model',
      {
        turn_detection: {
          type: 'azure_semantic_vad',
          end_of_utterance_detection: { model: 'semantic_detection_v2' },
        },
      },
      'session.turn_detection.end_of_utterance_detection.model',
      'semantic_detection_v2',
    ],
    [
      'a new VAD type',
      { turn_detection: { type: 'azure_semantic_vad_v2', create_response: true } },
      'session.turn_detection.type',
      'azure_semantic_vad_v2',
    ],
    [
      'a noise-suppression type',
      { input_audio_noise_reduction: { type: 'azure_deep_noise_suppression_v2' } },
      'session.input_audio_noise_reduction.type',
      'azure_deep_noise_suppression_v2',
    ],
    ['a reasoning level', { reasoning_effort: 'max' }, 'session.reasoning_effort', 'max'],
    [
      'a new tool kind',
      { tools: [{ type: 'function', name: 'f' }, { type: 'web_search' }] },
      'session.tools[1].type',
      'web_search',
    ],
  ])(
    'accepts %s, naming it in unlisted; strict calls it malformed',
    (_name, patch, param, value) => {
      const frame = sessionUpdated(patch);
      const strict = parseServerEvent(frame);
      expect(strict.kind).toBe('malformed');
      // The strict error names the field, or the union it sits in.
      if (strict.kind === 'malformed') {
        expect(param.startsWith(strict.error.param ?? '-')).toBe(true);
      }

      const parsed = lenient(frame);
      expect(parsed).toEqual({
        kind: 'known',
        event: JSON.parse(frame) as unknown,
        unlisted: [{ param, value }],
      });
    },
  );

  it('reports every unlisted value of one event', () => {
    const parsed = lenient(
      sessionUpdated({ voice: 'nova', input_audio_transcription: { model: 'whisper-2' } }),
    );
    expect(parsed.kind === 'known' ? parsed.unlisted : parsed).toEqual([
      { param: 'session.voice', value: 'nova' },
      { param: 'session.input_audio_transcription.model', value: 'whisper-2' },
    ]);
  });

  it('still validates every other field, naming the real problem rather than the voice', () => {
    const parsed = lenient(sessionUpdated({ voice: 'nova', temperature: 'hot' }));
    expect(parsed.kind).toBe('malformed');
    if (parsed.kind !== 'malformed') return;
    expect(parsed.error.code).toBe('E_PROTOCOL_INVALID_FIELD');
    expect(parsed.error.param).toBe('session.temperature');
    // The strict parser reports the first issue, the voice.
    const strict = parseServerEvent(sessionUpdated({ voice: 'nova', temperature: 'hot' }));
    expect(strict.kind === 'malformed' ? strict.error.param : strict.kind).toBe('session.voice');
  });

  it('still checks the fields beside an unlisted value inside the same object', () => {
    const parsed = lenient(sessionUpdated({ voice: { type: 'openai', name: 'nova', extra: 1 } }));
    expect(parsed.kind).toBe('known');
    const bad = lenient(
      sessionUpdated({ voice: { type: 'azure-personal', name: '', model: 'PhoenixV3Neural' } }),
    );
    expect(bad.kind === 'malformed' ? bad.error.param : bad.kind).toBe('session.voice.name');
  });

  it.each([
    ['a non-string voice', { voice: 42 }],
    ['a voice object without a type', { voice: { name: 'nova' } }],
    ['a closed enum: input_audio_format', { input_audio_format: 'mp3' }],
    ['a closed enum: modalities', { modalities: ['text', 'video'] }],
    ['a number where a model name goes', { input_audio_transcription: { model: 7 } }],
  ])('keeps %s malformed', (_name, patch) => {
    expect(lenient(sessionUpdated(patch)).kind).toBe('malformed');
  });

  it('keeps protocol-structural enums of other events strict', () => {
    const done = {
      type: 'response.done',
      event_id: 'event_2',
      response: { id: 'resp_1', status: 'paused', output: [] },
    };
    const parsed = lenient(JSON.stringify(done));
    expect(parsed.kind === 'malformed' ? parsed.error.param : parsed.kind).toBe('response.status');
    const item = {
      type: 'conversation.item.created',
      event_id: 'event_3',
      previous_item_id: null,
      item: { id: 'item_1', type: 'message', role: 'narrator', content: [] },
    };
    expect(lenient(JSON.stringify(item)).kind).toBe('malformed');
  });

  it('parses valid events exactly as the strict parser does, without unlisted', () => {
    const fixtures = ['voicelive-sequences.json', 'voicelive-more-events.json'].flatMap(
      (name) =>
        JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as {
          events: { dir: string; event: unknown }[];
        }[],
    );
    const frames = fixtures
      .flatMap((sequence) => sequence.events)
      .filter((entry) => entry.dir === 'server')
      .map((entry) => JSON.stringify(entry.event));
    expect(frames.length).toBeGreaterThan(40);
    for (const frame of frames) {
      const parsed = lenient(frame);
      expect(parsed).toEqual(parseServerEvent(frame));
      expect(parsed.kind).toBe('known');
      expect('unlisted' in parsed).toBe(false);
      // The schemas neither transform nor default: a lenient parse may hand out the raw object.
      expect(parsed.kind === 'known' ? parsed.event : undefined).toEqual(JSON.parse(frame));
    }
  });

  it('leaves client events strict: a server refuses a voice it does not know', () => {
    const update = { type: 'session.update', event_id: 'c1', session: { voice: 'nova' } };
    const parsed = parseClientEvent(JSON.stringify(update));
    expect(parsed.kind === 'malformed' ? parsed.error.param : parsed.kind).toBe('session.voice');
  });
});
