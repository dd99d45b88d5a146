// Offline TTS (espeak-ng wasm + Speex resampling) timings: engine init, the first (cold) calls and
// warm calls, as × real time. Run after a build: npx turbo run build --filter=@voxd/local-server...
//   node bench/vad/tts.bench.js [--json]
import console from 'node:console';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { fileURLToPath, URL } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const { createTts } = await import(`${root}packages/local-server/dist/tts/index.js`);

const TEXT =
  'The forecast for Oslo is cloudy with a chance of light rain in the afternoon. ' +
  'Temperatures stay around twelve degrees, and the wind comes from the south west.';
const SAMPLE_RATE = 24000;

let start = performance.now();
const tts = await createTts();
const initMs = performance.now() - start;

const rows = [{ what: 'createTts() (load espeak-ng wasm + data)', ms: Math.round(initMs) }];
for (let call = 1; call <= 8; call++) {
  start = performance.now();
  const samples = await tts.synthesize(TEXT, { sampleRate: SAMPLE_RATE });
  const ms = performance.now() - start;
  const audioMs = (samples.length / SAMPLE_RATE) * 1000;
  rows.push({
    what: `synthesize #${call} (${(audioMs / 1000).toFixed(1)} s of audio at ${SAMPLE_RATE} Hz)`,
    ms: Math.round(ms),
    xRealTime: Number((audioMs / ms).toFixed(1)),
  });
}

if (process.argv.includes('--json')) console.log(JSON.stringify(rows, null, 2));
else console.table(rows);
