import { decodeToSamples, durationMs, rmsLevel } from '@voxd/audio';
import type { SessionEvent, SessionEventOf } from '@voxd/core';

import type { CaseRun } from './run-case.js';

/** One reply as the sink played it. */
export interface Reply {
  readonly play: number;
  readonly itemId: string | undefined;
  readonly startMs: number;
  readonly endMs: number;
  readonly playedMs: number;
  /** Longest silence between two played pieces inside it. */
  readonly maxGapMs: number;
  readonly dbfs: number;
}

/** One barge-in, measured where the audio is played. */
export interface BargeIn {
  readonly atMs: number;
  /** User speech started: the VAD's `audio_start_ms` plus its prefix padding, on the virtual clock. */
  readonly speechStartMs: number;
  /** The end of the last assistant sample played of the interrupted reply. */
  readonly lastSampleMs: number | undefined;
  /** speech start → last sample played; 0 when nothing played after the speech started. */
  readonly stopMs: number;
  /** |truncate audio_end_ms − what the sink played of the item|, per truncated item. */
  readonly truncationErrorsMs: readonly number[];
  /** Samples of the interrupted reply played after the interruption (talk-over). */
  readonly playedAfterMs: number;
}

/** What the checks and reports read: turns, latencies and audio as measured at the sink. */
export interface CaseMetrics {
  readonly turns: number;
  readonly turnLatenciesMs: readonly number[];
  readonly firstAudioMs: readonly number[];
  readonly replies: readonly Reply[];
  readonly bargeIns: readonly BargeIn[];
  readonly userTranscript: string;
  readonly assistantTranscript: string;
}

const of = <T extends SessionEvent['type']>(events: readonly SessionEvent[], type: T) =>
  events.filter((e): e is SessionEventOf<T> => e.type === type);

/** Measures a run: per-turn latency like the daemon's histograms, barge-ins at the sink. */
export function measureRun(run: CaseRun): CaseMetrics {
  const { events, played, outputFormat } = run;
  const starts = of(events, 'playback.started');
  const replies: Reply[] = [];
  const byPlay = new Map<
    number,
    { startMs: number; endMs: number; ms: number; gap: number; samples: Int16Array[] }
  >();
  for (const piece of played) {
    const ms = durationMs(outputFormat, piece.data.length);
    const r = byPlay.get(piece.play);
    const samples = decodeToSamples(piece.data, outputFormat.encoding);
    if (r === undefined)
      byPlay.set(piece.play, {
        startMs: piece.startMs,
        endMs: piece.startMs + ms,
        ms,
        gap: 0,
        samples: [samples],
      });
    else {
      r.gap = Math.max(r.gap, piece.startMs - r.endMs);
      r.endMs = piece.startMs + ms;
      r.ms += ms;
      r.samples.push(samples);
    }
  }
  for (const [play, r] of [...byPlay.entries()].sort((a, b) => a[0] - b[0])) {
    const all = new Int16Array(r.samples.reduce((n, s) => n + s.length, 0));
    let o = 0;
    for (const s of r.samples) {
      all.set(s, o);
      o += s.length;
    }
    replies.push({
      play,
      itemId: starts[play]?.itemId,
      startMs: r.startMs,
      endMs: r.endMs,
      playedMs: r.ms,
      maxGapMs: r.gap,
      dbfs: rmsLevel(all).dbfs,
    });
  }

  // The server's input timeline restarts with each server session (a reconnect): map its ms to
  // the virtual clock through the input sent before that session began.
  // audio_start_ms is the detected onset minus the prefix padding (as the service reports it): add
  // the padding back to get when the user started to speak.
  const ready = events.find((e) => e.type === 'session.ready');
  const td = ready?.type === 'session.ready' ? ready.session.turn_detection : undefined;
  const paddingMs =
    td !== null &&
    typeof td === 'object' &&
    typeof (td as { prefix_padding_ms?: unknown }).prefix_padding_ms === 'number'
      ? (td as { prefix_padding_ms: number }).prefix_padding_ms
      : 300;
  let sentMs = 0;
  let sessionInputStartMs = 0;
  const speechStartOf = new Map<string, number>();
  for (const e of events) {
    if (e.type === 'input.audio') sentMs += e.durationMs;
    else if (e.type === 'session.reconnected') sessionInputStartMs = sentMs;
    else if (e.type === 'turn.started')
      speechStartOf.set(
        e.itemId,
        Math.min(e.atMs, run.inputStartMs + sessionInputStartMs + e.audioStartMs + paddingMs),
      );
  }
  const bargeIns: BargeIn[] = [];
  const interrupted = of(events, 'playback.interrupted');
  for (const e of of(events, 'turn.interrupted')) {
    const started = [...of(events, 'turn.started')].filter((t) => t.atMs <= e.atMs).at(-1);
    const speechStartMs =
      started === undefined ? e.atMs : (speechStartOf.get(started.itemId) ?? e.atMs);
    const items = new Set(e.truncations.map((t) => t.itemId));
    for (const p of interrupted) if (Math.abs(p.atMs - e.atMs) < 1e-9) items.add(p.itemId);
    const cut = replies.filter((r) => r.itemId !== undefined && items.has(r.itemId));
    const lastSampleMs = cut.length === 0 ? undefined : Math.max(...cut.map((r) => r.endMs));
    const playedAfterMs = played
      .filter((p) => cut.some((r) => r.play === p.play) && p.startMs >= e.atMs)
      .reduce((n, p) => n + durationMs(outputFormat, p.data.length), 0);
    bargeIns.push({
      atMs: e.atMs,
      speechStartMs,
      lastSampleMs,
      stopMs: lastSampleMs === undefined ? 0 : Math.max(0, lastSampleMs - speechStartMs),
      truncationErrorsMs: e.truncations.map((t) => {
        const reply = replies.find((r) => r.itemId === t.itemId);
        return Math.abs(t.audioEndMs - (reply?.playedMs ?? 0));
      }),
      playedAfterMs,
    });
  }
  const finals = (type: 'transcript.user' | 'transcript.assistant'): string =>
    events
      .filter((e) => e.type === type && e.final)
      .map((e) => (e as { text: string }).text)
      .join('\n');
  return {
    turns: of(events, 'turn.committed').length,
    turnLatenciesMs: of(events, 'response.audio.first')
      .map((e) => e.sinceSpeechStoppedMs)
      .filter((v): v is number => v !== undefined),
    firstAudioMs: of(events, 'response.audio.first').map((e) => e.sinceResponseStartedMs),
    replies,
    bargeIns,
    userTranscript: finals('transcript.user'),
    assistantTranscript: finals('transcript.assistant'),
  };
}

/** The p-th percentile (nearest rank) of `values`. */
export function percentile(values: readonly number[], p: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
