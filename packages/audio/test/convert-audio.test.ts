import { describe, expect, it } from 'vitest';

import { G711_ALAW, G711_ULAW, PCM16_16K, PCM16_24K } from '../src/audio-format.js';
import { decodeToSamples } from '../src/codec.js';
import { convertAudio } from '../src/convert-audio.js';
import { tone } from '../src/generators.js';
import { toneAmplitude, zeroCrossings } from './signal.js';

describe('convertAudio', () => {
  it('converts 24 kHz PCM16 to 8 kHz µ-law and back, keeping a 1 kHz tone', async () => {
    const input = tone(PCM16_24K, { frequencyHz: 1000, durationMs: 200 });
    const ulaw = await convertAudio(input, PCM16_24K, G711_ULAW);
    expect(ulaw.length).toBe(1600);
    const back = await convertAudio(ulaw, G711_ULAW, PCM16_24K);
    expect(back.length).toBe(input.length);
    const samples = decodeToSamples(back, 'pcm16').subarray(1200, 3600);
    expect(zeroCrossings(samples)).toBeGreaterThanOrEqual(198);
    expect(zeroCrossings(samples)).toBeLessThanOrEqual(202);
    expect(20 * Math.log10(toneAmplitude(samples, 24000, 1000) / 16383.5)).toBeGreaterThan(-1);
  });

  it('transcodes A-law to µ-law without resampling and copies same-format input', async () => {
    const alaw = tone(G711_ALAW, { frequencyHz: 500, durationMs: 50 });
    const ulaw = await convertAudio(alaw, G711_ALAW, G711_ULAW);
    expect(ulaw.length).toBe(alaw.length);
    const copy = await convertAudio(alaw, G711_ALAW, G711_ALAW);
    expect(copy).toEqual(alaw);
    expect(copy.buffer).not.toBe(alaw.buffer);
  });

  it('rejects PCM16 input of odd length', async () => {
    await expect(convertAudio(new Uint8Array(3), PCM16_16K, PCM16_24K)).rejects.toMatchObject({
      code: 'E_AUDIO_PARTIAL_SAMPLE',
    });
  });
});
