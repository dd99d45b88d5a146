import { describe, expect, it } from 'vitest';

import { formatVoiceLiveFeatures, parseVoiceLiveFeatures } from '../src/voice-live-features.js';

describe('VoiceLive-Features header', () => {
  it('reads comma-separated Key=Value pairs, spaces and order irrelevant', () => {
    const a = parseVoiceLiveFeatures(
      'BargeIn=V1Preview, Transcription=V1Preview,CustomVoice=V1Preview',
    );
    const b = parseVoiceLiveFeatures(
      ' CustomVoice = V1Preview ,Transcription=V1Preview, BargeIn=V1Preview,',
    );
    expect(a).toEqual({
      ok: true,
      features: { BargeIn: 'V1Preview', Transcription: 'V1Preview', CustomVoice: 'V1Preview' },
    });
    expect(b).toEqual(a);
    expect(parseVoiceLiveFeatures('')).toEqual({ ok: true, features: {} });
  });

  it('refuses pairs without a value, non-token names and conflicting repeats', () => {
    for (const [value, message] of [
      ['BargeIn', /no value/],
      ['=V1Preview', /not a token/],
      ['Barge In=V1Preview', /not a token/],
      ['BargeIn=V1Preview, BargeIn=V2Preview', /given twice/],
    ] as const) {
      const parsed = parseVoiceLiveFeatures(value);
      expect(parsed.ok, value).toBe(false);
      if (!parsed.ok) {
        expect(parsed.error.code).toBe('E_PROTOCOL_INVALID_FIELD');
        expect(parsed.error.param).toBe('VoiceLive-Features');
        expect(parsed.error.message).toMatch(message);
      }
    }
    expect(parseVoiceLiveFeatures('BargeIn=V1Preview,BargeIn=V1Preview').ok).toBe(true);
  });

  it('produces a header that parses back to the same set', () => {
    const features = { Transcription: 'V1Preview', BargeIn: 'V1Preview' };
    const header = formatVoiceLiveFeatures(features);
    expect(header).toBe('BargeIn=V1Preview, Transcription=V1Preview');
    expect(parseVoiceLiveFeatures(header ?? '')).toEqual({ ok: true, features });
    expect(formatVoiceLiveFeatures({})).toBeUndefined();
    expect(() => formatVoiceLiveFeatures({ 'a,b': 'x' })).toThrow(/tokens/);
  });
});
