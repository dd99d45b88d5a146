// @voxd/audio micro benchmarks: 60 s of audio through each operation, reported as × faster than
// real time on one core, next to a baseline measured in the same run. Run after a build:
//   npx turbo run build --filter=@voxd/audio && node bench/audio/audio.bench.js [--json]
import { Buffer } from 'node:buffer';
import console from 'node:console';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import process from 'node:process';

import {
  alawDecode,
  alawEncode,
  createFormatConverter,
  createRechunker,
  createResampler,
  decodeBase64,
  encodeBase64,
  mulawDecode,
  mulawEncode,
  pcm16ToSamples,
  PCM16_24K,
  tone,
} from '@voxd/audio';
import alawmulaw from 'alawmulaw';

const { alaw, mulaw } = alawmulaw;

const AUDIO_SECONDS = 60;
const ROUNDS = 7;
const MIN_ROUND_MS = 150;
const FRAME_SAMPLES_20MS = (rate) => rate / 50;

/** Speech-like test signal: three tones, so no stage can shortcut on silence. */
function signal(sampleRate) {
  const format = { encoding: 'pcm16', sampleRate, channels: 1 };
  const durationMs = AUDIO_SECONDS * 1000;
  const parts = [220, 1100, 3100].map((frequencyHz) =>
    pcm16ToSamples(tone(format, { frequencyHz, durationMs, amplitude: 0.3 })),
  );
  return Int16Array.from(parts[0], (s, i) => s + parts[1][i] + parts[2][i]);
}

/**
 * ms per call of `fn`: the best and the median of ROUNDS rounds of at least MIN_ROUND_MS each,
 * after a warm-up. The best round is the figure to compare on a shared, noisy machine: other
 * load only ever adds time.
 */
async function measure(fn) {
  for (let i = 0; i < 3; i++) await fn();
  const perCall = [];
  for (let round = 0; round < ROUNDS; round++) {
    let calls = 0;
    const start = performance.now();
    do {
      await fn();
      calls++;
    } while (performance.now() - start < MIN_ROUND_MS);
    perCall.push((performance.now() - start) / calls);
  }
  perCall.sort((a, b) => a - b);
  return { best: perCall[0], median: perCall[Math.floor(perCall.length / 2)] };
}

/** Streams `samples` through a resampler in 20 ms frames, as a live session does. */
function resampleStream(resampler, samples, frameSamples) {
  let out = 0;
  for (let i = 0; i < samples.length; i += frameSamples) {
    out += resampler.process(samples.subarray(i, i + frameSamples)).length;
  }
  return out + resampler.flush().length;
}

/** Linear interpolation: the cheap, aliasing resampler a maintained one replaces. */
function linearResample(samples, fromRate, toRate) {
  const out = new Int16Array(Math.round((samples.length * toRate) / fromRate));
  const step = fromRate / toRate;
  for (let i = 0; i < out.length; i++) {
    const x = i * step;
    const j = Math.floor(x);
    const a = samples[j];
    const b = samples[Math.min(j + 1, samples.length - 1)];
    out[i] = a + (b - a) * (x - j);
  }
  return out;
}

function copyBytes(bytes) {
  return Buffer.from(bytes); // one memcpy of the same bytes
}

