import { formatParam } from '@voxd/protocol';
import type { z } from 'zod';

import type { ConfigErrorCode, ConfigIssue } from './config-error.js';
import { interpolateEnv } from './interpolate-env.js';
import { schemaProblems } from './schema-problems.js';
import { parseYamlSource } from './yaml-source.js';
import type { PathSegment, Position } from './yaml-source.js';

/** The outcome of {@link checkYamlDocument}. */
export type YamlDocumentResult<T> =
  | {
      readonly ok: true;
      readonly value: T;
      /** Where the value at `path` is written (for problems found after validation). */
      positionOf(path: readonly PathSegment[]): Position;
    }
  | { readonly ok: false; readonly issues: readonly ConfigIssue[] };

/**
 * Validates any YAML document (a replay suite, a script) against a zod schema with the same
 * machinery as agent files: syntax errors, `${VAR}` interpolation when `env` is given, and schema
 * problems located at `file:line:column` with readable messages (missing fields, did-you-mean for
 * enum typos, unknown keys of strict objects at the key).
 */
export function checkYamlDocument<T>(
  file: string,
  text: string,
  options: {
    readonly schema: z.ZodType<T>;
    readonly env?: Readonly<Record<string, string | undefined>>;
  },
): YamlDocumentResult<T> {
  const source = parseYamlSource(text);
  const issues: ConfigIssue[] = [];
  const issue = (
    code: ConfigErrorCode,
    at: Position,
    problem: { path: readonly PathSegment[]; message: string; hint?: string },
  ): void => {
    issues.push({
      code,
      file,
      line: at.line,
      column: at.column,
      path: formatParam(problem.path),
      message: problem.message,
      ...(problem.hint === undefined ? {} : { hint: problem.hint }),
    });
  };
  for (const { message, position } of source.syntaxErrors)
    issue('E_CONFIG_YAML', position, { path: [], message });
  if (issues.length > 0) return { ok: false, issues };
  if (options.env !== undefined) {
    for (const envIssue of interpolateEnv(source.document, options.env))
      issue('E_CONFIG_ENV', source.positionAt(envIssue.offset), envIssue);
  }
  const value: unknown = source.document.toJS({ maxAliasCount: 100 });
  const parsed = options.schema.safeParse(value);
  if (!parsed.success) {
    for (const problem of schemaProblems(parsed.error.issues, value)) {
      const at =
        problem.key === undefined
          ? source.positionOf(problem.path)
          : source.keyPositionOf(problem.path, problem.key);
      issue('E_CONFIG_INVALID', at, {
        path: problem.key === undefined ? problem.path : [...problem.path, problem.key],
        message: problem.message,
        ...(problem.hint === undefined ? {} : { hint: problem.hint }),
      });
    }
  }
  if (issues.length > 0 || !parsed.success) return { ok: false, issues };
  return { ok: true, value: parsed.data, positionOf: (path) => source.positionOf(path) };
}
