export { AudioError } from './audio-error.js';
export type { AudioErrorCode } from './audio-error.js';
export {
  G711_ALAW,
  G711_ULAW,
  PCM16_16K,
  PCM16_24K,
  byteLengthForMs,
  bytesPerSample,
  bytesPerSecond,
  durationMs,
  sameFormat,
} from './audio-format.js';
export type { AudioEncoding, AudioFormat, AudioFrame, SampleRate } from './audio-format.js';
export { decodeBase64, encodeBase64 } from './base64.js';
export { decodeToSamples, encodeSamples } from './codec.js';
export { convertAudio } from './convert-audio.js';
export { createFormatConverter } from './format-converter.js';
export type { FormatConverter, FormatConverterOptions } from './format-converter.js';
export { alawDecode, alawEncode, mulawDecode, mulawEncode } from './g711.js';
export { silence, tone } from './generators.js';
export type { ToneOptions } from './generators.js';
export { createLinearResampler, resampleLinear } from './linear-resampler.js';
export type { LinearResampler, LinearResamplerOptions } from './linear-resampler.js';
export { parseWavHeader } from './parse-wav-header.js';
export type { WavInfo } from './parse-wav-header.js';
export { pcm16ToSamples, samplesToPcm16 } from './pcm16.js';
export { createRechunker } from './rechunker.js';
export type { Rechunker } from './rechunker.js';
export { createResampler, resampleSamples } from './resampler.js';
export type { Resampler, ResamplerOptions } from './resampler.js';
export { rmsLevel } from './rms-level.js';
export type { AudioLevel } from './rms-level.js';
export { WavError } from './wav-error.js';
export type { WavErrorCode } from './wav-error.js';
export {
  WAVE_FORMAT_ALAW,
  WAVE_FORMAT_EXTENSIBLE,
  WAVE_FORMAT_MULAW,
  WAVE_FORMAT_PCM,
  createWavHeader,
  wavHeaderLayout,
} from './wav-header.js';
export type { WavHeaderLayout } from './wav-header.js';
