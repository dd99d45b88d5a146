// VAD benchmark and evaluation on the fixtures: speed (× real time) of the energy detector and the
// WebRTC fvad detector in the same run, onset/offset error against the manifest's marks, and false
// triggers on noise. Run after a build: npx turbo run build --filter=@voxd/local-server
//   node bench/vad/vad.bench.js [--json]
import console from 'node:console';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { fileURLToPath, URL } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const dist = `${root}packages/local-server/dist/`;
const { createVad, createFvadVad } = await import(`${dist}vad/index.js`);
const { decodeToSamples, parseWavHeader, resampleSamples } = await import(
  `${root}packages/audio/dist/index.js`
);

const OPTIONS = {
  type: 'server_vad',
  threshold: 0.5,
  prefixPaddingMs: 300,
  silenceDurationMs: 500,
  sampleRate: 16000,
};
const CHUNK_SAMPLES = 320; // 20 ms, the usual network frame
const MIN_BENCH_MS = 300;

function readWav16k(path) {
  const bytes = readFileSync(path);
  const wav = parseWavHeader(bytes);
  const data = bytes.subarray(wav.dataOffset, wav.dataOffset + wav.dataLength);
  return resampleSamples(decodeToSamples(data, wav.format.encoding), {
    fromRate: wav.format.sampleRate,
    toRate: 16000,
  });
}

function run(vad, samples) {
  const events = [];
  for (let at = 0; at < samples.length; at += CHUNK_SAMPLES) {
    events.push(...vad.process(samples.subarray(at, at + CHUNK_SAMPLES)));
  }
  return events;
}

function timeXRealTime(vad, samples) {
  const audioMs = samples.length / 16;
  let runs = 0;
  const start = performance.now();
  do {
    vad.reset();
    run(vad, samples);
    runs++;
  } while (performance.now() - start < MIN_BENCH_MS);
  return (audioMs * runs) / (performance.now() - start);
}

function errors(events, segments) {
  const starts = events.filter((e) => e.type === 'speech_started').map((e) => e.speechStartMs);
  const ends = events.filter((e) => e.type === 'speech_stopped').map((e) => e.speechEndMs);
  if (starts.length !== segments.length || ends.length !== segments.length) {
    return { found: `${starts.length}/${segments.length}`, onsetMs: NaN, offsetMs: NaN };
  }
  const max = (xs) => Math.max(...xs.map(Math.abs));
  return {
    found: `${starts.length}/${segments.length}`,
    onsetMs: max(starts.map((s, i) => s - segments[i].startMs)),
    offsetMs: max(ends.map((s, i) => s - segments[i].endMs)),
  };
}

// Deterministic brown noise at about -40 dBFS: any event on it is a false trigger.
function brownNoise(samples) {
  let seed = 12345;
  let level = 0;
  const raw = Float64Array.from({ length: samples }, () => {
    seed = (seed * 1103515245 + 12345) >>> 0;
    return (level = 0.98 * level + (seed / 2 ** 32 - 0.5));
  });
  const rms = Math.sqrt(raw.reduce((s, x) => s + x * x, 0) / samples);
  return Int16Array.from(raw, (x) => Math.round((x * 32768 * 10 ** (-40 / 20)) / rms));
}

const manifest = JSON.parse(readFileSync(`${root}fixtures/manifest.json`, 'utf8'));
// Both detectors are created once (fvad loads its wasm then) and reset() between timed runs.
const detectors = { energy: createVad(OPTIONS), fvad: await createFvadVad(OPTIONS) };

// Warm the JIT on one fixture so the first table row is not penalised.
const warmup = await readWav16k(`${root}fixtures/${manifest.files[0].path}`);
for (const vad of Object.values(detectors)) timeXRealTime(vad, warmup);

const rows = [];
for (const file of manifest.files) {
  const samples16k = await readWav16k(`${root}fixtures/${file.path}`);
  // fvad adds ~150 ms of hangover; a second of trailing silence lets its last stop land.
  const padded = new Int16Array(samples16k.length + 16000);
  padded.set(samples16k);
  for (const [name, vad] of Object.entries(detectors)) {
    vad.reset();
    const quality = errors(run(vad, padded), file.segments);
    const xRealTime = timeXRealTime(vad, samples16k);
    rows.push({ fixture: file.path, detector: name, ...quality, xRealTime: Math.round(xRealTime) });
  }
}
const noise = brownNoise(16000 * 30);
for (const [name, vad] of Object.entries(detectors)) {
  vad.reset();
  const events = run(vad, noise);
  rows.push({
    fixture: 'brown noise -40 dBFS, 30 s',
    detector: name,
    falseTriggers: events.length / 2,
  });
}

if (process.argv.includes('--json')) console.log(JSON.stringify(rows, null, 2));
else console.table(rows);
