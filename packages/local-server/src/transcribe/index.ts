export { createTranscriber } from './create-transcriber.js';
export type { Transcriber } from './create-transcriber.js';
