// @voxd/io-wav sink write benchmark: the cost of keeping a WAV file valid at every moment (the
// header's RIFF and data sizes rewritten after every write) against writing the sizes only on
// close, measured in the same run, alternating, on a temp file. Run after a build:
//   npx turbo run build --filter=@voxd/io-wav && node bench/io-wav/sink-write.bench.js [--json]
import console from 'node:console';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import process from 'node:process';

import { PCM16_24K, tone } from '@voxd/audio';
import { createWavFileWriter, createWavSink } from '@voxd/io-wav';
import { asyncScheduler, from, lastValueFrom } from 'rxjs';

const AUDIO_SECONDS = 60;
const CHUNK_MS = 20;
const ROUNDS = 11;
const chunk = tone(PCM16_24K, { frequencyHz: 440, durationMs: CHUNK_MS, amplitude: 0.3 });
const chunks = AUDIO_SECONDS * (1000 / CHUNK_MS);
const dir = mkdtempSync(join(tmpdir(), 'voxd-bench-io-wav-'));
let files = 0;
const nextPath = () => join(dir, `bench-${(files += 1) % 4}.wav`);

/**
 * One write (and, when patching, one header rewrite) per 20 ms chunk: what a realtime sink does,
 * since its playhead hands over one step at a time.
 */
async function perChunk(patchHeader) {
  const writer = createWavFileWriter({ path: nextPath(), format: PCM16_24K, patchHeader });
  for (let i = 0; i < chunks; i += 1) {
    writer.append(chunk);
    await writer.flush();
  }
  await writer.close();
}

/** All chunks handed over at once, as an asap sink does: the writer batches them. */
async function burst(patchHeader) {
  const writer = createWavFileWriter({ path: nextPath(), format: PCM16_24K, patchHeader });
  for (let i = 0; i < chunks; i += 1) writer.append(chunk);
  await writer.close();
}

/** The whole asap sink path: play() over 60 s of frames, then close(). */
async function sinkAsap(patchHeader) {
  const ctx = {
    agentName: 'bench',
    baseDir: dir,
    scheduler: asyncScheduler,
    logger: { debug() {}, info() {}, warn() {}, error() {} },
  };
  const sink = createWavSink({ path: nextPath(), pace: 'asap', patchHeader }, ctx);
  const frames = Array.from({ length: chunks }, (_, i) => ({
    format: PCM16_24K,
    data: chunk,
    timestampMs: i * CHUNK_MS,
  }));
  await lastValueFrom(sink.play(from(frames)));
  await sink.close();
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * Median and fastest ms per run of each variant, alternating them so load drifts hit both alike.
 * On a busy machine the fastest run is the better estimate of the intrinsic cost.
 */
async function compare(fn) {
  await fn(true);
  await fn(false);
  const ms = { patched: [], unpatched: [] };
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const patchHeader of round % 2 === 0 ? [true, false] : [false, true]) {
      const start = performance.now();
      await fn(patchHeader);
      ms[patchHeader ? 'patched' : 'unpatched'].push(performance.now() - start);
    }
  }
  return {
    patchedMs: median(ms.patched),
    unpatchedMs: median(ms.unpatched),
    patchedMinMs: Math.min(...ms.patched),
    unpatchedMinMs: Math.min(...ms.unpatched),
  };
}

const results = [];
for (const [name, fn] of [
  ['per 20 ms chunk (realtime sink)', perChunk],
  ['burst (asap writer)', burst],
  ['asap sink play()+close()', sinkAsap],
]) {
  const { patchedMs, unpatchedMs, patchedMinMs, unpatchedMinMs } = await compare(fn);
  const perChunkUs = (ms) => Number(((ms * 1000) / chunks).toFixed(1));
  results.push({
    name,
    patchedUsPerChunk: perChunkUs(patchedMs),
    unpatchedUsPerChunk: perChunkUs(unpatchedMs),
    ratioMedian: Number((patchedMs / unpatchedMs).toFixed(2)),
    ratioFastest: Number((patchedMinMs / unpatchedMinMs).toFixed(2)),
    patchedRealtimeFactor: Math.round((AUDIO_SECONDS * 1000) / patchedMs),
  });
}
rmSync(dir, { recursive: true, force: true });

if (process.argv.includes('--json')) {
  console.log(JSON.stringify({ cores: cpus().length, loadavg: loadavg(), results }, null, 2));
} else {
  console.log(
    `${AUDIO_SECONDS} s of PCM16 24 kHz in ${CHUNK_MS} ms chunks; ${ROUNDS} rounds; ` +
      `${cpus().length} cores, load ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
  );
  console.table(results);
}
