#!/usr/bin/env node
// Replay speed of the fixture suite: audio seconds replayed per wall-clock second, and per CPU
// second of this process (what the figure would be with a core to itself). The first pass pays
// module loading and the TTS engine's start; the figures are the mean of the warm passes.
//
//   npm run build && node bench/replay/speed.js [--passes 4] [--concurrency 4]
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { loadSuite, replaySuite } from '@voxd/replay';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const { values } = parseArgs({
  options: {
    passes: { type: 'string', default: '4' },
    concurrency: { type: 'string', default: '4' },
  },
});
const suite = await loadSuite(join(root, 'fixtures', 'replay', 'default-agents.yaml'));
const rows = [];
for (let pass = 0; pass < Number(values.passes); pass++) {
  const cpu = process.cpuUsage();
  const result = await replaySuite(suite, { concurrency: Number(values.concurrency) });
  const used = process.cpuUsage(cpu);
  const cpuS = (used.user + used.system) / 1e6;
  const audioS = result.audioMs / 1000;
  const failed = result.cases.filter((c) => c.status !== 'passed').map((c) => c.name);
  rows.push({ pass, audioS, wallS: result.wallMs / 1000, cpuS, failed });
  process.stdout.write(
    `pass ${pass}${pass === 0 ? ' (cold)' : ''}: ${audioS.toFixed(1)} s of audio, wall ${(result.wallMs / 1000).toFixed(2)} s = ${(audioS / (result.wallMs / 1000)).toFixed(1)}× real time, CPU ${cpuS.toFixed(2)} s = ${(audioS / cpuS).toFixed(1)}× per CPU-second${failed.length > 0 ? `, FAILED: ${failed.join(', ')}` : ''}\n`,
  );
}
const warm = rows.slice(1);
if (warm.length > 0) {
  const sum = (key) => warm.reduce((n, r) => n + r[key], 0);
  process.stdout.write(
    `\nwarm mean: ${(sum('audioS') / sum('wallS')).toFixed(1)}× real time (wall), ${(sum('audioS') / sum('cpuS')).toFixed(1)}× per CPU-second; baseline: real-time playback = 1×\n` +
      `machine: ${cpus().length} cores, load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}, Node ${process.version}\n`,
  );
}
process.exit(rows.some((r) => r.failed.length > 0) ? 1 : 0);
