import type { z } from 'zod';

import { ProtocolError } from './protocol-error.js';

type Issue = z.core.$ZodIssue;
type PathSegment = PropertyKey;

/** Renders `['session', 'tools', 0, 'name']` as `session.tools[0].name`. */
export function formatParam(path: readonly PathSegment[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? String(segment) : `.${String(segment)}`;
  }
  return out;
}

/**
 * How well a union branch matched the input: a branch that failed on the input's own type (a
 * string given to the object branch) matched worst; one that failed deep inside matched best.
 */
function branchScore(issues: readonly Issue[]): number {
  const first = issues[0];
  if (first === undefined) return -2;
  if (first.path.length === 0) return first.code === 'invalid_type' ? -1 : 0;
  return first.path.length;
}

/** Follows plain `z.union` failures into the branch the input most likely meant. */
function deepestIssue(
  issue: Issue,
  prefix: readonly PathSegment[],
): { issue: Issue; path: PathSegment[] } {
  const path = [...prefix, ...issue.path];
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return { issue, path };
  let best: readonly Issue[] = [];
  let bestScore = -3;
  for (const branch of issue.errors) {
    const score = branchScore(branch);
    if (score > bestScore) {
      best = branch;
      bestScore = score;
    }
  }
  const next = best[0];
  return next === undefined ? { issue, path } : deepestIssue(next, path);
}

/** Absent and `null` both mean "not set" on the wire (reference §0). */
function isMissing(root: unknown, path: readonly PathSegment[]): boolean {
  if (path.length === 0) return false;
  let node: unknown = root;
  for (const segment of path) {
    if (node === null || typeof node !== 'object') return true;
    node = (node as Record<PropertyKey, unknown>)[segment];
  }
  return node === undefined || node === null;
}

/** Context of the event that failed, for the error's message and fields. */
export interface EventContext {
  readonly eventType: string;
  readonly eventId: string | undefined;
}

/** Turns the first zod issue into a precise `ProtocolError`: dotted `param`, missing vs invalid. */
export function issueToProtocolError(
  issues: readonly Issue[],
  raw: unknown,
  context: EventContext,
): ProtocolError {
  const first = issues[0];
  const { issue, path } =
    first === undefined ? { issue: undefined, path: [] } : deepestIssue(first, []);
  const param = formatParam(path);
  const missing = isMissing(raw, path);
  const details = {
    param,
    eventType: context.eventType,
    ...(context.eventId === undefined ? {} : { eventId: context.eventId }),
  };
  if (missing) {
    return new ProtocolError(
      'E_PROTOCOL_MISSING_FIELD',
      `${context.eventType}: required field "${param}" is missing`,
      details,
    );
  }
  const reason = issue?.message ?? 'invalid value';
  return new ProtocolError(
    'E_PROTOCOL_INVALID_FIELD',
    `${context.eventType}: field "${param}" is invalid: ${reason}`,
    details,
  );
}
