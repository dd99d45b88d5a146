import { AudioError } from './audio-error.js';
import { type AudioFormat, bytesPerSample } from './audio-format.js';

/** WAVE format tags voxd writes and reads. */
export const WAVE_FORMAT_PCM = 0x0001;
export const WAVE_FORMAT_ALAW = 0x0006;
export const WAVE_FORMAT_MULAW = 0x0007;
export const WAVE_FORMAT_EXTENSIBLE = 0xfffe;

/**
 * Where {@link createWavHeader} puts the size fields, so a streaming writer can write a header
 * with size 0 first and patch the little-endian u32 fields when it knows the data length (or
 * simply write `createWavHeader(format, dataLength)` again at offset 0: the length is fixed).
 */
export interface WavHeaderLayout {
  /** Bytes before the first data byte. */
  readonly headerLength: number;
  /** u32 at this offset = file length − 8 (including a pad byte after odd-length data). */
  readonly riffSizeOffset: number;
  /** u32 at this offset = data length in bytes (without the pad byte). */
  readonly dataSizeOffset: number;
  /** G.711 only: u32 at this offset = number of samples (the `fact` chunk). */
  readonly factSampleCountOffset?: number;
}

const PCM_LAYOUT: WavHeaderLayout = Object.freeze({
  headerLength: 44,
  riffSizeOffset: 4,
  dataSizeOffset: 40,
});

// RIFF(12) + 'fmt '(8 + 18) + 'fact'(8 + 4) + 'data'(8)
const G711_LAYOUT: WavHeaderLayout = Object.freeze({
  headerLength: 58,
  riffSizeOffset: 4,
  dataSizeOffset: 54,
  factSampleCountOffset: 46,
});

/** The layout of the header {@link createWavHeader} writes for `format`. */
export function wavHeaderLayout(format: AudioFormat): WavHeaderLayout {
  return format.encoding === 'pcm16' ? PCM_LAYOUT : G711_LAYOUT;
}

/**
 * Writes a WAV header for `dataLength` bytes of `format` audio. PCM16 gets the canonical 44-byte
 * header. G.711 gets the non-PCM form readers such as sox and ffmpeg expect: an 18-byte `fmt `
 * chunk with `cbSize = 0`, then a `fact` chunk with the sample count.
 *
 * When `dataLength` is odd, RIFF requires one pad byte (0) after the data; the RIFF size counts it.
 *
 * @throws {AudioError} `E_AUDIO_INVALID_ARGUMENT` when `dataLength` is negative, not whole
 *   samples, or too large for the 32-bit RIFF size.
 */
export function createWavHeader(format: AudioFormat, dataLength: number): Uint8Array {
  const layout = wavHeaderLayout(format);
  const sampleBytes = bytesPerSample(format.encoding);
  validateDataLength(dataLength, sampleBytes, layout.headerLength);
  const header = new Uint8Array(layout.headerLength);
  const view = new DataView(header.buffer);
  const ascii = (offset: number, text: string): void => {
    for (let i = 0; i < text.length; i++) header[offset + i] = text.charCodeAt(i);
  };
  const pcm = format.encoding === 'pcm16';
  const fmtLength = pcm ? 16 : 18;
  ascii(0, 'RIFF');
  view.setUint32(
    layout.riffSizeOffset,
    layout.headerLength - 8 + dataLength + (dataLength % 2),
    true,
  );
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, fmtLength, true);
  const tag = pcm
    ? WAVE_FORMAT_PCM
    : format.encoding === 'g711_alaw'
      ? WAVE_FORMAT_ALAW
      : WAVE_FORMAT_MULAW;
  view.setUint16(20, tag, true);
  view.setUint16(22, format.channels, true);
  view.setUint32(24, format.sampleRate, true);
  view.setUint32(28, format.sampleRate * sampleBytes * format.channels, true);
  view.setUint16(32, sampleBytes * format.channels, true);
  view.setUint16(34, sampleBytes * 8, true);
  if (!pcm) {
    view.setUint16(36, 0, true); // cbSize
    ascii(38, 'fact');
    view.setUint32(42, 4, true);
    view.setUint32(46, dataLength / (sampleBytes * format.channels), true);
  }
  ascii(layout.dataSizeOffset - 4, 'data');
  view.setUint32(layout.dataSizeOffset, dataLength, true);
  return header;
}

function validateDataLength(dataLength: number, sampleBytes: number, headerLength: number): void {
  const max = 0xffffffff - (headerLength - 8) - 1;
  if (!Number.isInteger(dataLength) || dataLength < 0 || dataLength > max) {
    throw new AudioError(
      'E_AUDIO_INVALID_ARGUMENT',
      `WAV data length ${dataLength} is not an integer from 0 to ${max} bytes`,
    );
  }
  if (dataLength % sampleBytes !== 0) {
    throw new AudioError(
      'E_AUDIO_PARTIAL_SAMPLE',
      `WAV data length ${dataLength} is not a whole number of ${sampleBytes}-byte samples`,
    );
  }
}
