/** Wire encodings of Voice Live audio. G.711 is always 8 kHz; PCM16 is signed 16-bit little-endian. */
export type AudioEncoding = 'pcm16' | 'g711_ulaw' | 'g711_alaw';

/** Sample rates voxd handles end to end. */
export type SampleRate = 8000 | 16000 | 24000;

/** Describes raw mono audio. Audio never carries a container header inside a frame. */
export interface AudioFormat {
  readonly encoding: AudioEncoding;
  readonly sampleRate: SampleRate;
  readonly channels: 1;
}

/** A chunk of raw audio in `format`, stamped with its position on its stream's own timeline. */
export interface AudioFrame {
  readonly format: AudioFormat;
  readonly data: Uint8Array;
  /** Start of this frame, in ms from the start of the stream it belongs to. */
  readonly timestampMs: number;
}

export const PCM16_24K: AudioFormat = Object.freeze({
  encoding: 'pcm16',
  sampleRate: 24000,
  channels: 1,
});
export const PCM16_16K: AudioFormat = Object.freeze({
  encoding: 'pcm16',
  sampleRate: 16000,
  channels: 1,
});
export const G711_ULAW: AudioFormat = Object.freeze({
  encoding: 'g711_ulaw',
  sampleRate: 8000,
  channels: 1,
});
export const G711_ALAW: AudioFormat = Object.freeze({
  encoding: 'g711_alaw',
  sampleRate: 8000,
  channels: 1,
});

/** Bytes one sample takes in `encoding`. */
export function bytesPerSample(encoding: AudioEncoding): 1 | 2 {
  return encoding === 'pcm16' ? 2 : 1;
}

/** Bytes per second of audio in `format`. */
export function bytesPerSecond(format: AudioFormat): number {
  return format.sampleRate * bytesPerSample(format.encoding) * format.channels;
}

/** Duration in ms of `byteLength` bytes of `format`. */
export function durationMs(format: AudioFormat, byteLength: number): number {
  return (byteLength * 1000) / bytesPerSecond(format);
}

/** Whole-sample byte length of `ms` of audio in `format` (rounded down to a sample). */
export function byteLengthForMs(format: AudioFormat, ms: number): number {
  const sampleBytes = bytesPerSample(format.encoding) * format.channels;
  return Math.floor((ms * format.sampleRate) / 1000) * sampleBytes;
}

export function sameFormat(a: AudioFormat, b: AudioFormat): boolean {
  return a.encoding === b.encoding && a.sampleRate === b.sampleRate && a.channels === b.channels;
}
