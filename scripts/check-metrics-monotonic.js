#!/usr/bin/env node
// Scrapes a running daemon's /metrics at a short interval and checks what Prometheus relies on:
// every counter and histogram series (`_bucket`, `_sum`, `_count`) only goes up and never vanishes
// while the process lives, and each agent's turn-latency count keeps up with its turns.
//
//   node scripts/check-metrics-monotonic.js [--url http://127.0.0.1:9464/metrics]
//        [--interval-ms 500] [--duration-s 60] [--wait-s 120] [--json]
//
// Waits up to --wait-s for the first answer (`npm start` builds first), then scrapes until
// --duration-s (or SIGINT/SIGTERM) and prints a summary. Exits 1 if a series went down or vanished,
// a scrape failed, or an agent ends with more turns than turn-latency observations beyond what is
// allowed: one per running session (its answer may be on its way) plus one per barge-in that cut
// a response before it played (interruptions without a flush: that turn produced no audio).
/* global fetch, AbortSignal -- Node 20's own */
import process from 'node:process';
import { setTimeout as sleep } from 'node:timers/promises';
import { URL } from 'node:url';

/** --flag value pairs → options; the numeric flags and the option each sets. */
const NUMERIC = {
  '--interval-ms': 'intervalMs',
  '--duration-s': 'durationS',
  '--wait-s': 'waitS',
};

function parseArgs(argv) {
  const options = {
    url: 'http://127.0.0.1:9464/metrics',
    intervalMs: 500,
    durationS: 60,
    waitS: 120,
    json: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === '--json') {
      options.json = true;
      continue;
    }
    const value = argv[++i];
    if (flag === '--url' && value !== undefined) options.url = value;
    else if (flag in NUMERIC && Number(value) > 0) options[NUMERIC[flag]] = Number(value);
    else
      throw new Error(
        `bad argument ${flag} ${value ?? ''}: see the usage at the top of the script`,
      );
  }
  return options;
}

const LINE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{.*\})?\s+(\S+)(?:\s+-?\d+)?$/;

/** Exposition text → { types: family → type, samples: series → value }. */
function parseMetrics(text) {
  const types = new Map();
  const samples = new Map();
  for (const line of text.split('\n')) {
    const type = /^# TYPE (\S+) (\S+)/.exec(line);
    if (type !== null) types.set(type[1], type[2]);
    if (line === '' || line.startsWith('#')) continue;
    const match = LINE.exec(line);
    if (match === null) throw new Error(`unreadable line: ${line}`);
    samples.set(`${match[1]}${match[2] ?? ''}`, Number(match[3].replace('Inf', 'Infinity')));
  }
  return { types, samples };
}

