import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { parseWavHeader } from '@voxd/audio';
import type { AudioFormat } from '@voxd/audio';
import { describeSinkConformance } from '@voxd/testing';
import { afterAll } from 'vitest';

import { createWavSink } from '../src/wav-sink.js';
import { makeCtx, tempDir } from './helpers.js';

const { dir, cleanup } = tempDir();
afterAll(cleanup);
const ctx = makeCtx(dir);
let files = 0;

const recordedMs = (path: string) => (): number => parseWavHeader(readFileSync(path)).durationMs;

describeSinkConformance('wav sink, pcm16 24 kHz, asap', () => {
  const path = join(dir, `asap-${(files += 1)}.wav`);
  return { sink: createWavSink({ path, pace: 'asap' }, ctx), outputMs: recordedMs(path) };
});

const ulaw: AudioFormat = { encoding: 'g711_ulaw', sampleRate: 8000, channels: 1 };
describeSinkConformance(
  'wav sink, µ-law, realtime',
  () => {
    const path = join(dir, `realtime-${(files += 1)}.wav`);
    return { sink: createWavSink({ path, format: ulaw }, ctx), outputMs: recordedMs(path) };
  },
  { frames: 5 },
);

describeSinkConformance(
  'wav sink, conversation mode, realtime',
  () => {
    // The file is a clock timeline here (gaps between plays are recorded as silence), so its
    // length is not the played total: only the reported progress is checked.
    const path = join(dir, `conversation-${(files += 1)}.wav`);
    return { sink: createWavSink({ path, mode: 'conversation' }, ctx) };
  },
  { frames: 5 },
);
