import { VoxdError } from '@voxd/errors';

/**
 * - `E_CONFIG_FILE`: the agent file cannot be read.
 * - `E_CONFIG_YAML`: the file is not valid YAML.
 * - `E_CONFIG_ENV`: a `${VAR}` names an unset variable (and has no `:-default`).
 * - `E_CONFIG_INVALID`: the content does not match the schema, or a plugin's checks failed.
 * - `E_CONFIG_PLUGIN`: a plugin named by npm package or path is not installed or does not load.
 */
export type ConfigErrorCode =
  'E_CONFIG_FILE' | 'E_CONFIG_YAML' | 'E_CONFIG_ENV' | 'E_CONFIG_INVALID' | 'E_CONFIG_PLUGIN';

/** One problem in an agent file, located precisely enough for an editor to jump to it. */
export interface ConfigIssue {
  readonly code: ConfigErrorCode;
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based. */
  readonly column: number;
  /** Dotted field path, e.g. `session.turn_detection.threshold` or `plugins[1].type`; `` for the file. */
  readonly path: string;
  readonly message: string;
  readonly hint?: string;
}

/** How urgent each code is when a file has several kinds of problems: the worst names the error. */
const SEVERITY: Record<ConfigErrorCode, number> = {
  E_CONFIG_FILE: 4,
  E_CONFIG_YAML: 3,
  E_CONFIG_PLUGIN: 2,
  E_CONFIG_INVALID: 1,
  E_CONFIG_ENV: 0,
};

/** Formats one issue as `file:line:column path: message` plus an indented hint line. */
export function formatConfigIssue(issue: ConfigIssue): string {
  const where = `${issue.file}:${issue.line}:${issue.column}`;
  const head = `${where} ${issue.path === '' ? '' : `${issue.path}: `}${issue.message}`;
  return issue.hint === undefined ? head : `${head}\n    hint: ${issue.hint}`;
}

/**
 * Every problem found in one or more agent files, all at once. `code` is the most severe issue's
 * code; `message` lists every issue on its own line.
 */
export class ConfigError extends VoxdError<ConfigErrorCode> {
  readonly issues: readonly ConfigIssue[];

  constructor(issues: readonly ConfigIssue[], options: { cause?: unknown } = {}) {
    const sorted = [...issues];
    const worst = sorted.reduce<ConfigErrorCode>(
      (code, issue) => (SEVERITY[issue.code] > SEVERITY[code] ? issue.code : code),
      sorted[0]?.code ?? 'E_CONFIG_INVALID',
    );
    const files = [...new Set(sorted.map((issue) => issue.file))];
    const count = `${sorted.length} problem${sorted.length === 1 ? '' : 's'}`;
    const title =
      files.length === 1 ? `${files[0]}: ${count}` : `${count} in ${files.length} files`;
    super(worst, [title, ...sorted.map((issue) => `  ${formatConfigIssue(issue)}`)].join('\n'), {
      ...(options.cause === undefined ? {} : { cause: options.cause }),
    });
    this.issues = Object.freeze(sorted);
  }
}
