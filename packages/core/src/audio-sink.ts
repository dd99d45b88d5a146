import type { AudioFormat, AudioFrame } from '@voxd/audio';
import type { Observable } from 'rxjs';

/** How much of the stream given to `AudioSink.play` a listener has heard so far. */
export interface PlaybackProgress {
  /** Cumulative audible position in ms from the start of the played stream. */
  readonly playedMs: number;
}

/**
 * Where assistant audio goes. One `play` call plays one response's audio.
 *
 * `play` is cold: subscribing starts playback of `frames$` (in `format`), the result emits the
 * audible position as it advances (at least once at the end) and completes when everything has
 * been heard. Unsubscribing MUST drop whatever is buffered at once: no sample of that stream may be
 * heard (or recorded) after the unsubscribe returns. Truncation after a barge-in uses the last
 * `playedMs` emitted, never wall-clock time.
 */
export interface AudioSink {
  readonly kind: string;
  readonly format: AudioFormat;
  play(frames$: Observable<AudioFrame>): Observable<PlaybackProgress>;
  /** Finalises the sink (closes files, devices). Idempotent. */
  close(): Promise<void>;
}
