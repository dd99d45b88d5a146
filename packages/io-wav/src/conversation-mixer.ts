/** The two voices of a conversation recording. @internal */
export type ConversationTrack = 'user' | 'assistant';

/** @internal */
export interface ConversationMixerOptions {
  readonly sampleRate: number;
  /**
   * How far behind the clock the recording is kept open for late pieces (an assistant step is
   * placed at its start, up to one step in the past). Pieces later than this are moved to the
   * open edge rather than lost.
   */
  readonly holdMs: number;
  /** Receives the finished timeline in order, as linear PCM16 samples. */
  readonly write: (samples: Int16Array) => void;
}

/**
 * Mixes the user's and the assistant's audio onto one timeline by clock time. Each piece lands at
 * the time it was heard (never overlapping the previous piece of its own track); silence fills
 * the gaps; where both tracks overlap (a barge-in) they are summed with saturation. Everything
 * more than `holdMs` behind the clock is final and is written out.
 * @internal
 */
export interface ConversationMixer {
  /** Places `samples` of `track` heard from scheduler time `atMs`, then writes what is final at `nowMs`. */
  add(track: ConversationTrack, samples: Int16Array, times: { atMs: number; nowMs: number }): void;
  /** Writes everything placed so far, up to the end of the longer track. */
  end(): void;
}

/** @internal */
export function createConversationMixer(options: ConversationMixerOptions): ConversationMixer {
  const samplesPerMs = options.sampleRate / 1000;
  let originMs: number | undefined;
  // `open` holds the samples from `committed` on; `openLength` of them have audio or silence.
  let open = new Int16Array(options.sampleRate);
  let openLength = 0;
  let committed = 0;
  const cursor: Record<ConversationTrack, number> = { user: 0, assistant: 0 };

  const ensure = (length: number): void => {
    if (length <= open.length) return;
    const grown = new Int16Array(Math.max(length, open.length * 2));
    grown.set(open.subarray(0, openLength));
    open = grown;
  };

  const commitTo = (position: number): void => {
    const count = position - committed;
    if (count <= 0) return;
    ensure(count);
    // Zero-filled beyond openLength: silence for the gap.
    const out = open.slice(0, count);
    open.copyWithin(0, count, Math.max(count, openLength));
    open.fill(0, Math.max(0, openLength - count), Math.max(0, openLength));
    openLength = Math.max(0, openLength - count);
    committed = position;
    options.write(out);
  };

  return {
    add(track, samples, { atMs, nowMs }) {
      originMs ??= atMs;
      const at = Math.round((atMs - originMs) * samplesPerMs);
      const start = Math.max(at, cursor[track], committed);
      const end = start + samples.length;
      ensure(end - committed);
      const offset = start - committed;
      for (let i = 0; i < samples.length; i += 1) {
        const sum = (open[offset + i] ?? 0) + (samples[i] ?? 0);
        open[offset + i] = sum > 32767 ? 32767 : sum < -32768 ? -32768 : sum;
      }
      openLength = Math.max(openLength, end - committed);
      cursor[track] = end;
      commitTo(Math.floor((nowMs - options.holdMs - originMs) * samplesPerMs));
    },
    end() {
      commitTo(Math.max(cursor.user, cursor.assistant, committed));
    },
  };
}
