/** The two voices of a conversation recording. */
export type TimelineTrack = 'user' | 'assistant';

/** Options of {@link createConversationTimeline}. */
export interface ConversationTimelineOptions {
  readonly sampleRate: number;
  /** Receives the finished mix in order, as linear PCM16 samples. */
  readonly write: (samples: Int16Array) => void;
}

/**
 * Places the user's and the assistant's audio on one timeline (sample 0 = the session's start)
 * and writes the mono mix out as it becomes final. Pieces stay editable until committed, so an
 * assistant item can be cut back to what was actually heard after its audio was placed.
 */
export interface ConversationTimeline {
  /**
   * Places `piece.samples` of `piece.track` at `piece.startMs`. A piece never overlaps the previous
   * piece of its own track (it moves right), nor the committed part (it moves to the open edge):
   * nothing is lost. `key` groups the pieces of one assistant item for {@link cut}.
   */
  place(piece: TimelinePiece): void;
  /** Drops the audio of the pieces placed with `key` from `atMs` on (a barge-in). */
  cut(key: string, atMs: number): void;
  /** Mixes and writes everything before `atMs`; later pieces stay open. */
  commitBefore(atMs: number): void;
  /** Mixes and writes everything placed. */
  commitAll(): void;
  /** Samples written so far. */
  readonly committedSamples: number;
}

/** Audio to place on a {@link ConversationTimeline}. */
export interface TimelinePiece {
  readonly track: TimelineTrack;
  readonly startMs: number;
  readonly samples: Int16Array;
  readonly key?: string;
}

interface Piece {
  readonly track: TimelineTrack;
  readonly start: number;
  samples: Int16Array;
  readonly key: string | undefined;
}

/** Creates a {@link ConversationTimeline}. Overlaps (a barge-in) are summed with saturation. */
export function createConversationTimeline(
  options: ConversationTimelineOptions,
): ConversationTimeline {
  const samplesPerMs = options.sampleRate / 1000;
  let pieces: Piece[] = [];
  let committed = 0;
  const trackEnd: Record<TimelineTrack, number> = { user: 0, assistant: 0 };

  const toSample = (ms: number): number => Math.max(0, Math.round(ms * samplesPerMs));

  const commitTo = (position: number): void => {
    const count = position - committed;
    if (count <= 0) return;
    const out = new Int16Array(count);
    const kept: Piece[] = [];
    for (const piece of pieces) {
      const from = Math.max(piece.start, committed);
      const to = Math.min(piece.start + piece.samples.length, position);
      for (let i = from; i < to; i += 1) {
        const sum = (out[i - committed] ?? 0) + (piece.samples[i - piece.start] ?? 0);
        out[i - committed] = sum > 32767 ? 32767 : sum < -32768 ? -32768 : sum;
      }
      if (piece.start + piece.samples.length > position) kept.push(piece);
    }
    pieces = kept;
    committed = position;
    options.write(out);
  };

  return {
    place({ track, startMs, samples, key }) {
      if (samples.length === 0) return;
      const start = Math.max(toSample(startMs), trackEnd[track], committed);
      pieces.push({ track, start, samples, key });
      trackEnd[track] = start + samples.length;
    },
    cut(key, atMs) {
      const at = Math.max(toSample(atMs), committed);
      let end = 0;
      for (const piece of pieces) {
        if (piece.key !== key) continue;
        if (piece.start + piece.samples.length > at) {
          piece.samples = piece.samples.subarray(0, Math.max(0, at - piece.start));
        }
      }
      pieces = pieces.filter((piece) => piece.samples.length > 0);
      for (const piece of pieces) {
        if (piece.track === 'assistant') end = Math.max(end, piece.start + piece.samples.length);
      }
      // The next assistant item may start where the cut one now ends.
      trackEnd.assistant = Math.max(end, committed);
    },
    commitBefore(atMs) {
      commitTo(toSample(atMs));
    },
    commitAll() {
      commitTo(Math.max(committed, trackEnd.user, trackEnd.assistant));
    },
    get committedSamples() {
      return committed;
    },
  };
}
