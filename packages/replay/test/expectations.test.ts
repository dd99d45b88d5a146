import { describe, expect, it } from 'vitest';

import { jsonSubset } from '../src/index.js';

describe('jsonSubset', () => {
  it('matches objects by key (extra keys allowed), arrays element-wise, scalars exactly', () => {
    expect(jsonSubset({ city: 'Oslo' }, { city: 'Oslo', unit: 'c' })).toBe(true);
    expect(jsonSubset({ city: 'Oslo' }, { city: 'Bergen' })).toBe(false);
    expect(jsonSubset({ a: { b: [1, 2] } }, { a: { b: [1, 2], c: 3 } })).toBe(true);
    expect(jsonSubset({ a: [1] }, { a: [1, 2] })).toBe(false);
    expect(jsonSubset({ n: 1 }, { n: '1' })).toBe(false);
    expect(jsonSubset({ x: null }, {})).toBe(false);
  });
});
