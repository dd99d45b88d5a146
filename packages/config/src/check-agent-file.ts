import { readFile } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';

import type { PluginRegistry } from '@voxd/core';
import { formatParam } from '@voxd/protocol';
import { isMap } from 'yaml';

import { agentConfigJsonSchema } from './agent-config-json-schema.js';
import type { JsonSchema } from './agent-config-json-schema.js';
import { createAgentConfigSchema } from './agent-config-schema.js';
import type { AgentConfig } from './agent-config-schema.js';
import type { ConfigErrorCode, ConfigIssue } from './config-error.js';
import { deepFreeze } from './deep-freeze.js';
import { didYouMean } from './did-you-mean.js';
import { interpolateEnv } from './interpolate-env.js';
import { runPluginChecks } from './run-plugin-checks.js';
import { schemaProblems } from './schema-problems.js';
import { resolveThirdPartyPlugins } from './third-party-plugins.js';
import type { PluginLoader } from './third-party-plugins.js';
import type { SchemaProblem } from './schema-problems.js';
import { findUnknownKeys } from './unknown-keys.js';
import { parseYamlSource } from './yaml-source.js';
import type { PathSegment, Position, YamlSource } from './yaml-source.js';

const FLOW_HINT = 'inside { } or [ ], quote values that use ${…}: "${VAR}"';

/** What loading an agent file needs. Only the app passes `process.env`. */
export interface AgentConfigDeps {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly registry: PluginRegistry;
  /**
   * Loads plugins the file names by npm package or `./path` (not in `registry`). Without it, such
   * names are unknown types.
   */
  readonly loadPlugin?: PluginLoader;
}

/** A valid agent and the plugin registry to create its source, sink and plugins from. */
export interface LoadedAgent {
  readonly config: AgentConfig;
  /** The app's registry plus the third-party plugins the file names. */
  readonly registry: PluginRegistry;
}

/** The outcome of checking one agent file: a config, or every problem found. */
export type AgentFileResult =
  | {
      readonly ok: true;
      readonly file: string;
      readonly config: AgentConfig;
      /** `deps.registry` plus the third-party plugins this file names: create its plugins from it. */
      readonly registry: PluginRegistry;
      /** Where `name` is written, for problems found across files. */
      readonly namePosition: Position;
    }
  | { readonly ok: false; readonly file: string; readonly issues: readonly ConfigIssue[] };

function startsWith(path: readonly PathSegment[], prefix: readonly PathSegment[]): boolean {
  return prefix.every((segment, i) => path[i] === segment);
}

// Building the JSON Schema costs tens of ms; a registry does not change, so build it once.
const jsonSchemas = new WeakMap<PluginRegistry, JsonSchema>();

/** Unknown-key problems, with a "did you mean" or the list of known keys. */
function unknownKeyProblems(value: unknown, registry: PluginRegistry): SchemaProblem[] {
  let schema = jsonSchemas.get(registry);
  if (schema === undefined) {
    schema = agentConfigJsonSchema(registry);
    jsonSchemas.set(registry, schema);
  }
  return findUnknownKeys(value, schema).map(({ path, key, known }) => {
    const suggestion = didYouMean(key, known);
    return {
      path,
      key,
      message: `unknown field "${key}"`,
      hint:
        suggestion === undefined
          ? `known fields here: ${known.join(', ')}`
          : `did you mean "${suggestion}"?`,
    };
  });
}

/** Merges zod's and the JSON-Schema walker's unknown keys, keeping the one with a hint. */
function dedupe(problems: readonly SchemaProblem[]): SchemaProblem[] {
  const seen = new Map<string, SchemaProblem>();
  for (const problem of problems) {
    const id = `${formatParam(problem.path)}|${problem.key ?? ''}|${problem.key === undefined ? problem.message : ''}`;
    const previous = seen.get(id);
    if (previous === undefined || (previous.hint === undefined && problem.hint !== undefined))
      seen.set(id, problem);
  }
  return [...seen.values()];
}

/**
 * Reads, interpolates, validates and checks one agent file, collecting every problem instead of
 * stopping at the first. Never throws for bad input.
 */
export async function checkAgentFile(
  file: string,
  deps: AgentConfigDeps,
): Promise<AgentFileResult> {
  const issues: ConfigIssue[] = [];
  const issue = (code: ConfigErrorCode, at: Position, problem: SchemaProblem): void => {
    issues.push({
      code,
      file,
      line: at.line,
      column: at.column,
      path: formatParam(problem.key === undefined ? problem.path : [...problem.path, problem.key]),
      message: problem.message,
      ...(problem.hint === undefined ? {} : { hint: problem.hint }),
    });
  };
  const fail = (): AgentFileResult => ({
    ok: false,
    file,
    issues: issues.sort((a, b) => a.line - b.line || a.column - b.column),
  });

  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    issue(
      'E_CONFIG_FILE',
      { line: 1, column: 1 },
      { path: [], message: `cannot read the agent file: ${(error as Error).message}` },
    );
    return fail();
  }

  const source: YamlSource = parseYamlSource(text);
  const lines = text.split('\n');
  for (const { message, position } of source.syntaxErrors) {
    // `{` and `}` are flow indicators: an unquoted ${VAR} inside { } or [ ] breaks the YAML.
    const hint = lines[position.line - 1]?.includes('${') === true ? FLOW_HINT : undefined;
    issue('E_CONFIG_YAML', position, {
      path: [],
      message,
      ...(hint === undefined ? {} : { hint }),
    });
  }
  if (issues.length > 0) return fail();
  if (!isMap(source.document.contents)) {
    issue('E_CONFIG_INVALID', source.positionOf([]), {
      path: [],
      message:
        'an agent file must be a mapping with name, connection, session, source, sink, plugins',
    });
    return fail();
  }

  const envIssues = interpolateEnv(source.document, deps.env);
  for (const envIssue of envIssues)
    issue('E_CONFIG_ENV', source.positionAt(envIssue.offset), envIssue);

  const value: unknown = source.document.toJS({ maxAliasCount: 100 });
  const baseDir = dirname(resolve(file));
  const thirdParty = await resolveThirdPartyPlugins(value, deps.registry, {
    loader: deps.loadPlugin,
    baseDir,
  });
  for (const problem of thirdParty.problems)
    issue('E_CONFIG_PLUGIN', source.positionOf(problem.path), problem);
  const { registry } = thirdParty;
  const parsed = await createAgentConfigSchema(registry).safeParseAsync(value);
  const problems = dedupe([
    ...(parsed.success ? [] : schemaProblems(parsed.error.issues, value)),
    ...unknownKeyProblems(value, registry),
  ])
    .filter((problem) => !envIssues.some((envIssue) => startsWith(problem.path, envIssue.path)))
    .filter(
      (problem) =>
        !(problem.path[0] === 'plugins' && thirdParty.failed.has(problem.path[1] as number)),
    );
  for (const problem of problems) {
    const at =
      problem.key === undefined
        ? source.positionOf(problem.path)
        : source.keyPositionOf(problem.path, problem.key);
    issue('E_CONFIG_INVALID', at, problem);
  }

  const agentName = parsed.success ? parsed.data.name : basename(file);
  for (const problem of await runPluginChecks(value, registry, { agentName, baseDir })) {
    issue('E_CONFIG_INVALID', source.positionOf(problem.path), problem);
  }

  if (issues.length > 0 || !parsed.success) return fail();
  const config: AgentConfig = { ...parsed.data, file: resolve(file), baseDir };
  return {
    ok: true,
    file,
    config: deepFreeze(config),
    registry,
    namePosition: source.positionOf(['name']),
  };
}
