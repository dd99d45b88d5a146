import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { requireCommand } from './system-command.js';

/**
 * The prometheus binary: `$VOXD_PROMETHEUS_BIN`, or Debian's `prometheus` on PATH (system-deps.txt;
 * `npm test` installs it). Throws, saying how to get it, when there is none.
 */
export function findPrometheus(): string {
  return process.env['VOXD_PROMETHEUS_BIN'] ?? requireCommand('prometheus');
}

export interface RunningPrometheus {
  readonly url: string;
  /**
   * GET /api/v1/query, evaluated now or at `atSeconds` (Unix seconds, e.g. a sample's
   * `timestamp()`: then `increase()` has nothing to extrapolate); resolves with `data.result`.
   */
  query(promql: string, atSeconds?: number): Promise<PromSample[]>;
  /** What prometheus wrote to stderr (its log), for failure messages. */
  log(): string;
  stop(): Promise<void>;
}

export interface PromSample {
  readonly metric: Record<string, string>;
  readonly value: [number, string];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const killTimer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(killTimer);
}

/** Options of {@link startPrometheus}. */
export interface StartPrometheusOptions {
  /** @default 30_000 */
  readonly readyTimeoutMs?: number;
  /** How often the target is scraped (also the scrape timeout). @default 1000 */
  readonly scrapeIntervalMs?: number;
}

/**
 * Runs prometheus on 127.0.0.1 with storage in a temp dir, scraping `target` every second (or
 * `scrapeIntervalMs`) under job `voxd`, on a port it binds itself (port 0, read from its log), and
 * waits until it is ready.
 */
export async function startPrometheus(
  binary: string,
  target: string,
  options: StartPrometheusOptions = {},
): Promise<RunningPrometheus> {
  const readyTimeoutMs = options.readyTimeoutMs ?? 30_000;
  const interval = `${Math.max(10, Math.round(options.scrapeIntervalMs ?? 1000))}ms`;
  const dir = await mkdtemp(join(tmpdir(), 'voxd-prometheus-'));
  const config = [
    'global:',
    `  scrape_interval: ${interval}`,
    `  scrape_timeout: ${interval}`,
    '  evaluation_interval: 1s',
    'scrape_configs:',
    '  - job_name: voxd',
    '    static_configs:',
    `      - targets: ['${target}']`,
    '',
  ].join('\n');
  await writeFile(join(dir, 'prometheus.yml'), config);
  let log = '';
  // Port 0: prometheus binds a free port itself and logs it (`msg="Listening on" address=…`), so
  // no other process can take it between a pick and the bind.
  const child = spawn(
    binary,
    [
      `--config.file=${join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      '--web.listen-address=127.0.0.1:0',
      '--log.level=info',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let address: string | undefined;
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    address ??= /msg="Listening on"[^\n]*? address=(127\.0\.0\.1:\d+)\s/.exec(log + chunk)?.[1];
    log = (log + chunk).slice(-20_000);
  });
  const stop = async () => {
    await stopProcess(child);
    await rm(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + readyTimeoutMs;
  while (Date.now() < deadline && child.exitCode === null) {
    const url = address === undefined ? undefined : `http://${address}`;
    const ready =
      url !== undefined &&
      (await fetch(`${url}/-/ready`).then(
        (r) => r.ok,
        () => false,
      ));
    if (url !== undefined && ready) {
      return {
        url,
        log: () => log,
        stop,
        async query(promql, atSeconds) {
          const time = atSeconds === undefined ? '' : `&time=${atSeconds}`;
          const response = await fetch(
            `${url}/api/v1/query?query=${encodeURIComponent(promql)}${time}`,
          );
          const body = (await response.json()) as {
            status: string;
            error?: string;
            data?: { resultType: string; result: PromSample[] };
          };
          if (body.status !== 'success' || body.data === undefined) {
            throw new Error(`query ${promql} failed: ${body.error ?? response.status}`);
          }
          return body.data.result;
        },
      };
    }
    await sleep(200);
  }
  await stop();
  throw new Error(`prometheus did not become ready within ${readyTimeoutMs} ms:\n${log}`);
}
