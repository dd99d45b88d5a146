// The speech engines this server runs: the detector of src/vad and the offline TTS of src/tts.
export { createVad } from './vad/index.js';
export type { Vad, VadEvent, VadOptions } from './vad/index.js';
export { createTts } from './tts/index.js';
export type { Tts } from './tts/index.js';
