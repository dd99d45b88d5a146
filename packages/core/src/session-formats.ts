import type { AudioFormat, SampleRate } from '@voxd/audio';
import { sameFormat } from '@voxd/audio';
import type { SessionConfig } from '@voxd/protocol';

import { CoreError } from './core-error.js';

const RATES: readonly number[] = [8000, 16000, 24000];

/**
 * The format of the user audio a session sends (`input_audio_format` and
 * `input_audio_sampling_rate`, with the protocol defaults pcm16 at 24 kHz).
 *
 * @throws {CoreError} `E_FORMAT_UNSUPPORTED` for a sampling rate voxd does not stream.
 */
export function inputFormatOf(session: SessionConfig): AudioFormat {
  const encoding = session.input_audio_format ?? 'pcm16';
  if (encoding !== 'pcm16') return { encoding, sampleRate: 8000, channels: 1 };
  const sampleRate = session.input_audio_sampling_rate ?? 24000;
  if (!isSampleRate(sampleRate)) {
    throw new CoreError(
      'E_FORMAT_UNSUPPORTED',
      `session input_audio_sampling_rate ${sampleRate} is not supported: use 8000, 16000 or 24000`,
    );
  }
  return { encoding, sampleRate, channels: 1 };
}

/**
 * The format of the assistant audio a session receives (`output_audio_format`; `pcm16` is 24 kHz).
 *
 * @throws {CoreError} `E_FORMAT_UNSUPPORTED` for a format voxd does not play.
 */
export function outputFormatOf(session: SessionConfig): AudioFormat {
  const name = session.output_audio_format ?? 'pcm16';
  if (name === 'g711_ulaw' || name === 'g711_alaw') {
    return { encoding: name, sampleRate: 8000, channels: 1 };
  }
  const sampleRate = name === 'pcm16' ? 24000 : Number(/^pcm16_(\d+)hz$/.exec(name)?.[1]);
  if (!isSampleRate(sampleRate)) {
    throw new CoreError(
      'E_FORMAT_UNSUPPORTED',
      `session output_audio_format "${name}" is not supported: use pcm16, pcm16_16000hz, pcm16_8000hz, g711_ulaw or g711_alaw`,
    );
  }
  return { encoding: 'pcm16', sampleRate, channels: 1 };
}

/**
 * Checks that a source or sink speaks the session's format; converting is the caller's job.
 *
 * @throws {CoreError} `E_FORMAT_MISMATCH` naming both formats.
 */
export function assertSameFormat(what: string, actual: AudioFormat, expected: AudioFormat): void {
  if (sameFormat(actual, expected)) return;
  throw new CoreError(
    'E_FORMAT_MISMATCH',
    `${what} format ${describeFormat(actual)} does not match the session's ${describeFormat(expected)}: convert it before the session (e.g. with convertAudio from @voxd/audio)`,
  );
}

export function describeFormat(format: AudioFormat): string {
  return `${format.encoding}/${format.sampleRate}Hz/${format.channels}ch`;
}

function isSampleRate(value: number): value is SampleRate {
  return RATES.includes(value);
}

/**
 * Checks the formats the server reports in `session.updated` against the ones the session streams:
 * audio decoded in the wrong format is noise. Fields the server leaves out are not checked.
 *
 * @throws {CoreError} `E_FORMAT_MISMATCH` naming the field.
 */
export function assertServerFormats(
  effective: SessionConfig,
  input: AudioFormat,
  output: AudioFormat,
): void {
  const problems: string[] = [];
  if (effective.input_audio_format != null && effective.input_audio_format !== input.encoding) {
    problems.push(
      `input_audio_format ${effective.input_audio_format} (expected ${input.encoding})`,
    );
  }
  const rate = effective.input_audio_sampling_rate;
  if (input.encoding === 'pcm16' && rate != null && rate !== input.sampleRate) {
    problems.push(`input_audio_sampling_rate ${rate} (expected ${input.sampleRate})`);
  }
  if (effective.output_audio_format != null) {
    const reported = formatOrUndefined(effective.output_audio_format);
    if (reported === undefined || !sameFormat(reported, output)) {
      problems.push(
        `output_audio_format ${effective.output_audio_format} (expected ${describeFormat(output)})`,
      );
    }
  }
  if (problems.length > 0) {
    throw new CoreError(
      'E_FORMAT_MISMATCH',
      `the server's session does not use the audio formats this session streams: ${problems.join(', ')}`,
    );
  }
}

function formatOrUndefined(
  name: NonNullable<SessionConfig['output_audio_format']>,
): AudioFormat | undefined {
  try {
    return outputFormatOf({ output_audio_format: name });
  } catch {
    return undefined;
  }
}
