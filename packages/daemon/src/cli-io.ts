/** What a command may touch of the outside world: passed in, so tests run commands in-process. */
export interface CliIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** Aborted on SIGINT/SIGTERM by the bin; commands stop cleanly when it fires. */
  readonly signal: AbortSignal;
  /** Gets a `reload` event on SIGHUP from the bin (`voxd daemon` re-reads its agent files). */
  readonly reload?: EventTarget;
}

/** Exit codes scripts can rely on. */
export const EXIT = {
  ok: 0,
  /** The session or daemon failed at run time (transport, server, fatal session error). */
  failed: 1,
  /** Bad command line. */
  usage: 2,
  /** Invalid agent file, WAV or other input: nothing was started. */
  invalidInput: 3,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A command-line mistake: printed with the command's usage, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
