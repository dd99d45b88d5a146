import { describe, expect, it } from 'vitest';

import { isBase64, isBase64Portable } from '../src/base64.js';

describe('isBase64', () => {
  it.each([
    ['', true],
    ['AAAA', true],
    ['AAA=', true],
    ['AA==', true],
    ['AAAAAA==', true],
    ['+/+/', true],
    ['AAA', false],
    ['AB!D', false],
    ['AB D', false],
    ['AAA\n', false],
    ['AB-_', false],
    ['AB==AAAA', false],
    ['AA=A', false],
    ['A===', false],
    ['====', false],
    ['ABCé', false],
    ['AB😀', false],
  ])('%j → %s, natively and by regex', (text, valid) => {
    expect(isBase64(text)).toBe(valid);
    expect(isBase64Portable(text)).toBe(valid);
  });

  it('agrees with the regex on real encoder output of every length', () => {
    for (let length = 0; length < 64; length++) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 151 + length) & 0xff);
      const text = Buffer.from(bytes).toString('base64');
      expect([isBase64(text), isBase64Portable(text)]).toEqual([true, true]);
      const broken = `${text.slice(0, -1)}*`;
      if (text.length > 0)
        expect([isBase64(broken), isBase64Portable(broken)]).toEqual([false, false]);
    }
  });

  it('checks frames larger than the native scratch buffer too', () => {
    const text = 'QUJD'.repeat(64 * 1024); // 192 KiB of decoded bytes
    expect(isBase64(text)).toBe(true);
    expect(isBase64(`${text.slice(0, -4)}QU-D`)).toBe(false);
    expect(isBase64(`${text.slice(0, -4)}QU D`)).toBe(false);
  });
});
