import { describe, expect, it } from 'vitest';

import { didYouMean } from '../src/did-you-mean.js';

describe('didYouMean', () => {
  const keys = ['turn_detection', 'temperature', 'tools', 'tool_choice', 'voice'];

  it('finds typos: missing, extra, swapped letters, case and - for _', () => {
    expect(didYouMean('turn_detecton', keys)).toBe('turn_detection');
    expect(didYouMean('temprature', keys)).toBe('temperature');
    expect(didYouMean('vioce', keys)).toBe('voice');
    expect(didYouMean('Turn-Detection', keys)).toBe('turn_detection');
    expect(didYouMean('tool', keys)).toBe('tools');
  });

  it('stays quiet when nothing is close', () => {
    expect(didYouMean('speaker', keys)).toBeUndefined();
    expect(didYouMean('x', [])).toBeUndefined();
  });
});
