export { createTts } from './create-tts.js';
export type { SynthesizeOptions, Tts } from './create-tts.js';
export { loadEspeakEngine, MAX_ESPEAK_TEXT_BYTES } from './espeak-engine.js';
export type { EspeakEngine } from './espeak-engine.js';
export { resolveEspeakVoice } from './resolve-espeak-voice.js';
export { splitSentences } from './split-sentences.js';
export { TtsError } from './tts-error.js';
export type { TtsErrorCode } from './tts-error.js';
