// Starts the embedded local Voice Live server (packages/local-server's built CLI) in a child
// process, so its CPU is not shared with the load generator's event loop, and reads its URL.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import process from 'node:process';
import { clearTimeout, setTimeout } from 'node:timers';
import { fileURLToPath, URL } from 'node:url';

const CLI = fileURLToPath(new URL('../../packages/local-server/dist/cli.js', import.meta.url));
const START_TIMEOUT_MS = 30_000;

/**
 * @param {{ firstAudioMs: number, pace: 'realtime' | 'asap', responder: string, seed: number }} options
 * @returns {Promise<{ url: string, pid: number, cpuSeconds(): number, stop(): Promise<void> }>}
 */
export function startLocalUpstream(options) {
  const args = [
    CLI,
    '--host',
    '127.0.0.1',
    '--port',
    '0',
    '--first-audio-ms',
    String(options.firstAudioMs),
    '--pace',
    options.pace,
    '--responder',
    options.responder,
    '--seed',
    String(options.seed),
  ];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const exited = new Promise((done) => child.once('exit', done));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(new Error(`local server did not start within ${START_TIMEOUT_MS} ms: ${stderr}`));
    }, START_TIMEOUT_MS);
    const early = (code) => {
      clearTimeout(timer);
      reject(new Error(`local server exited with ${code} before listening: ${stderr}`));
    };
    child.once('exit', early);
    let stdout = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(stdout);
      if (match === null) return;
      clearTimeout(timer);
      child.off('exit', early);
      child.stdout.removeAllListeners('data');
      child.stdout.resume();
      resolve({
        url: match[1],
        pid: child.pid,
        cpuSeconds: () => processCpuSeconds(child.pid),
        stop: async () => {
          child.kill('SIGTERM');
          await exited;
        },
      });
    });
  });
}

/** User + system CPU time of `pid` from /proc (Linux), in seconds. */
export function processCpuSeconds(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 14 and 15 (utime, stime) in clock ticks; 100 per second on Linux.
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}
