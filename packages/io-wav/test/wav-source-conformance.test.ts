import { join } from 'node:path';

import { byteLengthForMs } from '@voxd/audio';
import type { AudioFormat } from '@voxd/audio';
import { describeSourceConformance, openFileCount } from '@voxd/testing';
import { afterAll } from 'vitest';

import { createWavSource } from '../src/wav-source.js';
import { makeCtx, patternBytes, tempDir, writeWav } from './helpers.js';

const { dir, cleanup } = tempDir();
afterAll(cleanup);
const ctx = makeCtx(dir);

const pcm: AudioFormat = { encoding: 'pcm16', sampleRate: 24000, channels: 1 };
const ulaw: AudioFormat = { encoding: 'g711_ulaw', sampleRate: 8000, channels: 1 };
// 3.33 s spans several read chunks and ends in a partial frame.
const long = writeWav(join(dir, 'long.wav'), pcm, patternBytes(byteLengthForMs(pcm, 3330)));
const short = writeWav(join(dir, 'short.wav'), ulaw, patternBytes(byteLengthForMs(ulaw, 150)));

describeSourceConformance(
  'wav source, pcm16 24 kHz, asap',
  () => ({
    source: createWavSource({ path: long, pace: 'asap', trailingSilenceMs: 0 }, ctx),
    isOpen: () => openFileCount(long) > 0,
  }),
  { frameMs: 20 },
);

describeSourceConformance(
  'wav source, µ-law, realtime, 30 ms frames',
  () => ({
    source: createWavSource({ path: short, frameMs: 30, trailingSilenceMs: 0 }, ctx),
    isOpen: () => openFileCount(short) > 0,
  }),
  { frameMs: 30 },
);

describeSourceConformance(
  'wav source, looping',
  () => ({
    source: createWavSource({ path: short, pace: 'asap', loop: true }, ctx),
    isOpen: () => openFileCount(short) > 0,
  }),
  { frameMs: 20, completes: false, sampleFrames: 200 },
);
