export { readWavInfo, readWavInfoSync } from './read-wav-info.js';
export type { WavFileInfo } from './read-wav-info.js';
export { sessionInputAudio } from './session-input-audio.js';
export type { SessionInputAudio } from './session-input-audio.js';
export { WavIoError } from './wav-io-error.js';
export type { WavIoErrorCode } from './wav-io-error.js';
export { toWavSourceOptions, wavSourceOptionsSchema } from './wav-source-options.js';
export type {
  WavSourceOptions,
  WavSourceParsedOptions,
  WavSourceYamlOptions,
} from './wav-source-options.js';
export { wavSourcePlugin } from './wav-source-plugin.js';
export type { WavSourcePluginDescriptor } from './wav-source-plugin.js';
export { createWavSource } from './wav-source.js';
export type { WavSource } from './wav-source.js';
