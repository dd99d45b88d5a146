import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { byteLengthForMs, parseWavHeader } from '@voxd/audio';
import type { AudioFormat, AudioFrame } from '@voxd/audio';
import { Subject, from, lastValueFrom, toArray } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { afterAll, describe, expect, it } from 'vitest';

import { createWavSink } from '../src/wav-sink.js';
import { byteDiff, concatFrames, makeCtx, patternBytes, tempDir } from './helpers.js';

const { dir, cleanup } = tempDir();
afterAll(cleanup);
const pcm: AudioFormat = { encoding: 'pcm16', sampleRate: 24000, channels: 1 };

const frame = (ms: number, seed: number, format = pcm): AudioFrame => ({
  format,
  data: patternBytes(byteLengthForMs(format, ms), seed),
  timestampMs: 0,
});
const a = frame(20, 1);
const b = frame(20, 2);
const c = frame(20, 3);

const newScheduler = (): TestScheduler =>
  new TestScheduler((actual, expected) => expect(actual).toEqual(expected));

/** The audio bytes of a finished WAV file, after checking its header against the bytes on disk. */
function wavData(path: string): Uint8Array {
  const file = readFileSync(path);
  const info = parseWavHeader(file);
  expect(info.dataStatus).toBe('complete');
  return new Uint8Array(file.subarray(info.dataOffset, info.dataOffset + info.dataLength));
}

describe('createWavSink: realtime playout on the scheduler', () => {
  it('reports playedMs as the playhead passes each 20 ms and completes when all is played', async () => {
    const scheduler = newScheduler();
    const path = join(dir, 'rt.wav');
    const sink = createWavSink({ path, format: pcm }, makeCtx(dir, scheduler));
    scheduler.run(({ cold, expectObservable }) => {
      // Three frames arrive at once, faster than real time: they are played one after another.
      const frames$ = cold('(abc|)', { a, b, c });
      expectObservable(sink.play(frames$)).toBe('20ms x 19ms y 19ms (z|)', {
        x: { playedMs: 20 },
        y: { playedMs: 40 },
        z: { playedMs: 60 },
      });
    });
    await sink.close();
    expect(byteDiff(wavData(path), concatFrames([a, b, c]))).toBe('equal');
  });

  it('plays a long frame in 20 ms steps and pauses while the input has a gap', () => {
    const scheduler = newScheduler();
    const sink = createWavSink({ path: join(dir, 'gap.wav') }, makeCtx(dir, scheduler));
    scheduler.run(({ cold, expectObservable }) => {
      const long = frame(60, 4);
      const frames$ = cold('l 99ms a|', { l: long, a });
      // The 60 ms frame plays to 60 ms; `a` arrives at 100 and is heard from 100 to 120.
      expectObservable(sink.play(frames$)).toBe('20ms x 19ms y 19ms z 59ms (w|)', {
        x: { playedMs: 20 },
        y: { playedMs: 40 },
        z: { playedMs: 60 },
        w: { playedMs: 80 },
      });
    });
    return sink.close();
  });

  it('on unsubscribe (barge-in) drops everything unplayed: the file holds exactly what was heard', async () => {
    const scheduler = newScheduler();
    const path = join(dir, 'barge.wav');
    const sink = createWavSink({ path }, makeCtx(dir, scheduler));
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const frames$ = cold('(abc)', { a, b, c });
      expectObservable(sink.play(frames$), '^ 49ms !').toBe('20ms x 19ms y', {
        x: { playedMs: 20 },
        y: { playedMs: 40 },
      });
      expectSubscriptions(frames$.subscriptions).toBe('^ 49ms !');
    });
    await sink.close();
    expect(byteDiff(wavData(path), concatFrames([a, b]))).toBe('equal');
  });

  it('appends consecutive responses, each counted from 0', async () => {
    const scheduler = newScheduler();
    const path = join(dir, 'two.wav');
    const sink = createWavSink({ path }, makeCtx(dir, scheduler));
    scheduler.run(({ cold, expectObservable }) => {
      expectObservable(sink.play(cold('(ab|)', { a, b }))).toBe('20ms x 19ms (y|)', {
        x: { playedMs: 20 },
        y: { playedMs: 40 },
      });
      // The next response starts at 100 ms, after the first completed at 40 ms.
      expectObservable(sink.play(cold('(c|)', { c })), '100ms ^').toBe('120ms (x|)', {
        x: { playedMs: 20 },
      });
    });
    await sink.close();
    expect(byteDiff(wavData(path), concatFrames([a, b, c]))).toBe('equal');
  });
});

