export { playout } from './playout.js';
export type { PlayoutOptions } from './playout.js';
export { readWavInfo, readWavInfoSync } from './read-wav-info.js';
export type { WavFileInfo } from './read-wav-info.js';
export { sessionInputAudio } from './session-input-audio.js';
export type { SessionInputAudio } from './session-input-audio.js';
export { createWavFileWriter } from './wav-file-writer.js';
export type { WavFileWriter, WavFileWriterOptions } from './wav-file-writer.js';
export { WavIoError } from './wav-io-error.js';
export type { WavIoErrorCode } from './wav-io-error.js';
export {
  WAV_SINK_FORMATS,
  audioFormatOf,
  toWavSinkOptions,
  wavSinkOptionsSchema,
} from './wav-sink-options.js';
export type {
  WavSinkFormatName,
  WavSinkOptions,
  WavSinkParsedOptions,
  WavSinkYamlOptions,
} from './wav-sink-options.js';
export { wavSinkPlugin } from './wav-sink-plugin.js';
export type { WavSinkPluginDescriptor } from './wav-sink-plugin.js';
export { createWavSink } from './wav-sink.js';
export type { WavSink } from './wav-sink.js';
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
