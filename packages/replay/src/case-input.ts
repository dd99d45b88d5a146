import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';

import type { AudioFormat, AudioFrame } from '@voxd/audio';
import { byteLengthForMs, durationMs, parseWavHeader, sameFormat, silence } from '@voxd/audio';
import type { AudioSource } from '@voxd/core';
import { Observable } from 'rxjs';
import type { SchedulerLike } from 'rxjs';

import { ReplayError } from './replay-error.js';
import type { InputSpec, WavSpan } from './suite-schema.js';

const DEFAULT_PAUSE_MS = 1500;
const DEFAULT_TRAILING_MS = 1500;
/** How long the input waits for the assistant before a relative barge-in gives up. */
const MAX_WAIT_FOR_ASSISTANT_MS = 30_000;

/** A case's input, read and checked: the audio the user says, in one format. */
export interface CaseAudio {
  readonly format: AudioFormat;
  readonly frameMs: number;
  /** Leading silence, the turns and the pauses between them. */
  readonly turns: Uint8Array;
  readonly bargeIn?: {
    readonly audio: Uint8Array;
    readonly atMs?: number;
    readonly afterAssistantStartsMs?: number;
  };
  readonly trailingMs: number;
  /** Input-timeline ms where each turn's audio starts. */
  readonly turnStartsMs: readonly number[];
}

