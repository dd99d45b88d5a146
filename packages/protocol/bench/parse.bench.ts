// Parse throughput of the two hot events: a 100 ms `input_audio_buffer.append` (24 kHz pcm16 →
// 4800 bytes → 6400 base64 characters) and a `response.audio.delta` of the same size, against
// plain JSON.parse of the same frames, measured in the same run.
// Run from packages/protocol: npx tsx bench/parse.bench.ts
import { base64Schema } from '../src/common.js';
import { parseV1ClientEvent, parseV1ServerEvent } from '../src/dialect-parse.js';
import { encodeEvent, parseClientEvent, parseServerEvent } from '../src/parse.js';
import { serverEventToV1 } from '../src/translate-events.js';

const pcm = new Uint8Array(4800);
for (let i = 0; i < pcm.length; i++) pcm[i] = (i * 37) & 0xff;
const audio = Buffer.from(pcm).toString('base64');

const appendText = JSON.stringify({ type: 'input_audio_buffer.append', event_id: 'evt_1', audio });
const appendBytes = new TextEncoder().encode(appendText);
const deltaText = JSON.stringify({
  type: 'response.audio.delta',
  event_id: 'event_1',
  response_id: 'resp_1',
  item_id: 'item_1',
  output_index: 0,
  content_index: 0,
  delta: audio,
});

// The same audio as the v1 dialect names it.
const v1DeltaText = deltaText.replace('response.audio.delta', 'response.output_audio.delta');

/** Calls of `fn` per second over about `durationMs`. */
function rate(fn: () => unknown, durationMs: number): number {
  let calls = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < durationMs) {
    for (let i = 0; i < 200; i++) fn();
    calls += 200;
    elapsed = performance.now() - start;
  }
  return (calls * 1000) / elapsed;
}

/**
 * Best-of-`rounds` rates of `baseline` and `subject`, measured alternately so that load from other
 * processes hits both alike (the machine is shared and noisy).
 */
function compare(baseline: () => unknown, subject: () => unknown, rounds = 15): [number, number] {
  for (let i = 0; i < 3000; i++) {
    baseline();
    subject();
  }
  let bestBaseline = 0;
  let bestSubject = 0;
  for (let round = 0; round < rounds; round++) {
    bestBaseline = Math.max(bestBaseline, rate(baseline, 100));
    bestSubject = Math.max(bestSubject, rate(subject, 100));
  }
  return [bestBaseline, bestSubject];
}

for (const parsed of [
  parseClientEvent(appendText),
  parseClientEvent(appendBytes),
  parseServerEvent(deltaText),
]) {
  if (parsed.kind !== 'known')
    throw new Error(`bench frame did not parse as known: ${parsed.kind}`);
}
for (const parsed of [parseV1ClientEvent(appendText), parseV1ServerEvent(v1DeltaText)]) {
  if (parsed.kind !== 'known')
    throw new Error(`v1 bench frame did not parse as known: ${parsed.kind}`);
}
const delta = parseServerEvent(deltaText);
if (delta.kind !== 'known') throw new Error('unreachable');
const deltaEvent = delta.event;
const decoder = new TextDecoder();

const rows: Array<[string, number, number]> = [
  [
    'append, string',
    ...compare(
      () => JSON.parse(appendText),
      () => parseClientEvent(appendText),
    ),
  ],
  [
    'append, Uint8Array',
    ...compare(
      () => JSON.parse(decoder.decode(appendBytes)),
      () => parseClientEvent(appendBytes),
    ),
  ],
  [
    'audio.delta, string',
    ...compare(
      () => JSON.parse(deltaText),
      () => parseServerEvent(deltaText),
    ),
  ],
  [
    'v1 append, string',
    ...compare(
      () => JSON.parse(appendText),
      () => parseV1ClientEvent(appendText),
    ),
  ],
  [
    'v1 output_audio.delta, string',
    ...compare(
      () => JSON.parse(v1DeltaText),
      () => parseV1ServerEvent(v1DeltaText),
    ),
  ],
  [
    'audio.delta → v1 (translate + encode)',
    ...compare(
      () => JSON.parse(deltaText),
      () => JSON.stringify(serverEventToV1(deltaEvent).events[0]),
    ),
  ],
  [
    'base64 check of the append audio alone',
    ...compare(
      () => JSON.parse(appendText),
      () => base64Schema.safeParse(audio),
    ),
  ],
  [
    'encodeEvent(audio.delta)',
    ...compare(
      () => JSON.parse(deltaText),
      () => encodeEvent(deltaEvent),
    ),
  ],
];

console.log(
  `frame: ${appendText.length} characters (${audio.length} base64 = ${pcm.length} bytes of audio)`,
);
console.log(
  `${'case'.padEnd(40)} ${'JSON.parse/s'.padStart(12)} ${'subject/s'.padStart(12)} ${'subject µs'.padStart(11)}  cost vs JSON.parse`,
);
for (const [name, baseline, subject] of rows) {
  console.log(
    `${name.padEnd(40)} ${Math.round(baseline).toString().padStart(12)} ${Math.round(subject).toString().padStart(12)} ${(1e6 / subject).toFixed(2).padStart(11)}  ×${(baseline / subject).toFixed(2)}`,
  );
}
