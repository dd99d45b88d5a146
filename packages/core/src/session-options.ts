import { CoreError } from './core-error.js';

/**
 * Checks a numeric `createSession` option.
 *
 * @throws {CoreError} `E_INVALID_OPTION` naming the option and the value.
 */
export function assertDuration(name: string, value: number, allowZero = false): void {
  const ok = Number.isFinite(value) && (allowZero ? value >= 0 : value > 0);
  if (ok) return;
  throw new CoreError(
    'E_INVALID_OPTION',
    `createSession option ${name} must be a ${allowZero ? 'non-negative' : 'positive'} number of ms, got ${String(value)}`,
  );
}
