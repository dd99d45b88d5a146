#!/usr/bin/env node
// Runs every benchmark one after another (never in parallel: they measure CPU) and prints each
// one's report. Each benchmark measures its own baseline in the same run and reports ratios, so
// the numbers compare across noisy machines. Results of the load driver go to bench/results/.
//
//   npm run bench              all of them (about 4 minutes)
//   npm run bench -- audio vad only the named ones
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** name → command run from the repo root */
const BENCHES = {
  protocol: ['npx', 'tsx', 'packages/protocol/bench/parse.bench.ts'],
  audio: ['node', 'bench/audio/audio.bench.js'],
  core: ['npx', 'tsx', 'packages/core/bench/session.bench.ts'],
  vad: ['node', 'bench/vad/vad.bench.js'],
  tts: ['node', 'bench/vad/tts.bench.js'],
  'io-wav': ['node', 'bench/io-wav/sink-write.bench.js'],
  'io-rtp': ['node', 'bench/io-rtp/calls.bench.js', '--calls', '50', '--seconds', '10'],
  'local-server': ['node', 'bench/local-server/capacity.js'],
  replay: ['node', 'bench/replay/speed.js'],
  load: ['node', 'bench/load/driver.js', '--sessions', '50', '--turns', '2', '--duration-s', '60'],
};

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !(name in BENCHES));
if (unknown.length > 0) {
  process.stderr.write(
    `unknown benchmark(s): ${unknown.join(', ')}\nknown: ${Object.keys(BENCHES).join(', ')}\n`,
  );
  process.exit(2);
}
let failed = 0;
for (const [name, [command, ...args]] of Object.entries(BENCHES)) {
  if (wanted.length > 0 && !wanted.includes(name)) continue;
  process.stdout.write(`\n## ${name}\n\n`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', timeout: 10 * 60_000 });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    failed += 1;
    process.stdout.write(
      `\n${name}: FAILED (exit ${result.status ?? result.signal}) after ${seconds} s\n`,
    );
  } else {
    process.stdout.write(`\n(${name}: ${seconds} s)\n`);
  }
}
process.exit(failed === 0 ? 0 : 1);
