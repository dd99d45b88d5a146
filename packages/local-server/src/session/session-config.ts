import type { SessionTarget } from '../handshake.js';
import type { Rng } from '../rng.js';

/** The effective session, in its wire (response) form. */
export type SessionState = Record<string, unknown> & { readonly id: string };

export type ConfigResult =
  | { readonly ok: true; readonly session: SessionState }
  | { readonly ok: false; readonly code: string; readonly message: string; readonly param: string };

const SESSION_SECONDS = 30 * 60;

/** The §4.1 defaults, with the model (or agent) from the connection. */
export function defaultSession(target: SessionTarget, apiVersion: string, rng: Rng): SessionState {
  // Lexicographic order works for these dated versions, and the 'v1' label sorts after them all.
  const prefixPaddingMs = apiVersion >= '2026-04-10' ? 400 : 300;
  const session: SessionState = {
    id: `sess_${rng.hex(20)}`,
    object: 'realtime.session',
    ...(target.kind === 'model' ? { model: target.model } : {}),
    modalities: ['text', 'audio'],
    instructions: '',
    voice: { type: 'openai', name: 'alloy' },
    input_audio_format: 'pcm16',
    input_audio_sampling_rate: 24000,
    output_audio_format: 'pcm16',
    input_audio_noise_reduction: null,
    input_audio_echo_cancellation: null,
    input_audio_transcription: null,
    turn_detection: {
      type: 'server_vad',
      threshold: 0.5,
      prefix_padding_ms: prefixPaddingMs,
      silence_duration_ms: 500,
      create_response: true,
      interrupt_response: true,
      auto_truncate: false,
    },
    tools: [],
    tool_choice: 'auto',
    temperature: 0.8,
    max_response_output_tokens: 'inf',
    expires_at: Math.floor(Date.now() / 1000) + SESSION_SECONDS,
  };
  if (target.kind === 'agent') {
    session['agent'] = {
      type: 'agent',
      name: target.agentName,
      agent_id: target.agentName,
      thread_id: `thread_${rng.hex(20)}`,
    };
  }
  return session;
}

function invalid(param: string, message: string): ConfigResult {
  return { ok: false, code: 'invalid_value', message, param };
}

const PCM16_INPUT_RATES = new Set([8000, 16000, 24000, 44100, 48000]);

/** Context the rules below need beyond the two configs. */
export interface UpdateContext {
  /** Whether any assistant audio was produced: the voice is fixed from then on. */
  readonly audioProduced: boolean;
  readonly agentMode: boolean;
  /** The connection's api-version: it picks the default `prefix_padding_ms`. */
  readonly apiVersion: string;
}

/**
 * A `turn_detection` object as the service echoes it: fields the client left out take their
 * defaults for that type (§4.3), so clients see the effective values (e.g. `create_response`).
 */
export function withTurnDetectionDefaults(
  turnDetection: Record<string, unknown>,
  apiVersion: string,
): Record<string, unknown> {
  const type = typeof turnDetection['type'] === 'string' ? turnDetection['type'] : 'server_vad';
  const common = { create_response: true, interrupt_response: true };
  if (type === 'semantic_vad') return { ...common, eagerness: 'auto', ...turnDetection };
  const newDefaults = apiVersion >= '2026-04-10';
  const azureSemantic = type.startsWith('azure_semantic_vad');
  const prefixPaddingMs = newDefaults ? (azureSemantic ? 420 : 400) : 300;
  return {
    threshold: 0.5,
    prefix_padding_ms: prefixPaddingMs,
    silence_duration_ms: 500,
    ...common,
    auto_truncate: false,
    ...(azureSemantic ? { speech_duration_ms: 80, remove_filler_words: false } : {}),
    ...turnDetection,
    type,
  };
}

/**
 * Merges a (schema-valid) `session.update` into the current session: top-level fields replace
 * their value, as the contract says (§2 notes), then the cross-field rules of §2 and §4.2 apply.
 */
export function applySessionUpdate(
  current: SessionState,
  update: Record<string, unknown>,
  context: UpdateContext,
): ConfigResult {
  if ('model' in update && update['model'] !== undefined && update['model'] !== current['model']) {
    return invalid(
      'session.model',
      `the model is fixed by the connection ('${String(current['model'])}') and cannot change`,
    );
  }
  if (
    context.agentMode &&
    typeof update['instructions'] === 'string' &&
    update['instructions'] !== ''
  ) {
    return invalid(
      'session.instructions',
      'instructions are not supported when the session is driven by an agent',
    );
  }
  if (
    context.audioProduced &&
    update['voice'] !== undefined &&
    JSON.stringify(update['voice']) !== JSON.stringify(current['voice'])
  ) {
    return invalid('session.voice', 'the voice cannot change once audio has been produced with it');
  }
  const modalities = update['modalities'];
  if (Array.isArray(modalities) && modalities.includes('audio') && !modalities.includes('text')) {
    return invalid(
      'session.modalities',
      "audio without text is not allowed: use ['text', 'audio']",
    );
  }
  const merged: Record<string, unknown> = { ...current };
  for (const [key, value] of Object.entries(update)) {
    if (
      value === undefined ||
      key === 'id' ||
      key === 'object' ||
      key === 'agent' ||
      key === 'expires_at'
    )
      continue;
    merged[key] = value;
  }
  const turnDetection = merged['turn_detection'];
  if (typeof turnDetection === 'object' && turnDetection !== null && 'turn_detection' in update)
    merged['turn_detection'] = withTurnDetectionDefaults(
      turnDetection as Record<string, unknown>,
      context.apiVersion,
    );
  const format = merged['input_audio_format'];
  if (format === 'g711_ulaw' || format === 'g711_alaw') {
    merged['input_audio_sampling_rate'] = 8000;
  } else {
    const rate = merged['input_audio_sampling_rate'];
    if (rate === null || rate === undefined) merged['input_audio_sampling_rate'] = 24000;
    else if (typeof rate !== 'number' || !PCM16_INPUT_RATES.has(rate)) {
      return invalid(
        'session.input_audio_sampling_rate',
        `pcm16 input must be 8000, 16000, 24000, 44100 or 48000 Hz, got ${JSON.stringify(rate)}`,
      );
    }
  }
  return { ok: true, session: { ...merged, id: current.id } };
}
