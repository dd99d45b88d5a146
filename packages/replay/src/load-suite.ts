import { readFile } from 'node:fs/promises';
import { basename, dirname, extname, resolve } from 'node:path';

import type { ConfigIssue } from '@voxd/config';
import { ConfigError, checkYamlDocument, formatConfigIssue } from '@voxd/config';
import { z } from 'zod';

import type { CaseFile, ServerSpec, StubSpec } from './suite-schema.js';
import { suiteSchema } from './suite-schema.js';

/** A case ready to run, or one whose own entry is invalid (it fails alone, with its problems). */
export type SuiteCase =
  | {
      readonly ok: true;
      readonly name: string;
      readonly index: number;
      /** Absolute path of the agent file. */
      readonly agentFile: string;
      readonly spec: CaseFile;
      /** The suite's `server` with the case's merged over it. */
      readonly server: ServerSpec;
      readonly stubs: Readonly<Record<string, StubSpec>>;
      /** `file:line:column` of the case, for messages. */
      readonly where: string;
    }
  | {
      readonly ok: false;
      readonly name: string;
      readonly index: number;
      readonly where: string;
      readonly problems: readonly string[];
    };

export interface Suite {
  /** Absolute path of the suite file. */
  readonly file: string;
  readonly dir: string;
  /** The file name without `.yaml`: names the golden folder and the JUnit suite. */
  readonly name: string;
  readonly cases: readonly SuiteCase[];
}

/** The top level alone: cases are checked one by one so a bad case fails alone. */
const lenientSuite = suiteSchema.extend({
  cases: z.array(z.unknown()).min(1, 'a suite needs at least one case'),
});
const caseSchema = suiteSchema.shape.cases.element;

/**
 * Reads a suite file. Problems outside `cases` (YAML syntax, the top-level fields) make the whole
 * suite invalid; a problem inside one case marks that case broken and the others still run.
 *
 * @throws {ConfigError} for a suite that cannot run at all, every problem at file:line:column.
 */
export async function loadSuite(
  path: string,
  env: Readonly<Record<string, string | undefined>> = {},
): Promise<Suite> {
  const file = resolve(path);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ConfigError([
      {
        code: 'E_CONFIG_FILE',
        file,
        line: 1,
        column: 1,
        path: '',
        message: `cannot read the suite file: ${(error as Error).message}`,
      },
    ]);
  }
  const full = checkYamlDocument(file, text, { schema: suiteSchema, env });
  const caseIssues = new Map<number, ConfigIssue[]>();
  if (!full.ok) {
    const topLevel: ConfigIssue[] = [];
    for (const issue of full.issues) {
      const match = /^cases\[(\d+)\]/.exec(issue.path);
      if (match === null) topLevel.push(issue);
      else {
        const index = Number(match[1]);
        caseIssues.set(index, [...(caseIssues.get(index) ?? []), issue]);
      }
    }
    if (topLevel.length > 0) throw new ConfigError(topLevel);
  }
  const top = checkYamlDocument(file, text, { schema: lenientSuite, env });
  if (!top.ok) throw new ConfigError(top.issues);
  const dir = dirname(file);
  const suite = top.value;
  const seen = new Map<string, number>();
  const cases = suite.cases.map((raw, index): SuiteCase => {
    const at = top.positionOf(['cases', index]);
    const where = `${file}:${at.line}:${at.column}`;
    const rawName = (raw as { name?: unknown } | null)?.name;
    const fallbackName = typeof rawName === 'string' ? rawName : `case-${index + 1}`;
    const broken = (problems: string[]): SuiteCase => ({
      ok: false,
      name: fallbackName,
      index,
      where,
      problems,
    });
    const issues = caseIssues.get(index);
    if (issues !== undefined) return broken(issues.map(formatConfigIssue));
    const spec = caseSchema.parse(raw);
    const problems: string[] = [];
    const earlier = seen.get(spec.name);
    if (earlier !== undefined)
      problems.push(
        `${where} cases[${index}].name: "${spec.name}" is also case ${earlier + 1}'s name`,
      );
    seen.set(spec.name, index);
    const agent = spec.agent ?? suite.agent;
    if (agent === undefined)
      problems.push(`${where} cases[${index}]: no agent: set "agent" on the suite or the case`);
    if (
      typeof spec.input === 'object' &&
      (spec.input.wav === undefined) === (spec.input.turns === undefined)
    )
      problems.push(`${where} cases[${index}].input: needs exactly one of wav, turns`);
    if (
      typeof spec.input === 'object' &&
      spec.input.turns !== undefined &&
      (spec.input.from_ms !== undefined || spec.input.to_ms !== undefined)
    )
      problems.push(
        `${where} cases[${index}].input: from_ms/to_ms go with wav; with turns, set them per turn`,
      );
    const server: ServerSpec = { ...suite.server, ...spec.server };
    if (server.script !== undefined && server.script_file !== undefined)
      problems.push(`${where} cases[${index}].server: script and script_file exclude each other`);
    for (const [key, pattern] of regexFields(spec)) {
      try {
        new RegExp(pattern);
      } catch (error) {
        problems.push(
          `${where} cases[${index}].${key}: not a regular expression: ${(error as Error).message}`,
        );
      }
    }
    if (problems.length > 0 || agent === undefined) return broken(problems);
    return {
      ok: true,
      name: spec.name,
      index,
      agentFile: resolve(dir, agent),
      spec,
      server,
      stubs: { ...suite.stubs, ...spec.stubs },
      where,
    };
  });
  return { file, dir, name: basename(file, extname(file)), cases };
}

/** The expectation fields that hold regular expressions, with their paths. */
function regexFields(spec: CaseFile): [string, string][] {
  const out: [string, string][] = [];
  const t = spec.expect?.transcripts;
  if (t?.user?.matches !== undefined) out.push(['expect.transcripts.user.matches', t.user.matches]);
  if (t?.assistant?.matches !== undefined)
    out.push(['expect.transcripts.assistant.matches', t.assistant.matches]);
  spec.expect?.tools?.forEach((tool, i) => {
    if (tool.args_matches !== undefined)
      out.push([`expect.tools[${i}].args_matches`, tool.args_matches]);
  });
  return out;
}
