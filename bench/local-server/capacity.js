// Capacity of the embedded local Voice Live server: N concurrent real-time sessions on loopback.
//
// Each client streams 24 kHz PCM16 in 100 ms appends at real time, looping the first 4 s of
// fixtures/audio/weather-24k.wav (speech 0.3–2.7 s, then silence), so the VAD ends a turn every
// 4 s and the server answers with a real-time paced response. The server runs in a child process,
// so only its CPU is measured: process.cpuUsage() over a wall-clock window, and event-loop delay
// (perf_hooks.monitorEventLoopDelay). The same clients against a bare `ws` echo server give the
// baseline, and one level is repeated with permessage-deflate on to price compression.
//
// Usage: npm run build && node bench/local-server/capacity.js [--levels 25,50,100,200]
//        [--responder tone|tts|echo] [--json out.json] [--profile (server CPU profile in /tmp/voxd-prof)]
//        [--baseline-dist DIR (another build of packages/local-server/dist, e.g. of an older commit,
//        measured first in the same run as `base`, for before/after figures under the same load)]
// Bounded: about 75 s with the default levels.
import { fork } from 'node:child_process';
import console from 'node:console';
import { readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { monitorEventLoopDelay, performance, PerformanceObserver } from 'node:perf_hooks';
import process from 'node:process';
import { clearInterval, setInterval, setTimeout } from 'node:timers';
import { fileURLToPath, URL } from 'node:url';

import { WebSocket, WebSocketServer } from 'ws';

const SELF = fileURLToPath(import.meta.url);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CHUNK_MS = 100;
const SETTLE_MS = 2500;
const MEASURE_MS = 5000;

// ---------------------------------------------------------------- server side (child process)

async function serve(kind, responder, dist) {
  let server;
  let echoed = 0;
  let stats = () => ({ responses: 0, framesReceived: echoed });
  if (kind === 'echo') {
    // The floor: same sockets, same frames in, one frame back per frame, no protocol work.
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
    await new Promise((resolve) => wss.once('listening', resolve));
    wss.on('connection', (ws) =>
      ws.on('message', (data) => {
        echoed++;
        ws.send(data);
      }),
    );
    server = {
      url: `http://127.0.0.1:${wss.address().port}`,
      close: () => new Promise((r) => wss.close(r)),
    };
  } else {
    const { startLocalServer } = await import(`${dist}/index.js`);
    server = await startLocalServer({
      port: 0,
      pace: 'realtime',
      responder,
      seed: 1,
      perMessageDeflate: kind === 'local-deflate',
    });
    stats = () => server.stats();
  }
  const lag = monitorEventLoopDelay({ resolution: 5 });
  // GC pauses, to tell collector stalls from work in callbacks.
  const gc = { totalMs: 0, maxMs: 0 };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      gc.totalMs += entry.duration;
      gc.maxMs = Math.max(gc.maxMs, entry.duration);
    }
  }).observe({ entryTypes: ['gc'] });
  let window;
  process.on('message', (message) => {
    if (message.cmd === 'start') {
      lag.reset();
      lag.enable();
      gc.totalMs = 0;
      gc.maxMs = 0;
      window = { cpu: process.cpuUsage(), at: performance.now(), ...stats() };
      process.send({ cmd: 'started' });
    } else if (message.cmd === 'stop') {
      lag.disable();
      const cpu = process.cpuUsage(window.cpu);
      process.send({
        cmd: 'result',
        wallMs: performance.now() - window.at,
        cpuMs: (cpu.user + cpu.system) / 1000,
        p99LagMs: lag.percentile(99) / 1e6,
        maxLagMs: lag.max / 1e6,
        responses: stats().responses - window.responses,
        framesReceived: stats().framesReceived - window.framesReceived,
        rssMb: process.memoryUsage().rss / 2 ** 20,
        gcMs: gc.totalMs,
        maxGcMs: gc.maxMs,
      });
    } else if (message.cmd === 'exit') {
      void server.close().then(() => process.exit(0));
    }
  });
  process.send({ cmd: 'ready', url: server.url });
}

// ---------------------------------------------------------------- driver (parent process)

