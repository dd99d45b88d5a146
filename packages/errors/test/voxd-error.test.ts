import { describe, expect, it } from 'vitest';

import { VoxdError, toError } from '../src/index.js';

class WavError extends VoxdError<'E_WAV_CORRUPT'> {}

describe('VoxdError', () => {
  it('carries code, subclass name, retryable and cause', () => {
    const cause = new Error('short read');
    const error = new WavError('E_WAV_CORRUPT', 'bad header', { cause, retryable: true });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('WavError');
    expect(error.code).toBe('E_WAV_CORRUPT');
    expect(error.retryable).toBe(true);
    expect(error.cause).toBe(cause);
  });

  it('is not retryable by default', () => {
    expect(new VoxdError('E_X', 'x').retryable).toBe(false);
  });

  it('toError wraps non-errors', () => {
    expect(toError('boom').message).toBe('boom');
    expect(toError({ a: 1 }).message).toBe('{"a":1}');
    const e = new Error('kept');
    expect(toError(e)).toBe(e);
  });
});
