/**
 * The one base class of every error voxd throws. Each package narrows `code` to its own union of
 * string literals (`E_CONFIG_INVALID`, `E_WAV_CORRUPT`, …) by subclassing, so callers can switch on
 * `code` without importing every package's error class.
 *
 * @example
 * export class WavError extends VoxdError<'E_WAV_CORRUPT' | 'E_WAV_UNSUPPORTED'> {}
 * throw new WavError('E_WAV_CORRUPT', 'fixture.wav: data chunk is 12 bytes longer than the file');
 */
export class VoxdError<TCode extends string = string> extends Error {
  readonly code: TCode;
  readonly retryable: boolean;

  constructor(code: TCode, message: string, options: VoxdErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.retryable = options.retryable ?? false;
  }
}

export interface VoxdErrorOptions {
  /** Whether repeating the failed operation may succeed (a dropped socket) or not (bad credentials). @default false */
  readonly retryable?: boolean;
  readonly cause?: unknown;
}

/** Wraps whatever a `catch` caught into an `Error`, so nothing ever throws or logs a bare string. */
export function toError(value: unknown): Error {
  if (value instanceof Error) return value;
  return new Error(typeof value === 'string' ? value : JSON.stringify(value));
}