function loopAudio() {
  const file = readFileSync(`${ROOT}fixtures/audio/weather-24k.wav`);
  const dataOffset = file.indexOf('data') + 8;
  const loop = file.subarray(dataOffset, dataOffset + 4 * 48_000);
  const frames = [];
  for (let i = 0; i < loop.length; i += 4800) {
    frames.push(
      JSON.stringify({
        type: 'input_audio_buffer.append',
        audio: loop.subarray(i, i + 4800).toString('base64'),
      }),
    );
  }
  return frames;
}

function request(child, cmd, reply) {
  return new Promise((resolve) => {
    const on = (message) => {
      if (message.cmd === reply) {
        child.off('message', on);
        resolve(message);
      }
    };
    child.on('message', on);
    child.send({ cmd });
  });
}

function openClient({ url, frames, counters, index }) {
  const ws = new WebSocket(
    `${url.replace('http', 'ws')}/voice-live/realtime?api-version=2025-10-01&model=gpt-realtime`,
  );
  let position = index % frames.length; // staggered: turns do not all end at once
  ws.on('message', (data) => {
    counters.received++;
    if (data.length < 2000 && data.includes('"response.done"')) counters.responses++;
  });
  ws.on('error', () => counters.errors++);
  return {
    /** Sends the next 100 ms of audio; one driver timer ticks every client. */
    tick() {
      if (ws.readyState !== WebSocket.OPEN) return;
      ws.send(frames[position]);
      position = (position + 1) % frames.length;
      counters.sent++;
    },
    close: () => ws.close(),
  };
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function runKind(kind, levels, { frames, options }) {
  const dist = kind === 'base' ? options.baselineDist : `${ROOT}packages/local-server/dist`;
  const child = fork(SELF, ['--serve', kind, options.responder, dist], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    execArgv: options.profile ? ['--cpu-prof', '--cpu-prof-dir=/tmp/voxd-prof'] : [],
  });
  const { url } = await new Promise((resolve) => child.once('message', resolve));
  const clients = [];
  const counters = { sent: 0, received: 0, responses: 0, errors: 0 };
  const rows = [];
  const timer = setInterval(() => {
    for (const client of clients) client.tick();
  }, CHUNK_MS);
  for (const sessions of levels) {
    while (clients.length < sessions)
      clients.push(openClient({ url, frames, counters, index: clients.length }));
    await sleep(SETTLE_MS);
    await request(child, 'start', 'started');
    await sleep(MEASURE_MS);
    const r = await request(child, 'stop', 'result');
    // One session-second = one second of one session's real-time input, as the server received it
    // (a starved driver delivers less than real time; `delivered` says how much).
    const audioSeconds = (r.framesReceived * CHUNK_MS) / 1000;
    const cpuMsPerSessionSecond = r.cpuMs / audioSeconds;
    rows.push({
      kind,
      sessions,
      cpuPercent: (100 * r.cpuMs) / r.wallMs,
      cpuMsPerSessionSecond,
      p99LagMs: r.p99LagMs,
      maxLagMs: r.maxLagMs,
      responsesPerSecond: r.responses / (r.wallMs / 1000),
      rssMb: r.rssMb,
      gcPercent: (100 * r.gcMs) / r.wallMs,
      maxGcMs: r.maxGcMs,
      deliveredPercent: (100 * audioSeconds) / (sessions * (r.wallMs / 1000)),
      clientErrors: counters.errors,
    });
    const row = rows.at(-1);
    console.log(
      `${kind.padEnd(13)} N=${String(sessions).padStart(3)}  cpu ${row.cpuPercent.toFixed(1).padStart(5)}%  ` +
        `${row.cpuMsPerSessionSecond.toFixed(3)} ms CPU/session-s  p99 lag ${row.p99LagMs.toFixed(1)} ms  ` +
        `max ${row.maxLagMs.toFixed(1)} ms  responses ${row.responsesPerSecond.toFixed(1)}/s  delivered ${row.deliveredPercent.toFixed(0)}%  gc ${row.gcPercent.toFixed(1)}% (max ${row.maxGcMs.toFixed(0)} ms)  rss ${row.rssMb.toFixed(0)} MB`,
    );
  }
  clearInterval(timer);
  for (const client of clients) client.close();
  child.send({ cmd: 'exit' });
  await new Promise((resolve) => child.once('exit', resolve));
  return rows;
}

