import type { z } from 'zod';

import { didYouMean } from './did-you-mean.js';
import type { PathSegment } from './yaml-source.js';

/** A schema problem before it gets a file position. */
export interface SchemaProblem {
  readonly path: readonly PathSegment[];
  /** Set for unknown keys: the problem is located at this key of the mapping at `path`. */
  readonly key?: string;
  readonly message: string;
  readonly hint?: string;
}

type Issue = z.core.$ZodIssue;

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const segment of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[segment];
  }
  return value;
}

function toPath(path: readonly PropertyKey[]): PathSegment[] {
  return path.map((segment) => (typeof segment === 'number' ? segment : String(segment)));
}

function quote(values: readonly unknown[]): string {
  return values.map((v) => (typeof v === 'string' ? `"${v}"` : String(v))).join(', ');
}

/** How far into the input a union branch got: 0 means it rejected the value's type outright. */
function depth(issues: readonly Issue[]): number {
  const outright = (i: Issue): boolean =>
    i.path.length === 0 && (i.code === 'invalid_type' || i.code === 'invalid_value');
  if (issues.every(outright)) return 0;
  return 1 + Math.max(...issues.map((i) => i.path.length));
}

/** What a branch that rejected the value outright expected, e.g. `an object` or `one of "a", "b"`. */
function expectation(issues: readonly Issue[]): string {
  const issue = issues[0];
  if (issue?.code === 'invalid_type') return `${issue.expected}`;
  if (issue?.code === 'invalid_value') {
    return issue.values.length === 1 ? quote(issue.values) : `one of ${quote(issue.values)}`;
  }
  return issue?.message ?? 'something else';
}

function describeInput(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'a mapping' : `${typeof value} ${JSON.stringify(value)}`;
}

/**
 * Turns zod issues into located, readable problems: a missing field says so, an enum typo gets a
 * "did you mean", a union reports the branch that got furthest (or what each branch expected).
 */
export function schemaProblems(
  issues: readonly Issue[],
  input: unknown,
  prefix: readonly PropertyKey[] = [],
): SchemaProblem[] {
  return issues.flatMap((issue): SchemaProblem[] => {
    const fullPath = [...prefix, ...issue.path];
    const path = toPath(fullPath);
    const value = valueAt(input, fullPath);
    const name = `"${String(fullPath.at(-1) ?? '')}"`;
    if (value === undefined && fullPath.length > 0) {
      if (issue.code === 'invalid_type') {
        return [{ path, message: `${name} is required (expected ${issue.expected})` }];
      }
      if (issue.code === 'invalid_value' || issue.code === 'invalid_union') {
        const expected =
          issue.code === 'invalid_value'
            ? expectation([issue])
            : [...new Set(issue.errors.map(expectation))].join(' or ');
        return [{ path, message: `${name} is required (expected ${expected})` }];
      }
    }
    switch (issue.code) {
      case 'unrecognized_keys':
        return issue.keys.map((key) => ({ path, key, message: `unknown field "${key}"` }));
      case 'invalid_type':
        return [{ path, message: `expected ${issue.expected}, got ${describeInput(value)}` }];
      case 'invalid_value': {
        const suggestion =
          typeof value === 'string' ? didYouMean(value, issue.values.map(String)) : undefined;
        return [
          {
            path,
            message: `${describeInput(value)} is not allowed: expected ${issue.values.length === 1 ? quote(issue.values) : `one of ${quote(issue.values)}`}`,
            ...(suggestion === undefined ? {} : { hint: `did you mean "${suggestion}"?` }),
          },
        ];
      }
      case 'invalid_union': {
        if (issue.errors.length === 0) {
          // A discriminated union found no branch for the tag.
          const options = (issue as { options?: unknown[] }).options ?? [];
          const suggestion =
            typeof value === 'string' ? didYouMean(value, options.map(String)) : undefined;
          return [
            {
              path,
              message: `unknown ${String(fullPath.at(-1) ?? 'value')} ${describeInput(value)}`,
              hint:
                suggestion === undefined
                  ? `one of ${quote(options)}`
                  : `did you mean "${suggestion}"?`,
            },
          ];
        }
        const scored = issue.errors.map((branch) => ({ branch, score: depth(branch) }));
        const best = Math.max(...scored.map((s) => s.score));
        if (best === 0) {
          const expected = [...new Set(issue.errors.map(expectation))].join(' or ');
          return [{ path, message: `expected ${expected}, got ${describeInput(value)}` }];
        }
        const winner = scored.find((s) => s.score === best)?.branch ?? [];
        return schemaProblems(winner, input, fullPath);
      }
      case 'custom': {
        const params = (issue.params ?? {}) as {
          hint?: string;
          candidates?: string[];
          input?: string;
        };
        const suggestion =
          params.input !== undefined && params.candidates !== undefined
            ? didYouMean(params.input, params.candidates)
            : undefined;
        const hint =
          suggestion === undefined
            ? params.hint
            : `did you mean "${suggestion}"? (${params.hint ?? ''})`;
        return [{ path, message: issue.message, ...(hint === undefined ? {} : { hint }) }];
      }
      default:
        return [{ path, message: issue.message }];
    }
  });
}
