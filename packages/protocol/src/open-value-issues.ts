import type { z } from 'zod';

import { formatParam } from './issue-to-error.js';
import { OPEN_DISCRIMINATOR_SETS, OPEN_ENUM_VALUE_SETS, valueSetKey } from './open-enums.js';

type Issue = z.core.$ZodIssue;
type PathSegment = PropertyKey;

/** A string a lenient parse accepted in an open-ended field although the reference does not list it. */
export interface UnlistedValue {
  /** Dotted path of the field, e.g. `session.voice.name`. */
  readonly param: string;
  readonly value: string;
}

function valueAt(root: unknown, path: readonly PathSegment[]): unknown {
  let node = root;
  for (const segment of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<PropertyKey, unknown>)[segment];
  }
  return node;
}

/**
 * The unlisted values that explain `issue` entirely, or `undefined` if it is a real problem. A
 * plain union (the bare-or-object `voice`) is explained when one of its branches is.
 */
function explain(
  issue: Issue,
  prefix: readonly PathSegment[],
  raw: unknown,
): UnlistedValue[] | undefined {
  const path = [...prefix, ...issue.path];
  const value = valueAt(raw, path);
  if (issue.code === 'invalid_value') {
    const open = typeof value === 'string' && OPEN_ENUM_VALUE_SETS.has(valueSetKey(issue.values));
    return open ? [{ param: formatParam(path), value }] : undefined;
  }
  if (issue.code !== 'invalid_union') return undefined;
  if (issue.errors.length === 0) {
    // No matching discriminator: the path ends at the discriminator field itself.
    const options = 'options' in issue ? issue.options : undefined;
    const open =
      typeof value === 'string' &&
      options !== undefined &&
      OPEN_DISCRIMINATOR_SETS.has(valueSetKey(options));
    return open ? [{ param: formatParam(path), value }] : undefined;
  }
  for (const branch of issue.errors) {
    const explained = branch.map((inner) => explain(inner, path, raw));
    if (explained.every((found) => found !== undefined)) return explained.flat();
  }
  return undefined;
}

/**
 * Splits the issues of a failed parse into values of open-ended enums (see `OPEN_ENUM_VALUE_SETS`)
 * and the problems that remain. When none remain, every other field passed: zod reports all
 * issues of an object, and no ancestor of an open-ended field has a refinement that the failure
 * could have skipped.
 */
export function splitOpenValueIssues(
  issues: readonly Issue[],
  raw: unknown,
): { readonly problems: Issue[]; readonly unlisted: UnlistedValue[] } {
  const problems: Issue[] = [];
  const unlisted: UnlistedValue[] = [];
  for (const issue of issues) {
    const explained = explain(issue, [], raw);
    if (explained === undefined) problems.push(issue);
    else unlisted.push(...explained);
  }
  return { problems, unlisted };
}
