#!/usr/bin/env node
// Voice Live load driver: the bench/k6/voice-live.js scenario in Node, for machines without k6.
//
//   node bench/load/driver.js [--url http://127.0.0.1:8765] [--key K] [--sessions 50] [--turns 3]
//        [--ramp-ms 5000] [--duration-s 60] [--first-audio-ms 300] [--responder tts] [--no-baseline]
//
// Without --url it starts the local Voice Live server in a child process (--first-audio-ms sets its
// latency model). Loopback only: any other host is refused. Bounded: at most --sessions sessions,
// each at most --turns turns, and everything stops at --duration-s.
//
// Baseline ratio: after a one-session warm-up (not reported), the run measures ONE session alone
// against the same target (2 turns), then N concurrent sessions; the report gives the N-session
// p50/p95 turn latency ÷ the 1-session figures. That isolates what concurrency costs on this target
// (queueing, CPU contention) from the latency the target adds by design (the model's, or the local
// server's --first-audio-ms latency model).
//
// One scenario turn streams the whole fixture (weather-24k.wav: two sentences 1.2 s apart), so the
// server VAD sees two user turns per scenario turn and the second sentence usually barges in on the
// first answer: `turns` in the table counts measured user turns; `interruptions` counts cancelled
// responses.
import console from 'node:console';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath, URL } from 'node:url';

import { loadFixtureChunks } from './fixture.js';
import { startLocalUpstream } from './local-upstream.js';
import { runSession } from './scenario.js';
import { markdownTable, summarize } from './stats.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const LIMITS = { sessions: 2000, turns: 100, durationS: 600 };

function parseArgs(argv) {
  const options = {
    url: undefined,
    key: process.env.VOXD_LOAD_KEY,
    sessions: 50,
    turns: 3,
    rampMs: 5000,
    durationS: 60,
    firstAudioMs: 300,
    responder: 'tts',
    baseline: true,
    fixture: `${ROOT}fixtures/audio/weather-24k.wav`,
  };
  const int = (flag, value, max) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0 || n > max)
      throw new Error(`${flag} needs an integer 0–${max}, got '${value}'`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--url':
        options.url = value();
        break;
      case '--key':
        options.key = value();
        break;
      case '--sessions':
        options.sessions = Math.max(1, int(flag, value(), LIMITS.sessions));
        break;
      case '--turns':
        options.turns = Math.max(1, int(flag, value(), LIMITS.turns));
        break;
      case '--ramp-ms':
        options.rampMs = int(flag, value(), 600_000);
        break;
      case '--duration-s':
        options.durationS = Math.max(1, int(flag, value(), LIMITS.durationS));
        break;
      case '--first-audio-ms':
        options.firstAudioMs = int(flag, value(), 60_000);
        break;
      case '--responder':
        options.responder = value();
        break;
      case '--fixture':
        options.fixture = value();
        break;
      case '--no-baseline':
        options.baseline = false;
        break;
      case '--help':
      case '-h':
        options.help = true;
        break;
      default:
        throw new Error(`unknown option '${flag}'`);
    }
  }
  return options;
}

/** ws:// URL of the Voice Live endpoint at `base`; refuses anything but loopback. */
export function voiceLiveUrl(base) {
  const url = new URL(base);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const loopback = host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
  if (!loopback)
    throw new Error(
      `refusing non-loopback host '${url.hostname}': this driver only loads 127.0.0.0/8, ::1 or localhost`,
    );
  url.protocol = url.protocol === 'https:' || url.protocol === 'wss:' ? 'wss:' : 'ws:';
  if (url.pathname === '/' || url.pathname === '') url.pathname = '/voice-live/realtime';
  if (!url.searchParams.has('api-version')) url.searchParams.set('api-version', '2025-10-01');
  if (!url.searchParams.has('model')) url.searchParams.set('model', 'gpt-realtime');
  return url.href;
}

