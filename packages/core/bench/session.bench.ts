// Cost of the session's hot paths, with the in-memory test doubles (no sockets), in one run:
// - output: `response.audio.delta` (100 ms, 24 kHz pcm16) → decode → playback item → sink (asap);
// - input: 20 ms source frames → re-chunk to 50 ms → base64 → `input_audio_buffer.append`;
// - barge-in: speech_started → sink unsubscribed + response.cancel + conversation.item.truncate.
// Run from packages/core (after building @voxd/testing): npx tsx bench/session.bench.ts
import { PCM16_24K } from '@voxd/audio';
import {
  createMemorySink,
  createMemorySource,
  createScriptedTransport,
  serverEvents as ev,
} from '@voxd/testing';

import { createSession } from '../src/create-session.js';

const DELTA = new Uint8Array(4800).map((_, i) => (i * 37) & 0xff);

function outputPath(deltas: number): number {
  const transport = createScriptedTransport({ handshake: true });
  const sink = createMemorySink({ format: PCM16_24K, pace: 'asap' });
  const session = createSession({ transport, session: {}, sink });
  session.events$.subscribe();
  const events = Array.from({ length: deltas }, () => ev.audioDelta('resp_1', 'item_A1', DELTA));
  transport.emit(ev.responseCreated('resp_1'));
  const start = performance.now();
  for (const event of events) transport.emit(event);
  const elapsedMs = performance.now() - start;
  transport.emit(ev.audioDone('resp_1', 'item_A1'));
  if (sink.plays[0]?.heard.length !== deltas) throw new Error('not every delta was played');
  void session.close();
  return elapsedMs;
}

function inputPath(seconds: number): number {
  const transport = createScriptedTransport({ handshake: true });
  const audio = new Uint8Array(seconds * 48_000).map((_, i) => i & 0xff);
  const source = createMemorySource({ format: PCM16_24K, audio, frameMs: 20 });
  const start = performance.now();
  const session = createSession({ transport, session: {}, source, inputFrameMs: 50 });
  session.events$.subscribe();
  const elapsedMs = performance.now() - start;
  if (transport.sentOf('input_audio_buffer.append').length !== seconds * 20)
    throw new Error('lost input');
  void session.close();
  return elapsedMs;
}

function bargeIn(queuedDeltas: number): number {
  const transport = createScriptedTransport({ handshake: true });
  const sink = createMemorySink({ format: PCM16_24K });
  const session = createSession({ transport, session: {}, sink });
  session.events$.subscribe();
  transport.emit(ev.responseCreated('resp_1'));
  for (let i = 0; i < queuedDeltas; i++) transport.emit(ev.audioDelta('resp_1', 'item_A1', DELTA));
  const speech = ev.speechStarted('item_U2', 0);
  const start = performance.now();
  transport.emit(speech);
  const elapsedMs = performance.now() - start;
  if (transport.sentOf('conversation.item.truncate').length !== 1) throw new Error('no truncate');
  void session.close();
  return elapsedMs;
}

function median(runs: number, fn: () => number): number {
  const samples = Array.from({ length: runs }, fn).sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)] ?? Number.NaN;
}

outputPath(500); // warm up
inputPath(10);
bargeIn(100);
const deltas = 3000; // 300 s of assistant audio
const outputMs = median(5, () => outputPath(deltas));
const inputSeconds = 300;
const inputMs = median(5, () => inputPath(inputSeconds));
const bargeMs = median(21, () => bargeIn(600));
console.log(
  `output: ${deltas} deltas (300 s audio) in ${outputMs.toFixed(1)} ms → ${((outputMs * 1000) / deltas).toFixed(1)} µs/delta, ${(300_000 / outputMs).toFixed(0)}× realtime`,
);
console.log(
  `input: ${inputSeconds} s in 20 ms frames → ${inputSeconds * 20} appends in ${inputMs.toFixed(1)} ms → ${((inputMs * 1000) / (inputSeconds * 20)).toFixed(1)} µs/append, ${((inputSeconds * 1000) / inputMs).toFixed(0)}× realtime`,
);
console.log(
  `barge-in with 60 s of audio queued: speech_started → flush + cancel + truncate in ${bargeMs.toFixed(3)} ms (median of 21)`,
);
