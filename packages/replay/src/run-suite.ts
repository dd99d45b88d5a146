import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import type { CaseMetrics } from './case-metrics.js';
import { measureRun } from './case-metrics.js';
import type { Failure } from './expectations.js';
import { checkExpectations } from './expectations.js';
import { diffLines, goldenText } from './golden.js';
import type { Suite, SuiteCase } from './load-suite.js';
import { ReplayError } from './replay-error.js';
import { runCase } from './run-case.js';
import { writeStereoWav } from './stereo-wav.js';

/** One run of a case and what its checks said. */
export interface RunResult {
  readonly passed: boolean;
  readonly failures: readonly Failure[];
  /** Golden diff (`-` golden, `+` this run) when it differed. */
  readonly goldenDiff?: string;
  readonly goldenWritten?: boolean;
  readonly audioMs: number;
  readonly wallMs: number;
  readonly metrics: CaseMetrics;
}

export interface CaseResult {
  readonly name: string;
  readonly where: string;
  /** `error`: the case could not run (bad entry, input or agent file). */
  readonly status: 'passed' | 'failed' | 'error';
  /** For `error`: what is wrong. */
  readonly error?: string;
  readonly runs: readonly RunResult[];
  readonly passes: number;
  readonly required: number;
  /** Stereo recording of the first run (user ch0, assistant as played ch1). */
  readonly wav?: string;
}

export interface SuiteResult {
  readonly suite: string;
  readonly cases: readonly CaseResult[];
  readonly audioMs: number;
  readonly wallMs: number;
  /** Audio seconds replayed per wall-clock second. */
  readonly speed: number;
}

export interface ReplaySuiteOptions {
  /** Only these cases (by name); default every case. */
  readonly only?: readonly string[];
  /** Cases run at once. @default 4 */
  readonly concurrency?: number;
  /** Rewrite the golden files instead of comparing with them. */
  readonly update?: boolean;
  /** Where the stereo WAVs go; none written when unset. */
  readonly outDir?: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly onCaseStart?: (name: string) => void;
  readonly onCaseDone?: (result: CaseResult) => void;
}

/** The folder of a suite's golden files: `<suite>.golden/` beside it. */
export function goldenDir(suite: Suite): string {
  return join(suite.dir, `${suite.name}.golden`);
}

async function readGolden(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new ReplayError(
      'E_REPLAY_GOLDEN',
      `cannot read the golden file ${path}: ${(error as Error).message}`,
    );
  }
}

type AgentCache = NonNullable<Parameters<typeof runCase>[1]['agents']>;

/** What every case of one suite run shares. */
interface SuiteRun {
  readonly suite: Suite;
  readonly options: ReplaySuiteOptions;
  readonly agents: AgentCache;
}

async function replayCase(c: SuiteCase, run: SuiteRun): Promise<CaseResult> {
  const { suite, options, agents } = run;
  if (!c.ok)
    return {
      name: c.name,
      where: c.where,
      status: 'error',
      error: c.problems.join('\n'),
      runs: [],
      passes: 0,
      required: 1,
    };
  const repeat = c.spec.repeat;
  const runs = typeof repeat === 'number' ? repeat : (repeat?.runs ?? 1);
  const required = typeof repeat === 'object' ? (repeat.min_passes ?? runs) : runs;
  const goldenPath = join(goldenDir(suite), `${c.name}.txt`);
  const useGolden = c.spec.golden !== false;
  let golden = useGolden && options.update !== true ? await readGolden(goldenPath) : undefined;
  const results: RunResult[] = [];
  let wav: string | undefined;
  try {
    for (let r = 0; r < runs; r++) {
      const run = await runCase(c, {
        suiteDir: suite.dir,
        env: options.env ?? {},
        // A fixed seed per case: repeats of an embedded case must agree (flakiness shows here).
        seed: 1,
        agents,
      });
      const metrics = measureRun(run);
      const failures: Failure[] = [
        ...run.problems.map((message) => ({ expectation: 'run', message })),
        ...checkExpectations(c.spec.expect, run.events, metrics),
      ];
      let goldenDiff: string | undefined;
      let goldenWritten = false;
      if (useGolden) {
        const text = goldenText(c.name, run, metrics);
        if (golden === undefined) {
          await mkdir(goldenDir(suite), { recursive: true });
          await writeFile(goldenPath, text);
          golden = text;
          goldenWritten = true;
        } else {
          const diff = diffLines(golden, text);
          if (diff !== '') {
            goldenDiff = diff;
            failures.push({
              expectation: 'golden',
              message: `differs from ${goldenPath} (run with --update to accept)`,
            });
          }
        }
      }
      if (r === 0 && options.outDir !== undefined) {
        await mkdir(options.outDir, { recursive: true });
        wav = join(options.outDir, `${c.name}.wav`);
        await writeStereoWav(wav, run);
      }
      results.push({
        passed: failures.length === 0,
        failures,
        ...(goldenDiff === undefined ? {} : { goldenDiff }),
        ...(goldenWritten ? { goldenWritten } : {}),
        audioMs: run.durationMs,
        wallMs: run.wallMs,
        metrics,
      });
    }
  } catch (error) {
    return {
      name: c.name,
      where: c.where,
      status: 'error',
      error: error instanceof Error ? error.message : String(error),
      runs: results,
      passes: results.filter((r) => r.passed).length,
      required,
    };
  }
  const passes = results.filter((r) => r.passed).length;
  return {
    name: c.name,
    where: c.where,
    status: passes >= required ? 'passed' : 'failed',
    runs: results,
    passes,
    required,
    ...(wav === undefined ? {} : { wav }),
  };
}

/**
 * Runs a suite's cases, `concurrency` at a time, each isolated (its own embedded server, clock and
 * session): one that cannot run or fails does not stop the others.
 */
export async function replaySuite(
  suite: Suite,
  options: ReplaySuiteOptions = {},
): Promise<SuiteResult> {
  const wallStart = performance.now();
  const selected =
    options.only === undefined || options.only.length === 0
      ? suite.cases
      : suite.cases.filter((c) => options.only!.includes(c.name));
  const results: CaseResult[] = new Array<CaseResult>(selected.length);
  let next = 0;
  const agents: AgentCache = new Map();
  const worker = async (): Promise<void> => {
    while (next < selected.length) {
      const index = next++;
      const c = selected[index]!;
      options.onCaseStart?.(c.name);
      results[index] = await replayCase(c, { suite, options, agents });
      options.onCaseDone?.(results[index]);
    }
  };
  await Promise.all(
    Array.from(
      { length: Math.max(1, Math.min(options.concurrency ?? 4, selected.length)) },
      worker,
    ),
  );
  const wallMs = performance.now() - wallStart;
  const audioMs = results.reduce((n, r) => n + r.runs.reduce((m, run) => m + run.audioMs, 0), 0);
  return {
    suite: suite.file,
    cases: results,
    audioMs,
    wallMs,
    speed: audioMs / Math.max(1, wallMs),
  };
}
