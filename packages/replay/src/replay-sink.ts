import type { AudioFormat } from '@voxd/audio';
import type { AudioSink } from '@voxd/core';
import { playout } from '@voxd/io-wav';
import type { SchedulerLike } from 'rxjs';

/** A piece of assistant audio as it was heard: which `play` (reply) and when (virtual ms). */
export interface PlayedPiece {
  readonly play: number;
  readonly startMs: number;
  readonly data: Uint8Array;
}

/** The sink of a replayed case: a speaker on the virtual clock that remembers what it played. */
export interface ReplaySink extends AudioSink {
  readonly played: readonly PlayedPiece[];
  /** How many `play` calls so far (one per reply). */
  plays(): number;
}

/**
 * Plays at 1× on the virtual clock through the same playout buffer as the WAV sink, so `playedMs`
 * and barge-in flushes behave as in production; keeps every played piece for the checks, the
 * golden file's hashes and the stereo recording.
 */
export function createReplaySink(format: AudioFormat, scheduler: SchedulerLike): ReplaySink {
  const played: PlayedPiece[] = [];
  let plays = 0;
  return {
    kind: 'replay',
    format,
    played,
    plays: () => plays,
    play(frames$) {
      const play = plays++;
      return playout(frames$, {
        format,
        realtime: true,
        scheduler,
        stepMs: 20,
        displayPath: 'replay sink',
        onPlayed: (data, startMs) => played.push({ play, startMs, data: data.slice() }),
      });
    },
    close: () => Promise.resolve(),
  };
}
