// The speech engines this server runs: the detector of src/vad, the offline TTS of src/tts and
// the recogniser of src/transcribe (which may have none to offer).
export { createVad, loadSilero } from './vad/index.js';
export type { Vad, VadEngine, VadEvent, VadOptions } from './vad/index.js';
export { createTts } from './tts/index.js';
export type { Tts } from './tts/index.js';
export { createTranscriber } from './transcribe/index.js';
export type { Transcriber } from './transcribe/index.js';