/** The counter/histogram series of a scrape (series → value): the ones that must never go down. */
function monotonicSeries({ types, samples }) {
  const out = new Map();
  for (const [series, value] of samples) {
    const name = series.replace(/\{.*$/, '');
    const family = name.replace(/_(bucket|sum|count)$/, '');
    const type = types.get(name) ?? types.get(family);
    if (type === 'counter' || type === 'histogram') out.set(series, value);
  }
  return out;
}

/** agent → value of `name` summed over its series. */
function byAgent(samples, name) {
  const out = new Map();
  for (const [series, value] of samples) {
    if (!series.startsWith(`${name}{`)) continue;
    const agent = /agent="((?:[^"\\]|\\.)*)"/.exec(series)?.[1];
    if (agent !== undefined) out.set(agent, (out.get(agent) ?? 0) + value);
  }
  return out;
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const host = new URL(options.url).hostname;
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(host))
    throw new Error(`loopback only: ${options.url}`);
  let stop = false;
  for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => (stop = true));
  // The clock starts at the first answer, so the script can be started together with the daemon.
  const upByMs = Date.now() + options.waitS * 1000;
  while (
    !stop &&
    !(await fetch(options.url).then(
      (r) => r.ok,
      () => false,
    ))
  ) {
    if (Date.now() > upByMs)
      throw new Error(`${options.url} did not answer within ${options.waitS} s`);
    await sleep(200);
  }
  const beganMs = Date.now();
  const endMs = beganMs + options.durationS * 1000;

  let last = new Map();
  const seen = new Set();
  const problems = [];
  const agents = new Map(); // agent → { turns, latencyCount, active, maxLag }
  let scrapes = 0;
  let failed = 0;
  while (!stop && Date.now() < endMs) {
    const startedMs = Date.now();
    try {
      const response = await fetch(options.url, { signal: AbortSignal.timeout(10_000) });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const parsed = parseMetrics(await response.text());
      const now = monotonicSeries(parsed);
      scrapes += 1;
      for (const [series, before] of last) {
        const after = now.get(series);
        if (after === undefined) problems.push({ scrape: scrapes, series, before, after: null });
        else if (after < before) problems.push({ scrape: scrapes, series, before, after });
      }
      for (const series of now.keys()) seen.add(series);
      last = now;
      const turns = byAgent(parsed.samples, 'voxd_turns_total');
      const counts = byAgent(parsed.samples, 'voxd_turn_latency_seconds_count');
      const active = byAgent(parsed.samples, 'voxd_sessions_active');
      const interruptions = byAgent(parsed.samples, 'voxd_interruptions_total');
      const flushes = byAgent(parsed.samples, 'voxd_bargein_flush_seconds_count');
      for (const [agent, turnCount] of turns) {
        const latencyCount = counts.get(agent) ?? 0;
        const lag = turnCount - latencyCount;
        const entry = { turns: turnCount, latencyCount, active: active.get(agent) ?? 0, lag };
        entry.cutBeforeAudio = Math.max(
          0,
          (interruptions.get(agent) ?? 0) - (flushes.get(agent) ?? 0),
        );
        entry.maxLag = Math.max(lag, agents.get(agent)?.maxLag ?? 0);
        agents.set(agent, entry);
      }
    } catch (error) {
      failed += 1;
      problems.push({ scrape: scrapes + 1, error: String(error) });
    }
    await sleep(Math.max(0, options.intervalMs - (Date.now() - startedMs)));
  }

  const behind = [...agents]
    .filter(([, a]) => a.lag > a.active + a.cutBeforeAudio)
    .map(([agent]) => agent);
  const voxdSeries = [...seen].filter((series) => series.startsWith('voxd_')).length;
  const summary = {
    url: options.url,
    intervalMs: options.intervalMs,
    elapsedS: Math.round((Date.now() - beganMs) / 100) / 10,
    scrapes,
    failedScrapes: failed,
    seriesChecked: seen.size,
    voxdSeriesChecked: voxdSeries,
    decreases: problems.filter((p) => p.after !== undefined && p.after !== null).length,
    vanished: problems.filter((p) => p.after === null).length,
    agents: Object.fromEntries(agents),
    agentsBehind: behind,
    problems: problems.slice(0, 50),
  };
  if (options.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
  else {
    process.stdout.write(
      `${scrapes} scrapes of ${options.url} in ${summary.elapsedS} s, every ${options.intervalMs} ms ` +
        `(${failed} more failed)\n` +
        `${seen.size} counter/histogram series checked (${voxdSeries} voxd_*): ` +
        `${summary.decreases} decreases, ${summary.vanished} vanished\n`,
    );
    for (const [agent, a] of agents)
      process.stdout.write(
        `  ${agent}: turns ${a.turns}, turn-latency count ${a.latencyCount}, ` +
          `active sessions ${a.active}, barge-ins before audio ${a.cutBeforeAudio}, ` +
          `largest lag seen ${a.maxLag}\n`,
      );
    for (const p of summary.problems) process.stdout.write(`  PROBLEM ${JSON.stringify(p)}\n`);
  }
  const ok = problems.length === 0 && behind.length === 0 && scrapes > 0;
  process.exitCode = ok ? 0 : 1;
}

main().catch((error) => {
  process.stderr.write(
    `check-metrics-monotonic: ${error instanceof Error ? error.message : error}\n`,
  );
  process.exitCode = 2;
});
