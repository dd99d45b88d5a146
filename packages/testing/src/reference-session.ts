import type { SessionConfig } from '@voxd/protocol';

/**
 * The recommended `session.created` defaults of a local server (reference §4.1), transcribed from
 * the reference rather than taken from any server, so tests can hold a server to them. Leaves out
 * the random `id` and the `model` (from the query). From api-version 2026-04-10 the default
 * `prefix_padding_ms` is 400 instead (§4.3).
 */
export const REFERENCE_SESSION_DEFAULTS: Readonly<
  SessionConfig & { readonly object: 'realtime.session' }
> = {
  object: 'realtime.session',
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
    prefix_padding_ms: 300,
    silence_duration_ms: 500,
    create_response: true,
    interrupt_response: true,
    auto_truncate: false,
  },
  tools: [],
  tool_choice: 'auto',
  temperature: 0.8,
  max_response_output_tokens: 'inf',
};