async function runPhase(name, { sessions, turns, rampMs, durationS }, context) {
  const startedAt = performance.now();
  const stopAtMs = startedAt + durationS * 1000;
  const cpuBefore = context.upstream?.cpuSeconds();
  const clientCpuBefore = process.cpuUsage();
  const runs = [];
  for (let i = 0; i < sessions; i++) {
    const startAt = startedAt + (sessions <= 1 ? 0 : (rampMs * i) / (sessions - 1));
    const wait = startAt - performance.now();
    if (wait > 0) await sleep(wait);
    if (performance.now() >= stopAtMs) break;
    runs.push(
      runSession({
        wsUrl: context.wsUrl,
        key: context.key,
        turns,
        stopAtMs,
        fixture: context.fixture,
      }),
    );
  }
  const results = await Promise.all(runs);
  const wallS = (performance.now() - startedAt) / 1000;
  const all = (pick) => results.flatMap(pick);
  const errors = all((r) => r.errors);
  const errorKinds = {};
  for (const e of errors) errorKinds[e.kind] = (errorKinds[e.kind] ?? 0) + 1;
  const clientCpu = process.cpuUsage(clientCpuBefore);
  const completed = results.filter((r) => r.completed).length;
  return {
    name,
    sessions: results.length,
    completedSessions: completed,
    turns: results.reduce((n, r) => n + r.turnsDone, 0),
    wallSeconds: Math.round(wallS * 10) / 10,
    sessionsPerSecond: Math.round((completed / wallS) * 100) / 100,
    turnLatencyMs: summarize(all((r) => r.turnLatencyMs)),
    firstAudioMs: summarize(all((r) => r.firstAudioMs)),
    connectMs: summarize(all((r) => (r.connectMs === undefined ? [] : [r.connectMs]))),
    errors: errors.length,
    errorKinds,
    firstErrors: errors.slice(0, 5),
    interruptions: results.reduce((n, r) => n + r.interruptions, 0),
    serverCpuSeconds:
      cpuBefore === undefined
        ? null
        : Math.round((context.upstream.cpuSeconds() - cpuBefore) * 10) / 10,
    clientCpuSeconds: Math.round(((clientCpu.user + clientCpu.system) / 1e6) * 10) / 10,
  };
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (options.help) {
    console.log(
      'usage: node bench/load/driver.js [--url URL] [--key K] [--sessions N] [--turns T] [--ramp-ms MS] [--duration-s S] [--first-audio-ms MS] [--responder tts|tone|echo] [--fixture WAV] [--no-baseline]',
    );
    return;
  }
  const fixture = loadFixtureChunks(options.fixture);
  // Other work on the machine skews every figure: record the load average before and after.
  const loadBefore = loadavg().map((v) => Math.round(v * 100) / 100);
  const upstream =
    options.url === undefined
      ? await startLocalUpstream({
          firstAudioMs: options.firstAudioMs,
          pace: 'realtime',
          responder: options.responder,
          seed: 1,
        })
      : undefined;
  const target = options.url ?? upstream.url;
  const context = { wsUrl: voiceLiveUrl(target), key: options.key, fixture, upstream };
  console.error(
    `target ${context.wsUrl.replace(/api-key=[^&]*/, 'api-key=***')}${upstream ? ` (local server pid ${upstream.pid}, first-audio ${options.firstAudioMs} ms, ${options.responder})` : ''}`,
  );
  const phases = [];
  try {
    if (options.baseline) {
      // Warm-up, not reported: the first response pays one-off costs (TTS engine, JIT, caches).
      console.error('warm-up: 1 session, 1 turn');
      await runPhase('warm-up', { sessions: 1, turns: 1, rampMs: 0, durationS: 30 }, context);
      console.error('baseline: 1 session, 2 turns');
      phases.push(
        await runPhase(
          'baseline (1 session)',
          { sessions: 1, turns: 2, rampMs: 0, durationS: Math.min(options.durationS, 60) },
          context,
        ),
      );
    }
    console.error(
      `load: ${options.sessions} sessions, ${options.turns} turns each, ramp ${options.rampMs} ms, stop at ${options.durationS} s`,
    );
    phases.push(await runPhase(`load (${options.sessions} sessions)`, options, context));
  } finally {
    await upstream?.stop();
  }
  const [base, load] = phases.length === 2 ? phases : [undefined, phases[0]];
  const ratio = (key) =>
    base?.turnLatencyMs[key] && load.turnLatencyMs[key]
      ? Math.round((load.turnLatencyMs[key] / base.turnLatencyMs[key]) * 100) / 100
      : null;
  const report = {
    at: new Date().toISOString(),
    target: upstream
      ? `local server (child process, first-audio-ms ${options.firstAudioMs}, responder ${options.responder}, pace realtime)`
      : target,
    machine: {
      cpus: cpus().length,
      loadavgBefore: loadBefore,
      loadavgAfter: loadavg().map((v) => Math.round(v * 100) / 100),
      node: process.version,
    },
    options: { ...options, key: options.key === undefined ? undefined : '***' },
    phases,
    baselineRatio: { turnP50: ratio('p50'), turnP95: ratio('p95') },
  };
  console.log(markdownTable(phases));
  console.log('');
  console.log(
    `baseline ratio (N sessions ÷ 1 session, turn latency): p50 ×${report.baselineRatio.turnP50 ?? '–'}, p95 ×${report.baselineRatio.turnP95 ?? '–'}`,
  );
  for (const p of phases) {
    console.log(
      `${p.name}: ${p.turns} scenario turns in ${p.wallSeconds} s, ${p.completedSessions}/${p.sessions} sessions completed, server CPU ${p.serverCpuSeconds ?? '–'} s, client CPU ${p.clientCpuSeconds} s${p.errors > 0 ? `, errors ${JSON.stringify(p.errorKinds)}: ${JSON.stringify(p.firstErrors)}` : ''}`,
    );
  }
  const dir = `${ROOT}bench/results`;
  mkdirSync(dir, { recursive: true });
  const file = `${dir}/load-${report.at.replace(/[:.]/g, '-')}-${options.sessions}s.json`;
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  console.log(
    `machine: ${report.machine.cpus} CPUs, load average before ${loadBefore.join(' ')}, after ${report.machine.loadavgAfter.join(' ')}`,
  );
  console.log(`\nJSON: ${file}`);
  if (load.errors > 0) process.exitCode = 1;
}

main().catch((error) => {
  console.error(`driver: ${error.message}`);
  process.exitCode = 2;
});