describe('createWavSink: asap pace', () => {
  it('plays every frame the moment it arrives', async () => {
    const scheduler = newScheduler();
    const path = join(dir, 'asap.wav');
    const sink = createWavSink({ path, pace: 'asap' }, makeCtx(dir, scheduler));
    scheduler.run(({ cold, expectObservable }) => {
      expectObservable(sink.play(cold('(ab) 5ms (c|)', { a, b, c }))).toBe('(xy) 5ms (z|)', {
        x: { playedMs: 20 },
        y: { playedMs: 40 },
        z: { playedMs: 60 },
      });
    });
    await sink.close();
    expect(byteDiff(wavData(path), concatFrames([a, b, c]))).toBe('equal');
  });

  it('records G.711 with a header sox and parseWavHeader agree on', async () => {
    const alaw: AudioFormat = { encoding: 'g711_alaw', sampleRate: 8000, channels: 1 };
    const path = join(dir, 'alaw.wav');
    const sink = createWavSink({ path, pace: 'asap', format: alaw }, makeCtx(dir));
    const frames = [frame(20, 5, alaw), frame(20, 6, alaw)];
    await lastValueFrom(sink.play(from(frames)));
    await sink.close();
    expect(parseWavHeader(readFileSync(path)).format).toEqual(alaw);
    expect(byteDiff(wavData(path), concatFrames(frames))).toBe('equal');
  });
});

describe('createWavSink: errors', () => {
  it('fails a play whose frames are not in the sink format, naming both formats', async () => {
    const sink = createWavSink({ path: 'fmt.wav', pace: 'asap' }, makeCtx(dir));
    const wrong = frame(20, 1, { encoding: 'pcm16', sampleRate: 16000, channels: 1 });
    await expect(lastValueFrom(sink.play(from([wrong])))).rejects.toMatchObject({
      code: 'E_WAV_FORMAT_MISMATCH',
      message:
        "fmt.wav: got a frame in pcm16 16000 Hz but the sink records pcm16 24000 Hz (set the sink's format to the session's output_audio_format)",
    });
    await sink.close();
  });

  it('refuses a second concurrent play and a play after close', async () => {
    const sink = createWavSink({ path: 'busy.wav' }, makeCtx(dir));
    const input = new Subject<AudioFrame>();
    const first = sink.play(input).subscribe();
    await expect(lastValueFrom(sink.play(from([a])))).rejects.toMatchObject({
      code: 'E_WAV_SINK_BUSY',
    });
    first.unsubscribe();
    await expect(lastValueFrom(sink.play(from([a])).pipe(toArray()))).resolves.toHaveLength(1);
    await sink.close();
    await expect(lastValueFrom(sink.play(from([a])))).rejects.toMatchObject({
      code: 'E_WAV_SINK_CLOSED',
      message: 'busy.wav: play after close',
    });
  });

  it('ends a running play on close, keeping only what was played', async () => {
    const scheduler = newScheduler();
    const path = join(dir, 'closed-mid-play.wav');
    const sink = createWavSink({ path }, makeCtx(dir, scheduler));
    let closed: Promise<void> | undefined;
    scheduler.run(({ cold, expectObservable }) => {
      scheduler.schedule(() => {
        closed = sink.close();
      }, 30);
      expectObservable(sink.play(cold('(abc|)', { a, b, c }))).toBe(
        '20ms x 9ms #',
        { x: { playedMs: 20 } },
        expect.objectContaining({ code: 'E_WAV_SINK_CLOSED' }),
      );
    });
    await closed;
    expect(byteDiff(wavData(path), a.data)).toBe('equal');
  });

  it('fails at construction when the file cannot be created', () => {
    expect(() => createWavSink({ path: 'missing/dir/out.wav' }, makeCtx(dir))).toThrow(
      expect.objectContaining({
        code: 'E_WAV_NOT_FOUND',
        message: 'missing/dir/out.wav: its folder does not exist',
      }),
    );
  });
});
