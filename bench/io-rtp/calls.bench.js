#!/usr/bin/env node
// Concurrent RTP calls per core, with G.711 pass-through vs transcoding to PCM16 24 kHz.
//
// This process is voxd's media path for N calls: each call is the `rtp` source and sink of
// @voxd/io-rtp (paired as the daemon pairs them) with an echo agent in between (the reply is the
// caller's audio, so both directions carry audio all the time). A child process is the N callers:
// 20 ms PCMU packets on a clock, and it counts the replies. The CPU this process spends per
// call-second gives calls per core; pass-through is the baseline of the same run.
//
//   node bench/io-rtp/calls.bench.js [--calls 100] [--seconds 10]
import { fork } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    calls: { type: 'string', default: '100' },
    seconds: { type: 'string', default: '10' },
    peer: { type: 'boolean', default: false },
  },
});
const calls = Number(values.calls);
const seconds = Number(values.seconds);
const WARMUP_MS = 2000;

if (values.peer) runCallers();
else await main();

async function main() {
  const { createRtpPlugins } = await import('@voxd/io-rtp');
  const { asyncScheduler } = await import('rxjs');
  const logger = { debug() {}, info() {}, warn() {}, error() {} };
  // The process's own CPU with no call (timers, GC, the loop monitor) over the same window is
  // subtracted, so the figures are the cost of the calls themselves.
  const idleMs = await idleCpuMs(seconds * 1000);
  const results = [];
  for (const sessionFormat of ['passthrough', 'pcm16']) {
    const rtp = createRtpPlugins();
    const running = [];
    const ports = [];
    let ended = 0; // calls whose source ended (inactivity) before the run did
    for (let i = 0; i < calls; i += 1) {
      const ctx = { agentName: 'bench', baseDir: '.', scheduler: asyncScheduler, logger };
      const source = rtp.source.create(
        rtp.source.options.parse({
          listen: '127.0.0.1:0',
          session_format: sessionFormat,
          jitter_ms: 40,
        }),
        ctx,
      );
      const sink = rtp.sink.create(rtp.sink.options.parse({}), ctx);
      const listening = new Promise((resolve) => source.listening$.subscribe(resolve));
      // The echo agent: one long play of everything the caller says.
      const play = sink.play(source.frames$).subscribe({ complete: () => (ended += 1) });
      running.push({ play, sink });
      ports.push((await listening).port);
    }
    const peer = fork(fileURLToPath(import.meta.url), [
      '--peer',
      '--seconds',
      String(seconds + WARMUP_MS / 1000),
    ]);
    peer.send({ ports });
    await new Promise((resolve) => setTimeout(resolve, WARMUP_MS));
    const lag = monitorEventLoopDelay({ resolution: 10 });
    lag.enable();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const report = await new Promise((resolve) => peer.on('message', resolve));
    const wallMs = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    lag.disable();
    for (const { play, sink } of running) {
      play.unsubscribe();
      await sink.close();
    }
    const cpuMs = (cpu.user + cpu.system) / 1000;
    const perCallSecondMs =
      (cpuMs - idleMs * (wallMs / (seconds * 1000))) / (calls * (wallMs / 1000));
    results.push({
      sessionFormat,
      cpuMs,
      wallMs,
      perCallSecondMs,
      callsPerCore: 1000 / perCallSecondMs,
      lagP99Ms: lag.percentile(99) / 1e6,
      ended,
      ...report,
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const [pass, trans] = results;
  const line = (r) =>
    `  ${r.sessionFormat.padEnd(12)} ${r.perCallSecondMs.toFixed(3)} CPU-ms per call-second → ` +
    `${Math.round(r.callsPerCore)} calls per core; loop lag p99 ${r.lagP99Ms.toFixed(1)} ms; ` +
    `replies ${r.received}/${r.sent} packets over the whole run (${((100 * r.received) / r.sent).toFixed(1)}%)` +
    (r.ended > 0 ? `; ${r.ended} calls ended early (inactivity: a starved caller process)` : '');
  console.log(
    `io-rtp: ${calls} concurrent echo calls, ${seconds} s measured, PCMU 20 ms both ways (idle process: ${idleMs.toFixed(0)} CPU-ms subtracted)`,
  );
  console.log(line(pass));
  console.log(line(trans));
  console.log(
    `  transcoding (µ-law 8 kHz ⇄ PCM16 24 kHz) costs ${(trans.perCallSecondMs / pass.perCallSecondMs).toFixed(2)}× pass-through ` +
      `(${(trans.perCallSecondMs - pass.perCallSecondMs).toFixed(3)} CPU-ms per call-second saved by pass-through)`,
  );
}

/** CPU this process spends in `ms` with nothing to do. */
async function idleCpuMs(ms) {
  const lag = monitorEventLoopDelay({ resolution: 10 });
  lag.enable();
  const cpu0 = process.cpuUsage();
  await new Promise((resolve) => setTimeout(resolve, ms));
  const cpu = process.cpuUsage(cpu0);
  lag.disable();
  return (cpu.user + cpu.system) / 1000;
}

/** The callers: one socket per call, a PCMU packet per call every 20 ms; counts the replies. */
function runCallers() {
  process.once('message', ({ ports }) => {
    const sockets = ports.map(() => createSocket('udp4'));
    let received = 0;
    for (const socket of sockets) {
      socket.on('message', () => (received += 1));
      socket.bind(0, '127.0.0.1');
    }
    const payload = Buffer.alloc(160);
    for (let i = 0; i < 160; i += 1) payload[i] = (Math.round(Math.sin(i / 3) * 60) + 128) & 0xff; // a tone-like µ-law pattern
    let seq = 0;
    let sent = 0;
    const start = performance.now();
    const tick = () => {
      const header = Buffer.alloc(12);
      header[0] = 0x80;
      header.writeUInt16BE(seq & 0xffff, 2);
      header.writeUInt32BE((seq * 160) >>> 0, 4);
      sockets.forEach((socket, i) => {
        header.writeUInt32BE(i + 1, 8);
        socket.send(Buffer.concat([header, payload]), ports[i], '127.0.0.1');
        sent += 1;
      });
      seq += 1;
      if (performance.now() - start < seconds * 1000) {
        setTimeout(tick, Math.max(0, start + seq * 20 - performance.now()));
      } else {
        setTimeout(() => {
          process.send({ sent, received });
          for (const socket of sockets) socket.close();
          process.disconnect();
        }, 300);
      }
    };
    tick();
  });
}
