// The accuracy bound of the VAD in noise (issue 8 §4), shared by the unit and the socket tests.
import type { SpeechSegment } from '@voxd/testing';

export const ONSET_TOLERANCE_MS = 150;
export const END_SLACK_MS = 200;

/** One turn as the client sees it: detected onset and `audio_end_ms`. */
export interface DetectedTurn {
  readonly speechStartMs: number;
  readonly audioEndMs: number;
}

/**
 * Why `turns` break the bound against the true `segments` (one turn per segment, onset within
 * 150 ms, `audio_end_ms` within [end − 200, end + silenceDurationMs + 200]); [] when they hold it.
 */
export function boundViolations(
  turns: readonly DetectedTurn[],
  segments: readonly SpeechSegment[],
  silenceDurationMs: number,
): string[] {
  if (turns.length !== segments.length) {
    return [`${turns.length} turns for ${segments.length} segments: ${JSON.stringify(turns)}`];
  }
  return segments.flatMap((segment, i) => {
    const turn = turns[i] as DetectedTurn;
    const problems: string[] = [];
    const onsetErrorMs = turn.speechStartMs - segment.startMs;
    if (Math.abs(onsetErrorMs) > ONSET_TOLERANCE_MS) {
      problems.push(`segment ${i}: onset ${turn.speechStartMs} ms, true ${segment.startMs} ms`);
    }
    const lateMs = turn.audioEndMs - segment.endMs;
    if (lateMs < -END_SLACK_MS || lateMs > silenceDurationMs + END_SLACK_MS) {
      problems.push(`segment ${i}: audio_end_ms ${turn.audioEndMs}, true end ${segment.endMs} ms`);
    }
    return problems;
  });
}
