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
