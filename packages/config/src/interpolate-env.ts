import { isPair, isScalar, isSeq, parse, visit } from 'yaml';
import type { Document, Scalar } from 'yaml';

import type { PathSegment } from './yaml-source.js';

/** A problem with one `${…}` in the file. */
export interface EnvIssue {
  readonly path: readonly PathSegment[];
  /** Character offset of the `${` in the file (or of the scalar when it cannot be pinned down). */
  readonly offset: number;
  readonly message: string;
  readonly hint?: string;
}

const REFERENCE = /\$\$\{|\$\{([^}]*)\}|\$\{/g;
const EXPRESSION = /^([A-Za-z_][A-Za-z0-9_]*)(?::-(.*))?$/s;

/**
 * Replaces `${VAR}` and `${VAR:-default}` in every string value of `document`, in place (keys are
 * left alone). `$${` writes a literal `${`. `:-` uses the default when VAR is unset or empty, as in
 * POSIX shells. An unquoted value that is exactly one reference takes the type its text would have
 * had if written directly (`threshold: ${VAD_THRESHOLD:-0.5}` is a number); quoted values stay
 * strings. Unset variables are reported, every one of them, and replaced by "".
 */
export function interpolateEnv(
  document: Document.Parsed,
  env: Readonly<Record<string, string | undefined>>,
): EnvIssue[] {
  const issues: EnvIssue[] = [];
  visit(document, {
    Scalar(key, node, ancestors) {
      if (key === 'key' || typeof node.value !== 'string' || !node.value.includes('${')) return;
      const path = pathOf(ancestors, node);
      const start = (node.range?.[0] ?? 0) + (node.type === 'PLAIN' ? 0 : 1);
      const original = node.value;
      let whole = false;
      const replaced = original.replace(
        REFERENCE,
        (match: string, body: string | undefined, index: number) => {
          if (match === '$${') return '${';
          const offset = start + index;
          if (body === undefined) {
            issues.push({
              path,
              offset,
              message: 'unterminated "${": expected "}"',
              hint: 'write $${ for a literal ${',
            });
            return match;
          }
          const parsed = EXPRESSION.exec(body);
          if (parsed === null) {
            issues.push({
              path,
              offset,
              message: `"${match}" is not a variable reference`,
              hint: 'use ${NAME} or ${NAME:-default}, NAME made of letters, digits and _',
            });
            return match;
          }
          const [, name = '', fallback] = parsed;
          whole = match === original;
          const value = env[name];
          if (fallback !== undefined && (value === undefined || value === '')) return fallback;
          if (value === undefined) {
            issues.push({
              path,
              offset,
              message: `environment variable ${name} is not set`,
              hint: `set ${name}, or give a default: \${${name}:-value}`,
            });
            return '';
          }
          return value;
        },
      );
      node.value = whole && node.type === 'PLAIN' ? retype(replaced) : replaced;
    },
  });
  return issues;
}

/** Numbers and booleans keep their YAML type; everything else stays the string it is. */
function retype(text: string): string | number | boolean {
  try {
    const value: unknown = parse(text);
    return typeof value === 'number' || typeof value === 'boolean' ? value : text;
  } catch {
    return text;
  }
}

/** The field path of a scalar from the visitor's ancestor chain. */
function pathOf(ancestors: readonly unknown[], node: Scalar): PathSegment[] {
  const path: PathSegment[] = [];
  const chain = [...ancestors, node];
  chain.forEach((ancestor, i) => {
    if (isPair(ancestor) && isScalar(ancestor.key)) path.push(String(ancestor.key.value));
    else if (isSeq(ancestor)) path.push(ancestor.items.indexOf(chain[i + 1]));
  });
  return path;
}
