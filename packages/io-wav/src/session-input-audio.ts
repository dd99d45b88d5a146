import type { AudioFormat } from '@voxd/audio';

/** The `session.update` fields that declare the user audio's format to Voice Live. */
export interface SessionInputAudio {
  readonly input_audio_format: AudioFormat['encoding'];
  readonly input_audio_sampling_rate: AudioFormat['sampleRate'];
}

/**
 * The session input fields for audio in `format`. voxd converts nothing on the way in, so the
 * session must declare the source's own format: pass `source.format` here.
 *
 * @example
 * sessionInputAudio(createWavSource({ path: 'call.wav' }, ctx).format)
 * // { input_audio_format: 'g711_ulaw', input_audio_sampling_rate: 8000 }
 */
export function sessionInputAudio(format: AudioFormat): SessionInputAudio {
  return { input_audio_format: format.encoding, input_audio_sampling_rate: format.sampleRate };
}
