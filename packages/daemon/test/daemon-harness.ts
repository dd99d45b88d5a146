// Runs the real `voxd daemon` binary as a child process, for the daemon*.test.ts files.
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { FIXTURES, REPO_ROOT } from './cli-harness.js';

export const CLI = join(REPO_ROOT, 'packages', 'daemon', 'dist', 'cli.js');

/** A running daemon child. */
export interface DaemonChild {
  readonly child: ChildProcess;
  readonly adminUrl: string;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code (or the signal name) once the child has exited. */
  readonly exited: Promise<number | string>;
}

const children = new Set<ChildProcess>();

/** Kills every daemon child still running (for `afterEach`). */
export function killDaemons(): void {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  children.clear();
}

/** Spawns `voxd ARGS` with captured output; `exited` resolves on exit. */
export function spawnVoxd(
  args: readonly string[],
  options: { cwd: string; env?: Record<string, string> },
): { child: ChildProcess; stdout(): string; stderr(): string; exited: Promise<number | string> } {
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: options.cwd,
    env: { PATH: process.env['PATH'] ?? '', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let out = '';
  let err = '';
  child.stdout?.setEncoding('utf8').on('data', (text: string) => (out += text));
  child.stderr?.setEncoding('utf8').on('data', (text: string) => (err += text));
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  );
  return { child, stdout: () => out, stderr: () => err, exited };
}

/** Starts `voxd daemon ARGS --admin-port 0` and waits for the banner's admin line. */
export async function startDaemon(
  args: readonly string[],
  options: { cwd: string; env?: Record<string, string> },
): Promise<DaemonChild> {
  const run = spawnVoxd(['daemon', '--admin-port', '0', ...args], options);
  const adminUrl = await waitFor(
    () => /^ {2}admin +(http:\/\/\S+)/m.exec(run.stdout())?.[1],
    30_000,
    () => `no banner; stdout:\n${run.stdout()}\nstderr:\n${run.stderr()}`,
    run.exited,
  );
  return { ...run, adminUrl };
}

/** Polls `probe` every 100 ms until it returns a value other than undefined/false. */
export async function waitFor<T>(
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs: number,
  describe: () => string,
  exited?: Promise<unknown>,
): Promise<T> {
  let gone = false;
  void exited?.then(() => (gone = true));
  const endMs = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (gone) throw new Error(`the daemon exited: ${describe()}`);
    if (Date.now() > endMs) throw new Error(`timed out after ${timeoutMs} ms: ${describe()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** GETs `url`; resolves with the status and the body (parsed if JSON). */
export async function get(url: string): Promise<{ status: number; body: unknown; text: string }> {
  const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  const text = await response.text();
  const json = (response.headers.get('content-type') ?? '').includes('application/json');
  return { status: response.status, body: json ? (JSON.parse(text) as unknown) : text, text };
}

/** One agent's entry in `/agents`. */
export interface AgentEntry {
  readonly name: string;
  readonly kind: string;
  readonly state: string;
  readonly activeSessions: number;
  readonly sessionsStarted: number;
  readonly sessionsFailed: number;
  readonly restarts: number;
  readonly lastError?: string;
  readonly url?: string;
  readonly generatedKey?: string;
}

export async function agents(adminUrl: string): Promise<AgentEntry[]> {
  const { body } = await get(`${adminUrl}/agents`);
  return (body as { agents: AgentEntry[] }).agents;
}

/** The `/agents` entry of the agent called `name`, if the daemon runs one. */
export async function agentNamed(adminUrl: string, name: string): Promise<AgentEntry | undefined> {
  return (await agents(adminUrl)).find((entry) => entry.name === name);
}

/** The value of one Prometheus sample line, e.g. `voxd_turns_total{agent="a"}`. */
export function sample(metrics: string, series: string): number | undefined {
  const line = metrics.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

/** Writes a WAV-in/WAV-out agent on the embedded server; returns its file. */
export async function writeWavAgent(
  dir: string,
  name: string,
  options: {
    fixture?: string;
    pace?: 'asap' | 'realtime';
    sink?: string;
    extra?: string;
    connection?: string;
  } = {},
): Promise<string> {
  const file = join(dir, `${name}.yaml`);
  const lines = [
    `name: ${name}`,
    options.connection ?? 'connection:\n  endpoint: local\n  model: gpt-realtime',
    'session:',
    '  instructions: Answer in one short sentence.',
    '  turn_detection:',
    '    type: server_vad',
    'source:',
    '  type: wav',
    `  path: ${join(FIXTURES, options.fixture ?? 'weather-24k.wav')}`,
    `  pace: ${options.pace ?? 'asap'}`,
    ...(options.sink === undefined ? [] : ['sink:', '  type: wav', `  path: ${options.sink}`]),
    ...(options.extra === undefined ? [] : [options.extra]),
    '',
  ];
  await writeFile(file, lines.join('\n'));
  return file;
}
