/** At most this many unmatched ids are remembered; a session has one or two responses in flight. */
const MAX_PENDING = 32;

/**
 * Pairs `playback.interrupted` with the `turn.interrupted` that names its response, in either
 * order, so only barge-ins reach the flush histogram: playback also stops (with a flush latency
 * of 0) when a session closes, and that is not a barge-in.
 */
export interface BargeInMatcher {
  /** A playback stopped early; returns the flush latency to record if it was a barge-in. */
  playbackInterrupted(responseId: string, flushLatencyMs: number): number | undefined;
  /** A barge-in cut these responses; returns the flush latencies of playbacks already reported. */
  turnInterrupted(responseIds: readonly string[]): number[];
  /** Forget everything (reconnect: the old responses are gone). */
  reset(): void;
}

export function createBargeInMatcher(): BargeInMatcher {
  const flushes = new Map<string, number>();
  const cuts = new Set<string>();
  const remember = <TKey>(set: {
    size: number;
    keys(): IterableIterator<TKey>;
    delete(key: TKey): boolean;
  }) => {
    // Insertion order: the oldest entry goes first.
    if (set.size <= MAX_PENDING) return;
    const oldest = set.keys().next();
    if (oldest.done !== true) set.delete(oldest.value);
  };
  return {
    playbackInterrupted(responseId, flushLatencyMs) {
      if (cuts.delete(responseId)) return flushLatencyMs;
      flushes.set(responseId, flushLatencyMs);
      remember(flushes);
      return undefined;
    },
    turnInterrupted(responseIds) {
      const matched: number[] = [];
      for (const id of responseIds) {
        const flushMs = flushes.get(id);
        if (flushMs === undefined) {
          cuts.add(id);
          remember(cuts);
        } else {
          flushes.delete(id);
          matched.push(flushMs);
        }
      }
      return matched;
    },
    reset() {
      flushes.clear();
      cuts.clear();
    },
  };
}
