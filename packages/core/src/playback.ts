import type { AudioFormat, AudioFrame } from '@voxd/audio';
import { durationMs } from '@voxd/audio';
import type { Observable, SchedulerLike } from 'rxjs';
import { concatMap, defer, EMPTY, ReplaySubject, Subject, tap } from 'rxjs';

import type { AudioSink } from './audio-sink.js';
import type { SessionEventInit } from './session-event.js';
import { untilInterrupted } from './until-interrupted.js';

/** One assistant item's audio on its way to the sink. */
export interface PlaybackItem {
  readonly responseId: string;
  readonly itemId: string;
  /** Audio received for this item so far. */
  readonly receivedMs: number;
  /** Adds the next decoded chunk of this item's audio. Ignored once the item ended or was dropped. */
  push(data: Uint8Array): void;
  /** No more audio will come for this item. */
  end(): void;
}

/** What an interruption cut: the item playing (started) and the items queued behind it. */
export interface CutItem {
  readonly responseId: string;
  readonly itemId: string;
  readonly started: boolean;
  readonly playedMs: number;
  readonly receivedMs: number;
}

export interface Playback {
  /** Queues a new item; items play one after another, one `sink.play()` each. */
  open(responseId: string, itemId: string): PlaybackItem;
  /**
   * Stops the item playing (the sink drops its buffer before this returns) and drops every queued
   * item. `causeAtMs` is when the cause (speech started) arrived, for `flushLatencyMs`.
   */
  interrupt(causeAtMs: number): readonly CutItem[];
  /** Whether an item is playing or queued. */
  readonly busy: boolean;
  /** Interrupts everything and stops for good. */
  dispose(): void;
}

export interface PlaybackOptions {
  readonly sink: AudioSink;
  readonly format: AudioFormat;
  /** The plugins' output processors, composed in order. */
  readonly processOutput: (frames$: Observable<AudioFrame>) => Observable<AudioFrame>;
  readonly scheduler: SchedulerLike;
  readonly emit: (event: SessionEventInit) => void;
  /** A sink or output processor failed; the session treats this as fatal. */
  readonly onError: (error: unknown) => void;
}

interface ItemState {
  readonly responseId: string;
  readonly itemId: string;
  readonly frames: ReplaySubject<AudioFrame>;
  receivedMs: number;
  status: 'queued' | 'playing' | 'finished' | 'cut';
  ended: boolean;
}

/**
 * Plays assistant items on a sink in order. Interruption is an unsubscribe: `untilInterrupted`
 * ends the `sink.play()` subscription, and the sink contract makes that drop its buffer at once.
 */
export function createPlayback(options: PlaybackOptions): Playback {
  const { sink, format, scheduler, emit } = options;
  const items$ = new Subject<ItemState>();
  const interrupt$ = new Subject<void>();
  const pending: ItemState[] = [];
  let current: ItemState | undefined;
  let lastCut: { playedMs: number } | undefined;

  const subscription = items$
    .pipe(
      concatMap((item) => {
        const index = pending.indexOf(item);
        if (index >= 0) pending.splice(index, 1);
        if (item.status === 'cut') return EMPTY;
        return defer(() => {
          item.status = 'playing';
          current = item;
          emit({ type: 'playback.started', responseId: item.responseId, itemId: item.itemId });
          return sink.play(options.processOutput(item.frames.asObservable()));
        }).pipe(
          untilInterrupted(interrupt$),
          tap((outcome) => {
            current = undefined;
            if (outcome.interrupted) {
              item.status = 'cut';
              lastCut = { playedMs: outcome.playedMs };
              return;
            }
            item.status = 'finished';
            emit({
              type: 'playback.finished',
              responseId: item.responseId,
              itemId: item.itemId,
              playedMs: outcome.playedMs,
            });
          }),
        );
      }),
    )
    .subscribe({ error: options.onError });

  // A function, so the narrowing of `lastCut` to undefined before interrupt$.next() does not stick.
  const lastCutPlayedMs = (): number => lastCut?.playedMs ?? 0;

  return {
    open(responseId, itemId) {
      const item: ItemState = {
        responseId,
        itemId,
        frames: new ReplaySubject<AudioFrame>(),
        receivedMs: 0,
        status: 'queued',
        ended: false,
      };
      pending.push(item);
      items$.next(item);
      return {
        responseId,
        itemId,
        get receivedMs() {
          return item.receivedMs;
        },
        push(data) {
          if (item.ended || item.status === 'cut' || data.length === 0) return;
          item.frames.next({ format, data, timestampMs: item.receivedMs });
          item.receivedMs += durationMs(format, data.length);
        },
        end() {
          if (item.ended) return;
          item.ended = true;
          item.frames.complete();
        },
      };
    },

    interrupt(causeAtMs) {
      const cut: CutItem[] = [];
      // Queued items are marked first: concatMap subscribes the next one inside interrupt$.next().
      for (const item of pending) {
        item.status = 'cut';
        cut.push({ ...describe(item), started: false, playedMs: 0 });
        endFrames(item);
      }
      const playing = current;
      if (playing !== undefined) {
        lastCut = undefined;
        interrupt$.next();
        const playedMs = lastCutPlayedMs();
        endFrames(playing);
        emit({
          type: 'playback.interrupted',
          responseId: playing.responseId,
          itemId: playing.itemId,
          playedMs,
          receivedMs: playing.receivedMs,
          flushLatencyMs: Math.max(0, scheduler.now() - causeAtMs),
        });
        cut.unshift({ ...describe(playing), started: true, playedMs });
      }
      return cut;
    },

    get busy() {
      return current !== undefined || pending.length > 0;
    },

    dispose() {
      this.interrupt(scheduler.now());
      subscription.unsubscribe();
      items$.complete();
    },
  };
}

function describe(item: ItemState): { responseId: string; itemId: string; receivedMs: number } {
  return { responseId: item.responseId, itemId: item.itemId, receivedMs: item.receivedMs };
}

function endFrames(item: ItemState): void {
  item.ended = true;
  item.frames.complete();
}