async function readSpan(
  span: WavSpan,
  baseDir: string,
): Promise<{ format: AudioFormat; audio: Uint8Array }> {
  const path = resolve(baseDir, span.wav);
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new ReplayError(
      'E_REPLAY_INPUT',
      `${span.wav}: cannot read the WAV file (${path}): ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
  let info;
  try {
    info = parseWavHeader(bytes);
  } catch (error) {
    throw new ReplayError(
      'E_REPLAY_INPUT',
      `${span.wav}: not a usable WAV file: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
  if (info.dataStatus === 'truncated')
    throw new ReplayError(
      'E_REPLAY_INPUT',
      `${span.wav}: the data chunk is cut short (${info.dataLength} of ${info.declaredDataLength} bytes)`,
    );
  const audio = bytes.subarray(info.dataOffset, info.dataOffset + info.dataLength);
  const totalMs = durationMs(info.format, audio.length);
  const from = span.from_ms ?? 0;
  const to = span.to_ms ?? totalMs;
  if (from >= to || from > totalMs)
    throw new ReplayError(
      'E_REPLAY_INPUT',
      `${span.wav}: span ${from}..${to} ms is empty (the file has ${Math.round(totalMs)} ms)`,
    );
  return {
    format: info.format,
    audio: audio.subarray(
      byteLengthForMs(info.format, from),
      byteLengthForMs(info.format, Math.min(to, totalMs)),
    ),
  };
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/**
 * Reads every WAV a case's input names. All must share one format: it becomes the session's input
 * format, as the agent's own WAV source would make it.
 *
 * @throws {ReplayError} `E_REPLAY_INPUT` naming the file and what is wrong with it.
 */
export async function readCaseAudio(spec: InputSpec, baseDir: string): Promise<CaseAudio> {
  const input = typeof spec === 'string' ? { wav: spec } : spec;
  const turnSpecs = input.turns ?? [
    {
      wav: input.wav ?? '',
      ...('from_ms' in input && input.from_ms !== undefined ? { from_ms: input.from_ms } : {}),
      ...('to_ms' in input && input.to_ms !== undefined ? { to_ms: input.to_ms } : {}),
    },
  ];
  const turns = await Promise.all(turnSpecs.map((t) => readSpan(t, baseDir)));
  const format = turns[0]!.format;
  const bargeIn =
    input.barge_in === undefined ? undefined : await readSpan(input.barge_in, baseDir);
  for (const [i, t] of [...turns, ...(bargeIn === undefined ? [] : [bargeIn])].entries()) {
    if (!sameFormat(t.format, format)) {
      const name = (f: AudioFormat): string => `${f.encoding} ${f.sampleRate} Hz`;
      const wav = i < turnSpecs.length ? turnSpecs[i]!.wav : input.barge_in!.wav;
      throw new ReplayError(
        'E_REPLAY_INPUT',
        `${wav}: ${name(t.format)}, but the case's first WAV is ${name(format)}: one case, one input format`,
      );
    }
  }
  const parts: Uint8Array[] = [];
  const turnStartsMs: number[] = [];
  let atMs = input.leading_silence_ms ?? 0;
  if (atMs > 0) parts.push(silence(format, atMs));
  turns.forEach((t, i) => {
    turnStartsMs.push(atMs);
    parts.push(t.audio);
    atMs += durationMs(format, t.audio.length);
    if (i < turns.length - 1) {
      const pause = turnSpecs[i]!.pause_after_ms ?? DEFAULT_PAUSE_MS;
      parts.push(silence(format, pause));
      atMs += pause;
    }
  });
  return {
    format,
    frameMs: input.frame_ms ?? 20,
    turns: concat(parts),
    ...(bargeIn === undefined || input.barge_in === undefined
      ? {}
      : {
          bargeIn: {
            audio: bargeIn.audio,
            ...(input.barge_in.at_ms === undefined ? {} : { atMs: input.barge_in.at_ms }),
            ...(input.barge_in.after_assistant_starts_ms === undefined
              ? {}
              : { afterAssistantStartsMs: input.barge_in.after_assistant_starts_ms }),
          },
        }),
    trailingMs: input.trailing_silence_ms ?? DEFAULT_TRAILING_MS,
    turnStartsMs,
  };
}

/** One captured user frame and when (virtual ms) it began. */
export interface InputPiece {
  readonly startMs: number;
  readonly data: Uint8Array;
}

/** The source of a replayed case, plus what it needs to hear from the session and what it sent. */
export interface CaseSource {
  readonly source: AudioSource;
  /** Tell it the assistant started playing (virtual ms), for `after_assistant_starts_ms`. */
  assistantStarted(atMs: number): void;
  /** Every frame emitted, with its virtual start time. */
  readonly captured: readonly InputPiece[];
  /** Virtual ms when the source started (input ms 0), once subscribed. */
  startMs(): number | undefined;
  /** Virtual ms when the barge-in audio started, if it did. */
  bargeInStartMs(): number | undefined;
  /** A problem to report (a barge-in that never found the assistant speaking). */
  problem(): string | undefined;
}

/**
 * The user as a microphone on the virtual clock: frame n of the input is delivered at (n + 1) ×
 * frame_ms. After the turns it stays live with silence until the barge-in is due, then says it,
 * then the trailing silence, then ends.
 */
export function createCaseSource(audio: CaseAudio, scheduler: SchedulerLike): CaseSource {
  const { format, frameMs } = audio;
  const frameBytes = byteLengthForMs(format, frameMs);
  const silentFrame = silence(format, frameMs);
  const captured: InputPiece[] = [];
  const turnsEndMs = durationMs(format, audio.turns.length);
  let started: number | undefined;
  let assistantAt: number | undefined;
  let bargeInAt: number | undefined;
  let problem: string | undefined;

  /** The barge-in's start on the input timeline, once known. */
  const bargeInDueMs = (): number | undefined => {
    const b = audio.bargeIn;
    if (b === undefined || started === undefined) return undefined;
    if (b.atMs !== undefined) return Math.max(b.atMs, turnsEndMs);
    if (assistantAt === undefined) return undefined;
    return assistantAt - started + (b.afterAssistantStartsMs ?? 0);
  };

  const frames$ = new Observable<AudioFrame>((subscriber) => {
    const t0 = scheduler.now();
    started = t0;
    /** Bytes still to say after the turns: the barge-in (once due), then trailing silence. */
    let tail: Uint8Array | undefined;
    let tailOffset = 0;
    let n = 0;
    const next = (): Uint8Array | undefined => {
      const at = n * frameMs;
      const turnOffset = n * frameBytes;
      if (turnOffset < audio.turns.length) {
        const data = audio.turns.subarray(turnOffset, turnOffset + frameBytes);
        return data.length === frameBytes
          ? data
          : concat([data, silentFrame.subarray(data.length)]);
      }
      if (tail === undefined) {
        const b = audio.bargeIn;
        const due = bargeInDueMs();
        if (b !== undefined && (due === undefined || at < due)) {
          if (due === undefined && at - turnsEndMs > MAX_WAIT_FOR_ASSISTANT_MS) {
            problem = `the barge-in never started: the assistant did not start playing within ${MAX_WAIT_FOR_ASSISTANT_MS} ms after the last turn`;
            tail = silence(format, audio.trailingMs);
          } else return silentFrame;
        } else {
          if (b !== undefined) bargeInAt = t0 + at;
          tail = concat([b?.audio ?? new Uint8Array(0), silence(format, audio.trailingMs)]);
        }
      }
      if (tailOffset >= tail.length) return undefined;
      const data = tail.subarray(tailOffset, tailOffset + frameBytes);
      tailOffset += frameBytes;
      return data.length === frameBytes ? data : concat([data, silentFrame.subarray(data.length)]);
    };
    const emit = (): void => {
      const data = next();
      if (data === undefined) {
        subscriber.complete();
        return;
      }
      captured.push({ startMs: t0 + n * frameMs, data });
      subscriber.next({ format, data, timestampMs: n * frameMs });
      n++;
      action = scheduler.schedule(emit, t0 + (n + 1) * frameMs - scheduler.now());
    };
    let action = scheduler.schedule(emit, frameMs);
    return () => action.unsubscribe();
  });

  return {
    source: { kind: 'replay', format, frames$ },
    assistantStarted(atMs) {
      if (started === undefined || assistantAt !== undefined) return;
      if (atMs - started >= turnsEndMs) assistantAt = atMs;
    },
    captured,
    startMs: () => started,
    bargeInStartMs: () => bargeInAt,
    problem: () => problem,
  };
}
