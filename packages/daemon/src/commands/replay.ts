import { writeFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { parseArgs } from 'node:util';

import { ConfigError } from '@voxd/config';
import type { CaseResult, Suite } from '@voxd/replay';
import {
  failureText,
  fixturesSuite,
  junitXml,
  loadSuite,
  replaySuite,
  resultJson,
  summaryTable,
} from '@voxd/replay';

import type { CliIo, ExitCode } from '../cli-io.js';
import { EXIT, UsageError } from '../cli-io.js';
import type { Command } from '../main.js';

const USAGE = `Usage: voxd replay SUITE.yaml [CASE...] [options]
       voxd replay AGENT.yaml --fixtures DIR [options]

Runs recorded or scripted calls against an agent as regression tests: each case streams its
input WAV(s) through the agent's session to the embedded local Voice Live server on a virtual
clock (deterministic, many times faster than real time), checks its expectations and compares
its event log with the golden file beside the suite (SUITE.golden/CASE.txt; written on the first
run). CASE names select cases.

Options:
  --update           rewrite the golden files from this run instead of comparing
  --concurrency N    cases run at once (default 4)
  --out DIR          stereo WAV per case: user ch0, assistant as played ch1
                     (default replay-out/<suite name>)
  --no-wav           write no WAVs
  --junit FILE       JUnit XML report (one testcase per case)
  --json FILE        results as JSON (metrics per run)
  --fixtures DIR     with AGENT.yaml: one case per WAV in DIR (no expectations but no errors)
  --help             show this help

Exit codes: 0 every case passed, 1 a case failed or could not run, 2 bad usage, 3 invalid
suite file.
`;

interface ReplayArgs {
  readonly target: string;
  readonly cases: readonly string[];
  readonly update: boolean;
  readonly concurrency: number;
  readonly out: string | undefined;
  readonly junit: string | undefined;
  readonly json: string | undefined;
  readonly fixtures: string | undefined;
}

function parseReplayArgs(args: readonly string[], cwd: string): ReplayArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
        update: { type: 'boolean', default: false },
        concurrency: { type: 'string' },
        out: { type: 'string' },
        'no-wav': { type: 'boolean', default: false },
        junit: { type: 'string' },
        json: { type: 'string' },
        fixtures: { type: 'string' },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const [target, ...cases] = parsed.positionals;
  if (target === undefined)
    throw new UsageError('missing SUITE.yaml (or AGENT.yaml --fixtures DIR)');
  const concurrency = Number(parsed.values.concurrency ?? '4');
  if (!Number.isInteger(concurrency) || concurrency < 1)
    throw new UsageError(
      `--concurrency must be a whole number ≥ 1, got '${parsed.values.concurrency}'`,
    );
  if (parsed.values.fixtures !== undefined && cases.length > 0)
    throw new UsageError('CASE names go with a suite file, not with --fixtures');
  const abs = (p: string | undefined): string | undefined =>
    p === undefined ? undefined : resolve(cwd, p);
  return {
    target: resolve(cwd, target),
    cases,
    update: parsed.values.update,
    concurrency,
    out: parsed.values['no-wav'] ? undefined : (abs(parsed.values.out) ?? ''),
    junit: abs(parsed.values.junit),
    json: abs(parsed.values.json),
    fixtures: abs(parsed.values.fixtures),
  };
}

const mark = (r: CaseResult): string =>
  r.status === 'passed' ? 'pass ' : r.status === 'failed' ? 'FAIL ' : 'ERROR';

async function execute(rawArgs: readonly string[], io: CliIo): Promise<ExitCode> {
  const args = parseReplayArgs(rawArgs, io.cwd);
  let suite: Suite;
  try {
    suite =
      args.fixtures === undefined
        ? await loadSuite(args.target, io.env)
        : await fixturesSuite(args.target, args.fixtures);
  } catch (error) {
    if (error instanceof ConfigError) {
      io.stderr.write(`${error.message}\n`);
      return EXIT.invalidInput;
    }
    if (
      (error as NodeJS.ErrnoException).code === 'ENOENT' ||
      (error as NodeJS.ErrnoException).code === 'ENOTDIR'
    ) {
      io.stderr.write(`voxd replay: ${(error as Error).message}\n`);
      return EXIT.invalidInput;
    }
    throw error;
  }
  const unknown = args.cases.filter((name) => !suite.cases.some((c) => c.name === name));
  if (unknown.length > 0)
    throw new UsageError(
      `no case named ${unknown.join(', ')} in ${suite.file} (cases: ${suite.cases.map((c) => c.name).join(', ')})`,
    );
  if (
    args.fixtures === undefined &&
    extname(args.target) !== '.yaml' &&
    extname(args.target) !== '.yml'
  )
    io.stderr.write(`voxd replay: ${args.target} does not end in .yaml; reading it as a suite\n`);

  const selected = args.cases.length === 0 ? suite.cases.length : args.cases.length;
  const tty = (io.stdout as { isTTY?: boolean }).isTTY === true;
  let done = 0;
  let failed = 0;
  let running = 0;
  const status = (): void => {
    if (tty)
      io.stdout.write(`\r\x1b[2K${done}/${selected} done, ${running} running, ${failed} failed`);
  };
  io.stdout.write(`replay ${suite.file}: ${selected} case${selected === 1 ? '' : 's'}\n`);
  const result = await replaySuite(suite, {
    ...(args.cases.length === 0 ? {} : { only: args.cases }),
    concurrency: args.concurrency,
    update: args.update,
    ...(args.out === undefined
      ? {}
      : { outDir: args.out === '' ? resolve(io.cwd, 'replay-out', suite.name) : args.out }),
    env: io.env,
    onCaseStart: () => {
      running++;
      status();
    },
    onCaseDone: (r) => {
      running--;
      done++;
      if (r.status !== 'passed') failed++;
      if (tty) io.stdout.write('\r\x1b[2K');
      const written = r.runs.some((run) => run.goldenWritten === true)
        ? ' (golden file written)'
        : '';
      io.stdout.write(`${mark(r)} ${r.name}${written}\n`);
      if (r.status !== 'passed')
        io.stdout.write(`${failureText(r).replace(/^/gm, '      ')}\n      at ${r.where}\n`);
      status();
    },
  });
  if (tty) io.stdout.write('\r\x1b[2K');
  io.stdout.write(`\n${summaryTable(result)}`);
  if (args.junit !== undefined) await writeFile(args.junit, junitXml(suite.name, result));
  if (args.json !== undefined) await writeFile(args.json, resultJson(result));
  return result.cases.every((c) => c.status === 'passed') ? EXIT.ok : EXIT.failed;
}

export const replayCommand: Command = {
  name: 'replay',
  summary: 'run recorded or scripted calls against an agent as regression tests',
  usage: USAGE,
  execute,
};
