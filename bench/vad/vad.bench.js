// VAD benchmark and evaluation: the energy detector (default), WebRTC's fvad and Silero VAD v5
// (optional engine) in the same run, on the clean fixtures and on the noisy matrix of the manifest
// (white, pink and babble noise at 20, 15, 10 and 5 dB SNR, made from seeded recipes).
//   - accuracy: share of fixtures where every true segment gives one turn with its onset within
//     150 ms and audio_end_ms within [end − 200, end + silence_duration_ms + 200] (issue 8 §4);
//   - CPU per stream: process CPU time (all threads: Silero runs in a worker) over audio time, in %
//     of one core, and as a ratio against the energy detector measured in the same run;
//   - false triggers on 30 s of brown noise.
// Run after a build: npx turbo run build --filter=@voxd/local-server --filter=@voxd/testing
//   node bench/vad/vad.bench.js [--json]
import console from 'node:console';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { fileURLToPath, URL } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const { createVad, createFvadVad, createSileroVad } = await import(
  `${root}packages/local-server/dist/vad/index.js`
);
const { loadNoisyFixtures, loadSpeechFixture, readFixtureManifest } = await import(
  `${root}packages/testing/dist/index.js`
);

const OPTIONS = {
  type: 'server_vad',
  threshold: 0.5,
  prefixPaddingMs: 300,
  silenceDurationMs: 500,
  sampleRate: 16000,
};
const CHUNK_SAMPLES = 320; // 20 ms, the usual network frame
const MIN_CPU_MS = 1500;

function run(vad, samples) {
  const events = [];
  for (let at = 0; at < samples.length; at += CHUNK_SAMPLES) {
    events.push(...vad.process(samples.subarray(at, at + CHUNK_SAMPLES)));
  }
  return events;
}

/** Whether the events hold the bound against the true segments. */
function holds(events, segments) {
  const starts = events.filter((e) => e.type === 'speech_started');
  const stops = events.filter((e) => e.type === 'speech_stopped');
  if (starts.length !== segments.length || stops.length !== segments.length) return false;
  return segments.every((s, i) => {
    const lateMs = stops[i].audioEndMs - s.endMs;
    return (
      Math.abs(starts[i].speechStartMs - s.startMs) <= 150 &&
      lateMs >= -200 &&
      lateMs <= OPTIONS.silenceDurationMs + 200
    );
  });
}

/** CPU time of the whole process (every thread) per audio time, in % of one core. */
function cpuPercent(vad, samples) {
  const audioMs = samples.length / 16;
  let runs = 0;
  const wallStart = performance.now();
  const cpuStart = process.cpuUsage();
  do {
    vad.reset();
    run(vad, samples);
    runs++;
  } while (performance.now() - wallStart < MIN_CPU_MS);
  const cpu = process.cpuUsage(cpuStart);
  return ((cpu.user + cpu.system) / 1000 / (audioMs * runs)) * 100;
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

const manifest = readFixtureManifest();
const clean = [];
for (const entry of manifest.files) {
  const f = await loadSpeechFixture(entry);
  // A second of trailing silence lets the last stop land (fvad and Silero decay slowly).
  const padded = new Int16Array(f.samples16k.length + 16000);
  padded.set(f.samples16k);
  clean.push({ ...f, samples16k: padded, group: 'clean' });
}
const noisy = (await loadNoisyFixtures()).map((f) => {
  const recipe = manifest.noisy.find((r) => r.id === f.name);
  return { ...f, group: `${recipe.noise} ${recipe.snrDb} dB` };
});
const detectors = {
  energy: () => createVad(OPTIONS),
  fvad: () => createFvadVad(OPTIONS),
  silero: () => createSileroVad(OPTIONS),
};

const accuracy = new Map();
for (const f of [...clean, ...noisy]) {
  const row = accuracy.get(f.group) ?? { fixtures: 0 };
  row.fixtures++;
  for (const [name, make] of Object.entries(detectors)) {
    const vad = await make();
    row[name] = (row[name] ?? 0) + (holds(run(vad, f.samples16k), f.segments) ? 1 : 0);
  }
  accuracy.set(f.group, row);
}

// CPU: each detector over the same long stream (all noisy fixtures joined), after a warm-up.
const stream = new Int16Array(noisy.slice(0, 12).reduce((n, f) => n + f.samples16k.length, 0));
noisy.slice(0, 12).reduce((at, f) => (stream.set(f.samples16k, at), at + f.samples16k.length), 0);
const cpu = {};
for (const [name, make] of Object.entries(detectors)) {
  const vad = await make();
  cpuPercent(vad, stream.subarray(0, 16000 * 5));
  cpu[name] = cpuPercent(vad, stream);
}
const falseTriggers = {};
const noise = brownNoise(16000 * 30);
for (const [name, make] of Object.entries(detectors)) {
  falseTriggers[name] = run(await make(), noise).length / 2;
}

const rows = [...accuracy].map(([group, row]) => ({
  fixtures: group,
  n: row.fixtures,
  energy: `${row.energy}/${row.fixtures}`,
  fvad: `${row.fvad}/${row.fixtures}`,
  silero: `${row.silero}/${row.fixtures}`,
}));
const cpuRows = Object.entries(cpu).map(([name, percent]) => ({
  detector: name,
  'CPU % of a core per stream': Number(percent.toFixed(3)),
  'ratio to energy (same run)': Number((percent / cpu.energy).toFixed(1)),
  'false triggers, 30 s brown noise': falseTriggers[name],
}));
if (process.argv.includes('--json')) console.log(JSON.stringify({ rows, cpuRows }, null, 2));
else {
  console.log('Fixtures holding the bound (onset ±150 ms, audio_end_ms in [end − 200, end + 700])');
  console.table(rows);
  console.table(cpuRows);
}
