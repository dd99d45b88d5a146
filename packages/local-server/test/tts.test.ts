import { beforeAll, describe, expect, it } from 'vitest';

import { createVad } from '../src/vad/index.js';
import {
  createTts,
  loadEspeakEngine,
  MAX_ESPEAK_TEXT_BYTES,
  resolveEspeakVoice,
  splitSentences,
  TtsError,
} from '../src/tts/index.js';
import type { Tts } from '../src/tts/index.js';

const TEXT = 'Hello, what is the weather in Oslo today?';

function rmsDbfs(samples: Int16Array): number {
  let sum = 0;
  for (const x of samples) sum += x * x;
  return 10 * Math.log10(sum / samples.length / 32768 ** 2);
}

let tts: Tts;
beforeAll(async () => {
  tts = await createTts();
}, 60_000);

// The first syntheses run cold wasm (a few × real time) and CI runs packages in parallel: generous
// timeouts; nothing here asserts on time.
describe('createTts (espeak-ng wasm)', { timeout: 60_000 }, () => {
  it('speaks: non-silent, with a duration plausible for the text', async () => {
    const samples = await tts.synthesize(TEXT, { sampleRate: 24000 });
    const seconds = samples.length / 24000;
    // 8 words: between 0.15 and 0.6 s a word, plus espeak's own short lead-in and tail.
    expect(seconds).toBeGreaterThan(8 * 0.15);
    expect(seconds).toBeLessThan(8 * 0.6 + 1);
    expect(rmsDbfs(samples)).toBeGreaterThan(-35);
  });

  it('gives identical samples for the same text, voice and rate', async () => {
    const a = await tts.synthesize(TEXT, { sampleRate: 16000 });
    await tts.synthesize('Something else.', {
      sampleRate: 16000,
      voice: 'de',
    });
    const b = await tts.synthesize(TEXT, { sampleRate: 16000 });
    expect(b).toEqual(a);
    const tts2 = await createTts();
    expect(await tts2.synthesize(TEXT, { sampleRate: 16000 })).toEqual(a);
  });

  it('stays deterministic when calls overlap', async () => {
    const texts = ['One. Two. Three.', 'Four, five.', 'Six seven eight nine ten.'];
    const alone = [];
    for (const text of texts) alone.push(await tts.synthesize(text, { sampleRate: 8000 }));
    const together = await Promise.all(texts.map((t) => tts.synthesize(t, { sampleRate: 8000 })));
    expect(together).toEqual(alone);
  });

  it('produces each rate with a proportional length', async () => {
    const [r8, r16, r24] = await Promise.all(
      ([8000, 16000, 24000] as const).map((sampleRate) => tts.synthesize(TEXT, { sampleRate })),
    );
    const seconds = (r24?.length ?? 0) / 24000;
    expect(Math.abs((r8?.length ?? 0) / 8000 - seconds)).toBeLessThan(0.01);
    expect(Math.abs((r16?.length ?? 0) / 16000 - seconds)).toBeLessThan(0.01);
  });

  it('is speech to the VAD: one segment covering most of the audio', async () => {
    const samples = await tts.synthesize(TEXT, { sampleRate: 16000 });
    const padded = new Int16Array(samples.length + 16000);
    padded.set(samples);
    const events = createVad({
      type: 'server_vad',
      threshold: 0.5,
      prefixPaddingMs: 300,
      silenceDurationMs: 500,
      sampleRate: 16000,
    }).process(padded);
    expect(events.map((e) => e.type)).toEqual(['speech_started', 'speech_stopped']);
    const [start, stop] = events;
    if (start?.type !== 'speech_started' || stop?.type !== 'speech_stopped') throw new Error();
    expect(stop.speechEndMs - start.speechStartMs).toBeGreaterThan(0.7 * (samples.length / 16));
  });

  it('speaks different voices differently, and unknown voices as the default', async () => {
    const base = await tts.synthesize(TEXT, { sampleRate: 16000 });
    const shimmer = await tts.synthesize(TEXT, { sampleRate: 16000, voice: 'shimmer' });
    const unknown = await tts.synthesize(TEXT, { sampleRate: 16000, voice: 'no-such-voice' });
    expect(shimmer).not.toEqual(base);
    expect(unknown).toEqual(base);
  });

  it('speaks several sentences, long text and blank text', async () => {
    expect(await tts.synthesize('  \n ', { sampleRate: 16000 })).toHaveLength(0);
    const one = await tts.synthesize('First sentence.', { sampleRate: 16000 });
    const two = await tts.synthesize('First sentence. Second one!', { sampleRate: 16000 });
    expect(two.length).toBeGreaterThan(one.length);
    // A NUL would end espeak's C string: it is spoken as a space.
    const withNul = await tts.synthesize('First\u0000sentence.', { sampleRate: 16000 });
    expect(withNul).toEqual(one);
    // One espeak call takes at most MAX_ESPEAK_TEXT_BYTES (synthesize() cuts longer text first).
    const engine = await loadEspeakEngine();
    expect(() => engine.synthesize('a'.repeat(MAX_ESPEAK_TEXT_BYTES + 1), 'en-us')).toThrow(
      expect.objectContaining({ code: 'E_TTS_INPUT' }),
    );
  });

  it('rejects a bad rate or text with TtsError E_TTS_INPUT', async () => {
    await expect(tts.synthesize(TEXT, { sampleRate: 44100 as 24000 })).rejects.toThrow(
      expect.objectContaining({ code: 'E_TTS_INPUT', message: expect.stringMatching(/44100/) }),
    );
    await expect(tts.synthesize(42 as unknown as string, { sampleRate: 16000 })).rejects.toThrow(
      TtsError,
    );
  });
});

describe('resolveEspeakVoice', { timeout: 60_000 }, () => {
  it('maps espeak, OpenAI and Azure voice names', async () => {
    const engine = await loadEspeakEngine();
    const has = (name: string): boolean => engine.hasVoice(name);
    expect(resolveEspeakVoice(undefined, has)).toBe('en-us');
    expect(resolveEspeakVoice('de', has)).toBe('de');
    expect(resolveEspeakVoice('en-us+f3', has)).toBe('en-us+f3');
    expect(resolveEspeakVoice('alloy', has)).toBe('en-us');
    expect(resolveEspeakVoice('shimmer', has)).toBe('en-us+f3');
    expect(resolveEspeakVoice('de-DE-KatjaNeural', has)).toBe('de');
    // espeak's British English voice is plain `en`.
    expect(resolveEspeakVoice('en-GB-SoniaNeural', has)).toBe('en');
    expect(resolveEspeakVoice('fr-FR-DeniseNeural', has)).toMatch(/^fr/);
    expect(resolveEspeakVoice('zz-ZZ-Nobody', has)).toBe('en-us');
    expect(resolveEspeakVoice('no-such-voice', has)).toBe('en-us');
    expect(resolveEspeakVoice('en-US-Ava:DragonHDLatestNeural', has)).toBe('en-us');
  });
});

describe('splitSentences', () => {
  it('splits at sentence ends and line breaks, and caps the length', () => {
    expect(splitSentences('Hi. How are you?\nFine!  ')).toEqual(['Hi.', 'How are you?', 'Fine!']);
    expect(splitSentences('at 10:30 sharp')).toEqual(['at 10:30 sharp']);
    expect(splitSentences('aaa bbb ccc', 7)).toEqual(['aaa bbb', 'ccc']);
    expect(splitSentences('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
    expect(splitSentences('ééé', 4)).toEqual(['éé', 'é']);
  });
});
