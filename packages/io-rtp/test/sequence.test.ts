import { describe, expect, it } from 'vitest';

import { extendSequence, timestampDelta } from '../src/sequence.js';

describe('extendSequence', () => {
  it('continues upwards across the 16-bit wrap', () => {
    expect(extendSequence(65535, 0)).toBe(65536);
    expect(extendSequence(65536 * 3 + 65534, 2)).toBe(65536 * 4 + 2);
  });

  it('keeps a reordered packet from before the wrap below', () => {
    expect(extendSequence(65536 + 1, 65535)).toBe(65535);
  });

  it('moves by the nearest distance', () => {
    expect(extendSequence(70000, 70000 & 0xffff)).toBe(70000);
    expect(extendSequence(70000, (70000 + 100) & 0xffff)).toBe(70100);
    expect(extendSequence(70000, (70000 - 100) & 0xffff)).toBe(69900);
  });
});

describe('timestampDelta', () => {
  it('is signed and correct across the 32-bit wrap', () => {
    expect(timestampDelta(80, 2 ** 32 - 80)).toBe(160);
    expect(timestampDelta(2 ** 32 - 80, 80)).toBe(-160);
    expect(timestampDelta(1000, 840)).toBe(160);
  });
});
