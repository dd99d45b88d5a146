import type { ResolvedVadOptions } from './resolve-vad-options.js';
import type { VadEvent } from './vad-types.js';

/** Turns per-frame speech decisions into speech_started / speech_stopped events. */
export interface TurnSegmenter {
  /** Takes the decision for the next frame; returns the event it completes, if any. */
  push(isSpeech: boolean): VadEvent | undefined;
  reset(): void;
}

// Gaps shorter than this inside a would-be onset (a stop closure, a weak consonant) do not restart
// the count of speechDurationMs.
const ONSET_GAP_MS = 100;

/**
 * The timing rules shared by every frame classifier: an onset needs `speechDurationMs` of speech
 * frames (gaps up to 100 ms allowed), an offset needs `silenceDurationMs` of silence frames.
 */
export function createTurnSegmenter(
  options: Pick<ResolvedVadOptions, 'prefixPaddingMs' | 'silenceDurationMs' | 'speechDurationMs'>,
  frameMs: number,
): TurnSegmenter {
  const onsetFrames = Math.max(1, Math.ceil(options.speechDurationMs / frameMs));
  const offsetFrames = Math.max(1, Math.ceil(options.silenceDurationMs / frameMs));
  const onsetGapFrames = Math.floor(ONSET_GAP_MS / frameMs);
  let frame = 0;
  let inSpeech = false;
  let runStart = -1;
  let runSpeechFrames = 0;
  let gapFrames = 0;
  let lastSpeechFrame = -1;

  function onIdleFrame(isSpeech: boolean): VadEvent | undefined {
    if (isSpeech) {
      if (runStart < 0) runStart = frame;
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
    push(isSpeech) {
      const event = inSpeech ? onSpeechFrame(isSpeech) : onIdleFrame(isSpeech);
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
