// CPU cost of the session logic alone (parse, VAD, turns, responses, event encoding), without
// sockets: N sessions of a local-server build are fed the capacity bench's 100 ms appends as fast
// as the loop allows, pace 'asap', and their events are only counted. Builds given with --dist are
// measured in alternation and the best of the rounds is kept, so load from other processes on this
// shared machine hits every build alike.
//
// Usage: node bench/local-server/session-cost.js [--sessions 50] [--seconds 40] [--rounds 3]
//        [--dist DIR ...] (default: packages/local-server/dist)
import console from 'node:console';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { setImmediate } from 'node:timers';
import { fileURLToPath, URL } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const args = process.argv.slice(2);
const arg = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const dists = args.flatMap((a, i) => (a === '--dist' ? [args[i + 1]] : []));
if (dists.length === 0) dists.push(`${ROOT}packages/local-server/dist`);
const sessionCount = Number(arg('--sessions', '50'));
const seconds = Number(arg('--seconds', '40'));
const rounds = Number(arg('--rounds', '3'));

const file = readFileSync(`${ROOT}fixtures/audio/weather-24k.wav`);
const dataOffset = file.indexOf('data') + 8;
const loop = file.subarray(dataOffset, dataOffset + 4 * 48_000);
const frames = [];
for (let i = 0; i < loop.length; i += 4800) {
  const text = JSON.stringify({
    type: 'input_audio_buffer.append',
    audio: loop.subarray(i, i + 4800).toString('base64'),
  });
  frames.push(Buffer.from(text));
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

async function measure(dist) {
  const { createVoiceSession } = await import(`${dist}/session/voice-session.js`);
  const { resolveOptions } = await import(`${dist}/local-server-options.js`);
  const { createResponderFactory } = await import(`${dist}/responders/create-responder.js`);
  const { createRng } = await import(`${dist}/rng.js`);
  const { createSpeaker } = await import(`${dist}/speaker.js`);
  const options = resolveOptions({ pace: 'asap', responder: 'tone', seed: 1 });
  const responders = await createResponderFactory(options.responder);
  const rng = createRng(1);
  const { speak } = createSpeaker();
  let events = 0;
  let responses = 0;
  const sessions = Array.from({ length: sessionCount }, () => {
    const session = createVoiceSession({
      socket: { sendText: () => events++, drop: () => undefined },
      target: { kind: 'model', model: 'gpt-realtime' },
      apiVersion: '2025-10-01',
      options,
      rng: rng.fork(),
      responder: responders(),
      speak,
      transcriber: undefined,
      nextResponseOrdinal: () => ++responses,
    });
    session.start();
    return session;
  });
  const cpu = process.cpuUsage();
  const started = performance.now();
  const steps = seconds * 10;
  for (let step = 0; step < steps; step++) {
    for (const [index, session] of sessions.entries())
      session.handleFrame(frames[(step + index) % frames.length]);
    // Lets response timers (pace 'asap': immediates) run between rounds of appends.
    await tick();
  }
  for (let i = 0; i < 50; i++) await tick();
  const used = process.cpuUsage(cpu);
  for (const session of sessions) session.dispose();
  return {
    cpuMsPerSessionSecond: (used.user + used.system) / 1000 / (sessionCount * seconds),
    wallMs: performance.now() - started,
    responses,
    events,
  };
}

const best = new Map();
for (let round = 0; round < rounds; round++) {
  for (const dist of dists) {
    const result = await measure(dist);
    const previous = best.get(dist);
    if (previous === undefined || result.cpuMsPerSessionSecond < previous.cpuMsPerSessionSecond)
      best.set(dist, result);
  }
}
for (const [dist, r] of best) {
  console.log(
    `${r.cpuMsPerSessionSecond.toFixed(3)} ms CPU/session-s  (${r.responses} responses, ${r.events} events)  ${dist}`,
  );
}
