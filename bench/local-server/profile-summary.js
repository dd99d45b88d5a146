// Summarises a V8 .cpuprofile (from `capacity.js --profile`): self time by function, and by file,
// as a percentage of the sampled time. Usage: node bench/local-server/profile-summary.js FILE [--top 30]
import console from 'node:console';
import { readFileSync } from 'node:fs';
import process from 'node:process';

const [file, ...rest] = process.argv.slice(2);
if (file === undefined) {
  console.error('usage: profile-summary.js FILE.cpuprofile [--top N]');
  process.exit(2);
}
const topArg = rest.indexOf('--top');
const top = topArg >= 0 ? Number(rest[topArg + 1]) : 30;
const profile = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const hits = new Map();
for (const id of profile.samples) hits.set(id, (hits.get(id) ?? 0) + 1);
const total = profile.samples.length;
const idle = new Set(['(idle)', '(program)']);
let idleHits = 0;
const byFunction = new Map();
const byFile = new Map();
for (const [id, count] of hits) {
  const { callFrame } = byId.get(id);
  const name = callFrame.functionName || '(anonymous)';
  if (idle.has(name)) {
    idleHits += count;
    if (name === '(idle)') continue;
  }
  const url = callFrame.url.replace(/^.*\/(node_modules|packages)\//, '$1/');
  const key = `${name}  ${url}:${callFrame.lineNumber + 1}`;
  byFunction.set(key, (byFunction.get(key) ?? 0) + count);
  const fileKey = url || '(native/vm)';
  byFile.set(fileKey, (byFile.get(fileKey) ?? 0) + count);
}
const busy =
  total -
  (hits.get([...byId.values()].find((n) => n.callFrame.functionName === '(idle)')?.id) ?? 0);
const pct = (count) => `${((100 * count) / busy).toFixed(1).padStart(5)}%`;
console.log(`${file}: ${total} samples, ${busy} not idle (percentages of non-idle)`);
console.log('\nself time by function:');
for (const [key, count] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, top))
  console.log(`${pct(count)}  ${key}`);
console.log('\nself time by file:');
for (const [key, count] of [...byFile].sort((a, b) => b[1] - a[1]).slice(0, 15))
  console.log(`${pct(count)}  ${key}`);
void idleHits;
