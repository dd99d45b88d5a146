import type { FrameClassifier } from './vad-types.js';

/** Tuning of {@link createEnergyClassifier}; every field has a default fitted on the fixtures. */
export interface EnergyClassifierOptions {
  /** 0..1, mapped linearly onto {@link minMarginDb}..{@link maxMarginDb} above the noise floor. */
  threshold: number;
  /** @default 160 (10 ms at 16 kHz) */
  frameSamples?: number;
  /** Onset margin above the floor at threshold 0. @default 6 */
  minMarginDb?: number;
  /** Onset margin above the floor at threshold 1. @default 30 */
  maxMarginDb?: number;
  /** How far below the onset margin a frame may drop and still continue speech. @default 10 */
  hysteresisDb?: number;
  /** The floor never goes below this, so digital silence does not make hiss count as speech. @default -62 */
  minFloorDb?: number;
  /** Window of the minimum-statistics floor tracker. @default 3000 */
  floorWindowMs?: number;
}

const FRAME_MS_AT_16K = 10;
const BLOCKS = 10;
// Pre-emphasis weights the 1–4 kHz band where speech has its consonants and formants, and damps
// the low-frequency rumble (brown noise, hum, handling) that dominates background energy.
const PRE_EMPHASIS = 0.95;
// Smoothing of the energy fed to the floor tracker: the minimum of raw 10 ms noise energies sits
// several dB under the mean; a short average keeps the floor near the mean noise level.
const FLOOR_SMOOTHING = 0.3;
const FULL_SCALE_SQUARED = 32768 * 32768;

/**
 * An energy detector: per-frame energy after pre-emphasis, compared with an adaptive noise floor
 * (the minimum of the smoothed energy over the last few seconds, "minimum statistics"), with
 * hysteresis: onset needs `floor + margin`, continuation only `floor + margin - hysteresisDb`.
 *
 * The floor follows a falling level at once and a rising one after the window, so stationary noise
 * is absorbed while the pauses between words keep it down during speech.
 */
export function createEnergyClassifier(options: EnergyClassifierOptions): FrameClassifier {
  const frameSamples = options.frameSamples ?? 160;
  const minMarginDb = options.minMarginDb ?? 6;
  const maxMarginDb = options.maxMarginDb ?? 30;
  const onMarginDb = minMarginDb + options.threshold * (maxMarginDb - minMarginDb);
  const offMarginDb = Math.max(3, onMarginDb - (options.hysteresisDb ?? 10));
  const minFloorDb = options.minFloorDb ?? -62;
  const windowFrames = Math.round((options.floorWindowMs ?? 3000) / FRAME_MS_AT_16K);
  const blockFrames = Math.max(1, Math.round(windowFrames / BLOCKS));

  // Sliding minimum as the min of BLOCKS block minima: O(1) per frame, no per-frame window scan.
  const blockMins = new Float64Array(BLOCKS);
  let blockIndex = 0;
  let blockFill = 0;
  let currentBlockMin = Infinity;
  let smoothedDb = 0;
  let previousSample = 0;
  let active = false;
  let started = false;

  function reset(): void {
    // Until a window has been seen, assume a quiet room rather than trusting the first frames,
    // which may well be speech.
    blockMins.fill(minFloorDb + 10);
    blockIndex = 0;
    blockFill = 0;
    currentBlockMin = Infinity;
    previousSample = 0;
    active = false;
    started = false;
  }
  reset();

  function trackFloor(energyDb: number): number {
    smoothedDb = started ? smoothedDb + FLOOR_SMOOTHING * (energyDb - smoothedDb) : energyDb;
    started = true;
    currentBlockMin = Math.min(currentBlockMin, smoothedDb);
    if (++blockFill === blockFrames) {
      blockMins[blockIndex] = currentBlockMin;
      blockIndex = (blockIndex + 1) % BLOCKS;
      blockFill = 0;
      currentBlockMin = Infinity;
    }
    let floor = currentBlockMin;
    for (const m of blockMins) floor = Math.min(floor, m);
    return Math.max(floor, minFloorDb);
  }

  return {
    frameSamples,
    isSpeech(frame) {
      let sum = 0;
      let previous = previousSample;
      for (let i = 0; i < frame.length; i++) {
        const sample = frame[i] as number;
        const emphasised = sample - PRE_EMPHASIS * previous;
        sum += emphasised * emphasised;
        previous = sample;
      }
      previousSample = previous;
      const energyDb = 10 * Math.log10(sum / frame.length / FULL_SCALE_SQUARED + 1e-12);
      const floorDb = trackFloor(energyDb);
      active = energyDb > floorDb + (active ? offMarginDb : onMarginDb);
      return active;
    },
    reset,
  };
}
