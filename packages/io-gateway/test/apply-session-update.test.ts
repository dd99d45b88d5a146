import type { SessionConfig } from '@voxd/protocol';
import { describe, expect, it } from 'vitest';

import { applySessionUpdate } from '../src/apply-session-update.js';
import {
  CLIENT_AUDIO_FIELDS,
  createSessionFieldPolicy,
  DEFAULT_FIELD_POLICIES,
  KNOWN_SESSION_FIELDS,
  sessionFieldPolicyProblem,
} from '../src/field-policy.js';

const WEATHER_TOOL = {
  type: 'function' as const,
  name: 'get_weather',
  parameters: { type: 'object', properties: {} },
};
const AGENT: SessionConfig = {
  instructions: 'You are the voxd weather agent.',
  voice: { type: 'openai', name: 'alloy' },
  input_audio_format: 'pcm16',
  output_audio_format: 'pcm16',
  turn_detection: { type: 'server_vad', silence_duration_ms: 500 },
  temperature: 0.8,
  tools: [WEATHER_TOOL],
};

/** The session Microsoft's Learn module (and the SDK README) sends first, as it goes on the wire. */
const LEARN_SESSION = {
  modalities: ['text', 'audio'],
  instructions: 'You are a helpful AI assistant. Respond naturally and conversationally.',
  voice: { type: 'azure-standard', name: 'en-US-AvaNeural' },
  input_audio_format: 'pcm16',
  output_audio_format: 'pcm16',
  turn_detection: {
    type: 'server_vad',
    threshold: 0.5,
    prefix_padding_ms: 300,
    silence_duration_ms: 500,
  },
};

const apply = (
  requested: Record<string, unknown>,
  overrides: Parameters<typeof createSessionFieldPolicy>[0] = {},
  current: SessionConfig = AGENT,
) =>
  applySessionUpdate({
    agent: AGENT,
    current,
    requested,
    policy: createSessionFieldPolicy(overrides),
  });

describe('applySessionUpdate under the default policy', () => {
  it("accepts the Learn module's session: the client's formats and turns, the agent's instructions and voice", () => {
    const outcome = apply(LEARN_SESSION);
    expect(outcome).toEqual({
      ok: true,
      dropped: ['instructions', 'voice'],
      session: {
        ...AGENT,
        modalities: ['text', 'audio'],
        turn_detection: LEARN_SESSION.turn_detection,
      },
    });
  });

  it('always takes the client audio fields, whatever the overrides for other fields', () => {
    const outcome = apply(
      {
        input_audio_format: 'g711_ulaw',
        output_audio_format: 'g711_alaw',
        input_audio_sampling_rate: 8000,
        modalities: ['text'],
      },
      { instructions: 'reject', voice: 'reject' },
    );
    expect(outcome.ok && outcome.session).toMatchObject({
      input_audio_format: 'g711_ulaw',
      output_audio_format: 'g711_alaw',
      input_audio_sampling_rate: 8000,
      modalities: ['text'],
      instructions: AGENT.instructions,
    });
    expect(outcome.ok && outcome.dropped).toEqual([]);
  });

  it('does not report a kept field whose client value is already the effective one', () => {
    const outcome = apply({ instructions: AGENT.instructions, voice: AGENT.voice });
    expect(outcome).toEqual({ ok: true, session: AGENT, dropped: [] });
  });

  it('keeps fields voxd does not know, and model', () => {
    const outcome = apply({ model: 'gpt-4o', some_future_field: { on: true } });
    expect(outcome).toEqual({ ok: true, session: AGENT, dropped: ['model', 'some_future_field'] });
  });

  it("merges the client's tools after the agent's; a later list replaces the client's, never the agent's", () => {
    const clock = { type: 'function', name: 'get_time', parameters: { type: 'object' } };
    const shadow = { type: 'function', name: 'get_weather', description: 'the client version' };
    const first = apply({ tools: [clock, shadow] });
    expect(first.ok && first.session.tools).toEqual([WEATHER_TOOL, clock]);
    const current = first.ok ? first.session : AGENT;
    const second = apply({ tools: [] }, {}, current);
    expect(second.ok && second.session.tools).toEqual([WEATHER_TOOL]);
  });

  it("drops the client's tools under keep", () => {
    const outcome = apply({ tools: [{ type: 'function', name: 'x' }] }, { tools: 'keep' });
    expect(outcome).toEqual({ ok: true, session: AGENT, dropped: ['tools'] });
  });
});

describe('applySessionUpdate with overrides', () => {
  it('lets the client win under allow', () => {
    const outcome = apply(LEARN_SESSION, { instructions: 'allow', voice: 'allow' });
    expect(outcome).toEqual({
      ok: true,
      dropped: [],
      session: { ...AGENT, ...LEARN_SESSION },
    });
  });

  it('refuses the whole update under reject, naming every rejected field in order', () => {
    const outcome = apply(
      { voice: 'echo', temperature: 0.6, instructions: 'x' },
      { temperature: 'reject', instructions: 'reject' },
    );
    expect(outcome).toEqual({ ok: false, fields: ['temperature', 'instructions'] });
  });

  it('keeps a field the defaults allow when the agent says keep', () => {
    const outcome = apply({ turn_detection: null }, { turn_detection: 'keep' });
    expect(outcome).toEqual({ ok: true, session: AGENT, dropped: ['turn_detection'] });
  });
});

describe('the field policy table', () => {
  it('names every session field voxd knows, the client audio fields aside', () => {
    const named = new Set([...Object.keys(DEFAULT_FIELD_POLICIES), ...CLIENT_AUDIO_FIELDS]);
    expect([...named].sort()).toEqual([...KNOWN_SESSION_FIELDS].sort());
  });

  it('keeps the instructions and voice by default and allows the turn settings', () => {
    const policy = createSessionFieldPolicy();
    expect(
      ['instructions', 'voice', 'temperature', 'tool_choice'].map((field) => policy.of(field)),
    ).toEqual(['keep', 'keep', 'keep', 'keep']);
    expect(
      ['turn_detection', 'input_audio_transcription', 'tools'].map((field) => policy.of(field)),
    ).toEqual(['allow', 'allow', 'allow']);
  });

  it('says what is wrong with an override', () => {
    expect(sessionFieldPolicyProblem({ voice: 'allow', tools: 'keep' })).toBeUndefined();
    expect(sessionFieldPolicyProblem({ voice: 'deny' })).toEqual({
      field: 'voice',
      message: 'must be one of allow, keep, reject, got "deny"',
    });
    expect(sessionFieldPolicyProblem({ input_audio_format: 'reject' })).toEqual({
      field: 'input_audio_format',
      message: "describes the client's own audio: it is always the client's (only allow)",
    });
  });
});
