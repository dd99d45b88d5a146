export {
  createFvadVad,
  createSileroVad,
  createVad,
  createVadWithClassifier,
} from './create-vad.js';
export { createSileroClassifier } from './silero-classifier.js';
export { loadSilero, loadedSilero } from './silero-engine.js';
export type { SileroEngine } from './silero-engine.js';
export { createEnergyClassifier } from './energy-classifier.js';
export type { EnergyClassifierOptions } from './energy-classifier.js';
export { createFvadClassifier, loadFvad } from './fvad-classifier.js';
export { resolveVadOptions } from './resolve-vad-options.js';
export type { ResolvedVadOptions } from './resolve-vad-options.js';
export { createTurnSegmenter } from './turn-segmenter.js';
export type { TurnSegmenter } from './turn-segmenter.js';
export { VadError } from './vad-error.js';
export type { VadErrorCode } from './vad-error.js';
export type {
  FrameClassifier,
  Vad,
  VadEngine,
  VadEvent,
  VadOptions,
  VadType,
} from './vad-types.js';
