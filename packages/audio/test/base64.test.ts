import { Buffer } from 'node:buffer';

import { describe, expect, it } from 'vitest';

import { AudioError } from '../src/audio-error.js';
import { decodeBase64, encodeBase64 } from '../src/base64.js';
import { catchError } from './catch-error.js';

function bytesOf(length: number, seed = 7): Uint8Array {
  const bytes = new Uint8Array(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    bytes[i] = x >>> 24;
  }
  return bytes;
}

function decodeError(text: string): AudioError {
  const error = catchError(() => decodeBase64(text));
  expect(error).toBeInstanceOf(AudioError);
  return error as AudioError;
}

describe('base64', () => {
  it('matches RFC 4648 test vectors', () => {
    const vectors: [string, string][] = [
      ['', ''],
      ['f', 'Zg=='],
      ['fo', 'Zm8='],
      ['foo', 'Zm9v'],
      ['foob', 'Zm9vYg=='],
      ['fooba', 'Zm9vYmE='],
      ['foobar', 'Zm9vYmFy'],
    ];
    for (const [plain, encoded] of vectors) {
      const bytes = new TextEncoder().encode(plain);
      expect(encodeBase64(bytes)).toBe(encoded);
      expect(Array.from(decodeBase64(encoded))).toEqual(Array.from(bytes));
    }
  });

  it('round-trips every length up to 64 and a 1 MiB block', () => {
    for (let length = 0; length <= 64; length++) {
      const bytes = bytesOf(length, length + 1);
      expect(Array.from(decodeBase64(encodeBase64(bytes)))).toEqual(Array.from(bytes));
    }
    const big = bytesOf(1 << 20);
    expect(Buffer.compare(decodeBase64(encodeBase64(big)), big)).toBe(0);
  });

  it('encodes only the viewed bytes of a subarray', () => {
    const whole = new TextEncoder().encode('xxfooyy');
    expect(encodeBase64(whole.subarray(2, 5))).toBe('Zm9v');
  });

  it('accepts missing padding', () => {
    expect(new TextDecoder().decode(decodeBase64('Zm9vYg'))).toBe('foob');
    expect(new TextDecoder().decode(decodeBase64('Zm9vYmE'))).toBe('fooba');
  });

  it('rejects characters outside the standard alphabet, naming the first and its offset', () => {
    const cases: [string, string][] = [
      ['Zm9v#mFy', 'character "#" at offset 4'],
      ['Zm9v YmFy', 'character " " at offset 4'],
      ['Zm9vYmFy\n', 'character "\\n" at offset 8'],
      ['Zm9-YmFy', 'character "-" at offset 3'],
      ['Zm9_YmFy', 'character "_" at offset 3'],
      ['Zg==Zm9v', 'character "=" at offset 2'],
      ['Zm9vYmF€', 'character "€" at offset 7'],
    ];
    for (const [text, expected] of cases) {
      const error = decodeError(text);
      expect(error.code).toBe('E_AUDIO_BASE64');
      expect(error.message).toContain(expected);
    }
  });

  it('rejects impossible lengths and excess padding', () => {
    expect(decodeError('Zm9vY').message).toContain('length 5');
    expect(decodeError('Zg=').message).toContain('length 3');
    expect(decodeError('Zg===').message).toContain("3 '=' padding");
    expect(decodeError('=').code).toBe('E_AUDIO_BASE64');
  });
});