async function main() {
  const pcm8k = signal(8000);
  const pcm16k = signal(16000);
  const pcm24k = signal(24000);
  const pcm24kBytes = new Uint8Array(pcm24k.buffer);
  const ulawBytes = mulawEncode(pcm8k);
  const alawBytes = alawEncode(pcm8k);
  const base64Text = encodeBase64(pcm24kBytes);
  const resamplers = {};
  for (const [from, to] of [
    [24000, 16000],
    [16000, 24000],
    [8000, 24000],
    [24000, 8000],
  ]) {
    resamplers[`${from}-${to}`] = await createResampler({ fromRate: from, toRate: to });
  }
  const ulawToPcm24k = await createFormatConverter({
    from: { encoding: 'g711_ulaw', sampleRate: 8000, channels: 1 },
    to: PCM16_24K,
  });
  const rechunkIn = [];
  // Voice Live audio deltas vary in size; cut the stream into uneven 1–9 KB pieces.
  for (let at = 0, i = 0; at < pcm24kBytes.length; i++) {
    const size = 1000 + ((i * 2654435761) % 8000);
    rechunkIn.push(pcm24kBytes.subarray(at, at + size));
    at += size;
  }

  const cases = [
    [
      'µ-law encode (8 kHz)',
      () => mulawEncode(pcm8k),
      'alawmulaw.mulaw.encode',
      () => mulaw.encode(pcm8k),
    ],
    [
      'µ-law decode (8 kHz)',
      () => mulawDecode(ulawBytes),
      'alawmulaw.mulaw.decode',
      () => mulaw.decode(ulawBytes),
    ],
    [
      'A-law encode (8 kHz)',
      () => alawEncode(pcm8k),
      'alawmulaw.alaw.encode',
      () => alaw.encode(pcm8k),
    ],
    [
      'A-law decode (8 kHz)',
      () => alawDecode(alawBytes),
      'alawmulaw.alaw.decode',
      () => alaw.decode(alawBytes),
    ],
    [
      'base64 encode (24 kHz PCM16)',
      () => encodeBase64(pcm24kBytes),
      'Buffer copy of the bytes',
      () => copyBytes(pcm24kBytes),
    ],
    [
      'base64 decode, strict (24 kHz PCM16)',
      () => decodeBase64(base64Text),
      "lenient Buffer.from(…, 'base64')",
      () => Buffer.from(base64Text, 'base64'),
    ],
    [
      'PCM16 bytes → samples (24 kHz)',
      () => pcm16ToSamples(pcm24kBytes),
      'Buffer copy of the bytes',
      () => copyBytes(pcm24kBytes),
    ],
    [
      'resample 24k → 16k, 20 ms frames',
      () => resampleStream(resamplers['24000-16000'], pcm24k, FRAME_SAMPLES_20MS(24000)),
      'linear interpolation (JS)',
      () => linearResample(pcm24k, 24000, 16000),
    ],
    [
      'resample 16k → 24k, 20 ms frames',
      () => resampleStream(resamplers['16000-24000'], pcm16k, FRAME_SAMPLES_20MS(16000)),
      'linear interpolation (JS)',
      () => linearResample(pcm16k, 16000, 24000),
    ],
    [
      'resample 8k → 24k, 20 ms frames',
      () => resampleStream(resamplers['8000-24000'], pcm8k, FRAME_SAMPLES_20MS(8000)),
      'linear interpolation (JS)',
      () => linearResample(pcm8k, 8000, 24000),
    ],
    [
      'resample 24k → 8k, 20 ms frames',
      () => resampleStream(resamplers['24000-8000'], pcm24k, FRAME_SAMPLES_20MS(24000)),
      'linear interpolation (JS)',
      () => linearResample(pcm24k, 24000, 8000),
    ],
    [
      'resample 24k → 16k, one call',
      () =>
        resamplers['24000-16000'].process(pcm24k).length + resamplers['24000-16000'].flush().length,
      'Buffer copy of the input bytes',
      () => copyBytes(pcm24kBytes),
    ],
    [
      'µ-law 8k → PCM16 24k, 20 ms RTP payloads (createFormatConverter)',
      () => convertStream(ulawToPcm24k, ulawBytes, 160),
      'alawmulaw decode + linear interpolation',
      () => linearResample(mulaw.decode(ulawBytes), 8000, 24000),
    ],
    [
      'rechunk 24 kHz PCM16 into 20 ms frames',
      () => rechunkAll(rechunkIn),
      'Buffer copy of the bytes',
      () => copyBytes(pcm24kBytes),
    ],
  ];

  const rows = [];
  for (const [name, fn, baselineName, baselineFn] of cases) {
    const ours = await measure(fn);
    const baseline = await measure(baselineFn);
    rows.push({
      operation: name,
      bestMsPer60s: ours.best,
      medianMsPer60s: ours.median,
      xRealTime: (AUDIO_SECONDS * 1000) / ours.best,
      baseline: baselineName,
      baselineBestMsPer60s: baseline.best,
      // > 1: ours is faster than the baseline; < 1: ours costs 1/x of the baseline's time.
      speedVsBaseline: baseline.best / ours.best,
    });
  }
  for (const r of Object.values(resamplers)) r.dispose();
  ulawToPcm24k.dispose();

  if (process.argv.includes('--json')) {
    console.log(
      JSON.stringify(
        {
          node: process.version,
          cores: cpus().length,
          loadAverage: loadavg(),
          audioSeconds: AUDIO_SECONDS,
          rows,
        },
        null,
        2,
      ),
    );
    return;
  }
  const fmt = (x, digits) =>
    x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
  console.log(
    `@voxd/audio, ${AUDIO_SECONDS} s of mono audio per run, Node ${process.version}, best and median of ${ROUNDS} rounds, ${cpus().length} cores, load average ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}\n`,
  );
  console.log(
    '| operation | best ms per 60 s | × real time (1 core) | median ms | baseline (same run) | baseline best ms | speed vs baseline |',
  );
  console.log('|---|---:|---:|---:|---|---:|---:|');
  for (const r of rows) {
    console.log(
      `| ${r.operation} | ${fmt(r.bestMsPer60s, 2)} | ${fmt(r.xRealTime, 0)}× | ${fmt(r.medianMsPer60s, 2)} | ${r.baseline} | ${fmt(r.baselineBestMsPer60s, 2)} | ${fmt(r.speedVsBaseline, 2)}× |`,
    );
  }
}

function convertStream(converter, bytes, payloadBytes) {
  let out = 0;
  for (let i = 0; i < bytes.length; i += payloadBytes) {
    out += converter.process(bytes.subarray(i, i + payloadBytes)).length;
  }
  return out + converter.flush().length;
}

function rechunkAll(chunks) {
  const rechunker = createRechunker(PCM16_24K, 20);
  let frames = 0;
  for (const chunk of chunks) frames += rechunker.push(chunk).length;
  rechunker.flush();
  return frames;
}

await main();
