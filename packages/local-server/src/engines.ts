// The speech engines this server runs: the VAD of src/vad, and the TTS of src/tts (a temporary
// tone stand-in until it lands).
export { createVad } from './vad/index.js';
export type { Vad, VadEvent, VadOptions } from './vad/index.js';
export { createTts } from './temp/tone-tts.js';
export type { Tts } from './temp/tone-tts.js';
