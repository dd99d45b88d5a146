import type { FrameClassifier } from './vad-types.js';

/** Tuning of {@link createEnergyClassifier}; every field has a default fitted on the fixtures. */
export interface EnergyClassifierOptions {
  /**
   * 0..1, mapped onto {@link minMarginDb}..{@link maxMarginDb} above the noise floor along
   * `0.28·t + 0.72·t²`: the default 0.5 sits at 13 dB (fitted in noise), 0.9 still at 26 dB.
   */
  threshold: number;
  /** @default 160 (10 ms at 16 kHz) */
  frameSamples?: number;
  /** Onset margin above the floor at threshold 0. @default 5 */
  minMarginDb?: number;
  /** Onset margin above the floor at threshold 1. @default 30 */
  maxMarginDb?: number;
  /** How far below the onset margin a frame may drop and still continue speech. @default 8 */
  hysteresisDb?: number;
  /** The floor never goes below this, so digital silence does not make hiss count as speech. @default -62 */
  minFloorDb?: number;
  /** Window of the minimum-statistics floor tracker. @default 2000 */
  floorWindowMs?: number;
}

const FRAME_MS_AT_16K = 10;
const BLOCKS = 10;
// A one-pole high-pass at about 130 Hz and a one-pole low-pass at about 2.3 kHz: the band of
// voiced speech. It drops the rumble of brown and pink noise and most of the hiss of white noise
// without tilting the spectrum (the old pre-emphasis boosted hiss by up to 6 dB an octave, so white
// noise at 20 dB SNR already hid the speech).
const HIGH_PASS = 0.95;
const LOW_PASS = 0.6;
// Smoothing of the energy fed to the floor tracker: the minimum of raw 10 ms noise energies sits
// several dB under the mean; a short average keeps the floor nearer the mean noise level.
const FLOOR_SMOOTHING = 0.2;
// Smoothing of the energy that is compared with the floor: a little, so one loud 10 ms frame of
// babble does not count, while a syllable onset still shows within a frame or two.
const DECISION_SMOOTHING = 0.7;
const FULL_SCALE_SQUARED = 32768 * 32768;
// Gaps inside a would-be onset that do not restart the count of speechDurationMs. In noise a short
// first word followed by a weak one ("At | seven") leaves up to 200 ms under the onset level; with
// the segmenter's 100 ms the onset came 200-300 ms late.
const ONSET_GAP_MS = 250;
// Frames before an onset that are dated back to it at most (hysteresis applied backwards). No more
// than the onset tolerance: in babble the frames before an onset are often other talkers.
const MAX_LEAD_FRAMES = 15;
// The mean noise level, tracked over frames without speech: in babble it sits 6–8 dB above the
// floor (the minimum), in steady noise 2–3 dB. An onset must also clear it by the onset margin less
// this, so loud moments of other talkers do not start turns, while steady noise is unaffected.
const NOISE_MEAN_SLACK_DB = 5;
const NOISE_MEAN_SMOOTHING = 0.02;
// Frames louder than the floor plus this do not pull the noise mean (speech tails, door slams).
const NOISE_MEAN_CAP_DB = 12;

/**
 * An energy detector: per-frame energy in the voice band, compared with an adaptive noise floor
 * (the minimum of the smoothed energy over the last two seconds, "minimum statistics"), with
 * hysteresis: onset needs `floor + margin`, continuation only `floor + margin - hysteresisDb`, and
 * an onset is dated back over the frames just before it that were above the continuation level.
 *
 * The floor follows a falling level at once and a rising one after the window, so stationary noise
 * is absorbed while the pauses between words keep it down during speech. It starts from the first
 * frames rather than from an assumed quiet room: a call starts in its own noise, and a floor that
 * must first rise to it reads the first seconds of any noise as speech.
 */
export function createEnergyClassifier(options: EnergyClassifierOptions): FrameClassifier {
  const frameSamples = options.frameSamples ?? 160;
  const minMarginDb = options.minMarginDb ?? 5;
  const maxMarginDb = options.maxMarginDb ?? 30;
  const t = options.threshold;
  const onMarginDb = minMarginDb + (0.28 * t + 0.72 * t * t) * (maxMarginDb - minMarginDb);
  const offMarginDb = Math.max(3, onMarginDb - (options.hysteresisDb ?? 8));
  const minFloorDb = options.minFloorDb ?? -62;
  const windowFrames = Math.round((options.floorWindowMs ?? 2000) / FRAME_MS_AT_16K);
  const blockFrames = Math.max(1, Math.round(windowFrames / BLOCKS));

  // Sliding minimum as the min of BLOCKS block minima: O(1) per frame, no per-frame window scan.
  const blockMins = new Float64Array(BLOCKS);
  let blockIndex = 0;
  let blockFill = 0;
  let currentBlockMin = Infinity;
  let floorInput = 0;
  let decisionInput = 0;
  let highPassOut = 0;
  let highPassIn = 0;
  let lowPassOut = 0;
  let active = false;
  let started = false;
  let weakFrames = 0;
  let leadFrames = 0;
  let noiseMeanDb: number | undefined;

  function reset(): void {
    blockMins.fill(Infinity);
    blockIndex = 0;
    blockFill = 0;
    currentBlockMin = Infinity;
    highPassOut = 0;
    highPassIn = 0;
    lowPassOut = 0;
    active = false;
    started = false;
    weakFrames = 0;
    leadFrames = 0;
    noiseMeanDb = undefined;
  }
  reset();

  function trackFloor(energyDb: number): number {
    floorInput = started ? floorInput + FLOOR_SMOOTHING * (energyDb - floorInput) : energyDb;
    decisionInput = started
      ? decisionInput + DECISION_SMOOTHING * (energyDb - decisionInput)
      : energyDb;
    started = true;
    currentBlockMin = Math.min(currentBlockMin, floorInput);
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
      for (let i = 0; i < frame.length; i++) {
        const sample = frame[i] as number;
        highPassOut = HIGH_PASS * (highPassOut + sample - highPassIn);
        highPassIn = sample;
        lowPassOut += LOW_PASS * (highPassOut - lowPassOut);
        sum += lowPassOut * lowPassOut;
      }
      const energyDb = 10 * Math.log10(sum / frame.length / FULL_SCALE_SQUARED + 1e-12);
      const floorDb = trackFloor(energyDb);
      const wasActive = active;
      const noiseDb = Math.max(noiseMeanDb ?? floorDb, floorDb);
      const onDb = Math.max(floorDb + onMarginDb, noiseDb + onMarginDb - NOISE_MEAN_SLACK_DB);
      active = decisionInput > (active ? floorDb + offMarginDb : onDb);
      noiseMeanDb = active
        ? noiseDb
        : noiseDb +
          NOISE_MEAN_SMOOTHING * (Math.min(decisionInput, floorDb + NOISE_MEAN_CAP_DB) - noiseDb);
      if (!active) {
        weakFrames = decisionInput > floorDb + offMarginDb ? weakFrames + 1 : 0;
        leadFrames = 0;
      } else if (!wasActive) {
        leadFrames = Math.min(weakFrames, MAX_LEAD_FRAMES);
        weakFrames = 0;
      }
      return active;
    },
    onsetLeadFrames: () => leadFrames,
    onsetGapMs: ONSET_GAP_MS,
    reset,
  };
}