async function drive() {
  const args = process.argv.slice(2);
  const levelsArg = args.indexOf('--levels');
  const levels = levelsArg >= 0 ? args[levelsArg + 1].split(',').map(Number) : [25, 50, 100, 200];
  const jsonArg = args.indexOf('--json');
  const responderArg = args.indexOf('--responder');
  const options = {
    responder: responderArg >= 0 ? args[responderArg + 1] : 'tone',
    profile: args.includes('--profile'),
    baselineDist: args.includes('--baseline-dist')
      ? args[args.indexOf('--baseline-dist') + 1]
      : undefined,
  };
  console.log(
    `responder ${options.responder}; load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  const frames = loopAudio();
  const started = performance.now();
  const base =
    options.baselineDist === undefined ? [] : await runKind('base', levels, { frames, options });
  const local = await runKind('local', levels, { frames, options });
  const echo = await runKind('echo', levels, { frames, options });
  const deflate = await runKind('local-deflate', [levels[1] ?? levels[0]], {
    frames,
    options,
  });
  const underCpu = local.filter((r) => r.cpuPercent < 50).at(-1);
  const underLag = local.filter((r) => r.p99LagMs < 20).at(-1);
  const best = local.filter((r) => r.cpuPercent < 50 && r.p99LagMs < 20).at(-1);
  // Linear in sessions: CPU per session-second at the largest level under 50%, scaled to 50% of a core.
  const sessionsPerCore =
    underCpu === undefined ? 0 : Math.floor(500 / underCpu.cpuMsPerSessionSecond);
  // The noise floor of this machine: the bare echo server's own p99 at the same levels.
  const echoP99 = echo.map((r) => r.p99LagMs);
  const summary = {
    levels,
    base,
    local,
    echo,
    deflate,
    maxMeasuredSessionsUnder50PercentAndP99Under20Ms: best?.sessions ?? 0,
    maxMeasuredSessionsUnder50PercentCpu: underCpu?.sessions ?? 0,
    maxMeasuredSessionsP99Under20Ms: underLag?.sessions ?? 0,
    echoBaselineP99LagMs: echoP99,
    estimatedSessionsPerCoreAt50Percent: sessionsPerCore,
    ratioToEchoBaseline: local.map((r, i) => ({
      sessions: r.sessions,
      ratio: r.cpuMsPerSessionSecond / echo[i].cpuMsPerSessionSecond,
    })),
    deflateCostRatio:
      deflate[0].cpuMsPerSessionSecond /
      local.find((r) => r.sessions === deflate[0].sessions).cpuMsPerSessionSecond,
    totalSeconds: (performance.now() - started) / 1000,
  };
  console.log(
    `\nmax measured sessions: CPU < 50% ${summary.maxMeasuredSessionsUnder50PercentCpu}, ` +
      `p99 lag < 20 ms ${summary.maxMeasuredSessionsP99Under20Ms}, both ${summary.maxMeasuredSessionsUnder50PercentAndP99Under20Ms}` +
      ` (bare echo p99 on this machine: ${echoP99.map((l) => l.toFixed(0)).join('/')} ms)`,
  );
  console.log(`estimated sessions per core at 50% CPU: ${sessionsPerCore}`);
  console.log(
    `CPU ratio local / bare ws echo: ${summary.ratioToEchoBaseline.map((r) => `N=${r.sessions} ${r.ratio.toFixed(1)}x`).join(', ')}`,
  );
  console.log(
    `permessage-deflate CPU cost: ${summary.deflateCostRatio.toFixed(2)}x at N=${deflate[0].sessions}`,
  );
  if (base.length > 0) {
    console.log(
      `local / base: ${local.map((r, i) => `N=${r.sessions} CPU ${(r.cpuMsPerSessionSecond / base[i].cpuMsPerSessionSecond).toFixed(2)}x, p99 ${base[i].p99LagMs.toFixed(1)} → ${r.p99LagMs.toFixed(1)} ms`).join('; ')}`,
    );
  }
  console.log(`total ${summary.totalSeconds.toFixed(0)} s`);
  if (jsonArg >= 0) writeFileSync(args[jsonArg + 1], `${JSON.stringify(summary, null, 2)}\n`);
}

if (process.argv[2] === '--serve') await serve(process.argv[3], process.argv[4], process.argv[5]);
else await drive();
