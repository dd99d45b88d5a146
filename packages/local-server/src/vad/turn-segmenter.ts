import type { ResolvedVadOptions } from './resolve-vad-options.js';
import type { VadEvent } from './vad-types.js';

/** Turns per-frame speech decisions into speech_started / speech_stopped events. */
export interface TurnSegmenter {
  /**
   * Takes the decision for the next frame; returns the event it completes, if any. `leadFrames`
   * (with a speech frame that starts a run) dates the run's start back by that many frames.
   */
  push(isSpeech: boolean, leadFrames?: number): VadEvent | undefined;
  reset(): void;
}

/**
 * The timing rules shared by every frame classifier: an onset needs `speechDurationMs` of speech
 * frames (gaps up to `onsetGapMs` allowed: a stop closure, a weak consonant), an offset needs `silenceDurationMs` of silence frames.
 */
export function createTurnSegmenter(
  options: Pick<ResolvedVadOptions, 'prefixPaddingMs' | 'silenceDurationMs' | 'speechDurationMs'>,
  frameMs: number,
  onsetGapMs = 100,
): TurnSegmenter {
  const onsetFrames = Math.max(1, Math.ceil(options.speechDurationMs / frameMs));
  const offsetFrames = Math.max(1, Math.ceil(options.silenceDurationMs / frameMs));
  const onsetGapFrames = Math.floor(onsetGapMs / frameMs);
  let frame = 0;
  let inSpeech = false;
  let runStart = -1;
  let runSpeechFrames = 0;
  let gapFrames = 0;
  let lastSpeechFrame = -1;

  function onIdleFrame(isSpeech: boolean, leadFrames: number): VadEvent | undefined {
    if (isSpeech) {
      // Not before the last speech's end: lead frames belong to the new run only.
      if (runStart < 0) runStart = Math.max(frame - leadFrames, lastSpeechFrame + 1, 0);
      runSpeechFrames++;
      gapFrames = 0;
    } else if (runStart >= 0 && ++gapFrames > onsetGapFrames) {
      runStart = -1;
      runSpeechFrames = 0;
      gapFrames = 0;
    }
    if (runSpeechFrames < onsetFrames) return undefined;
    inSpeech = true;
    lastSpeechFrame = frame;
    const speechStartMs = runStart * frameMs;
    return {
      type: 'speech_started',
      audioStartMs: Math.max(0, speechStartMs - options.prefixPaddingMs),
      speechStartMs,
    };
  }

  function onSpeechFrame(isSpeech: boolean): VadEvent | undefined {
    if (isSpeech) {
      lastSpeechFrame = frame;
      return undefined;
    }
    if (frame - lastSpeechFrame < offsetFrames) return undefined;
    inSpeech = false;
    runStart = -1;
    runSpeechFrames = 0;
    gapFrames = 0;
    const speechEndMs = (lastSpeechFrame + 1) * frameMs;
    return {
      type: 'speech_stopped',
      audioEndMs: speechEndMs + options.silenceDurationMs,
      speechEndMs,
    };
  }

  return {
    push(isSpeech, leadFrames = 0) {
      const event = inSpeech ? onSpeechFrame(isSpeech) : onIdleFrame(isSpeech, leadFrames);
      frame++;
      return event;
    },
    reset() {
      frame = 0;
      inSpeech = false;
      runStart = -1;
      runSpeechFrames = 0;
      gapFrames = 0;
      lastSpeechFrame = -1;
    },
  };
}
