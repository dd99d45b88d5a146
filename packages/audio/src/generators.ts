import { AudioError } from './audio-error.js';
import { type AudioFormat, byteLengthForMs, bytesPerSample } from './audio-format.js';
import { encodeSamples } from './codec.js';

/** The code of digital silence: PCM 0, µ-law 0xFF, A-law 0xD5 (both decode to ±0 / ±8). */
const SILENCE_BYTE = { pcm16: 0x00, g711_ulaw: 0xff, g711_alaw: 0xd5 } as const;

/** `durationMs` of digital silence in `format` (rounded down to whole samples). */
export function silence(format: AudioFormat, durationMs: number): Uint8Array {
  checkDuration(durationMs);
  return new Uint8Array(byteLengthForMs(format, durationMs)).fill(SILENCE_BYTE[format.encoding]);
}

/** Options of {@link tone}. */
export interface ToneOptions {
  readonly frequencyHz: number;
  readonly durationMs: number;
  /** Peak amplitude relative to full scale, 0 to 1. @default 0.5 (−6 dBFS peak) */
  readonly amplitude?: number;
  /**
   * Phase of the first sample in radians. To continue a tone in the next chunk, pass
   * `startPhase + 2π × frequencyHz × samples / sampleRate` of the previous one. @default 0
   */
  readonly startPhase?: number;
}

/**
 * A sine tone in `format` (rounded down to whole samples), e.g. for test signals and beeps.
 *
 * @throws {AudioError} `E_AUDIO_INVALID_ARGUMENT` when the frequency is not below the Nyquist
 *   frequency of the format, or amplitude or duration are out of range.
 */
export function tone(format: AudioFormat, options: ToneOptions): Uint8Array {
  const { frequencyHz, durationMs } = options;
  const amplitude = options.amplitude ?? 0.5;
  const startPhase = options.startPhase ?? 0;
  checkDuration(durationMs);
  const nyquistHz = format.sampleRate / 2;
  if (!(frequencyHz >= 0 && frequencyHz < nyquistHz)) {
    throw new AudioError(
      'E_AUDIO_INVALID_ARGUMENT',
      `tone frequencyHz ${frequencyHz} is outside 0 to ${nyquistHz} Hz (Nyquist at ${format.sampleRate} Hz)`,
    );
  }
  if (!(amplitude >= 0 && amplitude <= 1)) {
    throw new AudioError(
      'E_AUDIO_INVALID_ARGUMENT',
      `tone amplitude ${amplitude} is outside 0 to 1`,
    );
  }
  const count =
    byteLengthForMs(format, durationMs) / (bytesPerSample(format.encoding) * format.channels);
  const samples = new Int16Array(count);
  const step = (2 * Math.PI * frequencyHz) / format.sampleRate;
  const peak = amplitude * 32767;
  for (let i = 0; i < count; i++) samples[i] = Math.round(peak * Math.sin(startPhase + step * i));
  return encodeSamples(samples, format.encoding);
}

function checkDuration(durationMs: number): void {
  if (!(durationMs >= 0) || !Number.isFinite(durationMs)) {
    throw new AudioError(
      'E_AUDIO_INVALID_ARGUMENT',
      `durationMs ${durationMs} is not a finite number ≥ 0`,
    );
  }
}
