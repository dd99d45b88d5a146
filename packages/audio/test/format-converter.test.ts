import { Buffer } from 'node:buffer';

import { describe, expect, it } from 'vitest';

import { G711_ALAW, G711_ULAW, PCM16_16K, PCM16_24K } from '../src/audio-format.js';
import { AudioError } from '../src/audio-error.js';
import { decodeToSamples } from '../src/codec.js';
import { convertAudio } from '../src/convert-audio.js';
import { createFormatConverter } from '../src/format-converter.js';
import { tone } from '../src/generators.js';
import { catchError } from './catch-error.js';
import { toneAmplitude } from './signal.js';

function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** Feeds `data` in chunks of the given sizes (cycled), then flushes. */
function streamThrough(
  converter: { process(d: Uint8Array): Uint8Array; flush(): Uint8Array },
  data: Uint8Array,
  sizes: readonly number[],
): Uint8Array {
  const parts: Uint8Array[] = [];
  for (let offset = 0, i = 0; offset < data.length; i++) {
    const size = sizes[i % sizes.length]!;
    parts.push(converter.process(data.subarray(offset, offset + size)));
    offset += size;
  }
  parts.push(converter.flush());
  return concatBytes(parts);
}

describe('createFormatConverter', () => {
  it('streams RTP-sized µ-law payloads to 24 kHz PCM16 exactly like the one-shot conversion', async () => {
    const ulaw = tone(G711_ULAW, { frequencyHz: 700, durationMs: 300 });
    const converter = await createFormatConverter({ from: G711_ULAW, to: PCM16_24K });
    const streamed = streamThrough(converter, ulaw, [160, 160, 80, 3]);
    converter.dispose();
    const oneShot = await convertAudio(ulaw, G711_ULAW, PCM16_24K);
    expect(streamed.length).toBe(ulaw.length * 6);
    expect(Buffer.compare(streamed, oneShot)).toBe(0);
  });

  it('carries half a PCM16 sample across chunks split at odd byte offsets', async () => {
    const pcm = tone(PCM16_24K, { frequencyHz: 1000, durationMs: 200 });
    const converter = await createFormatConverter({ from: PCM16_24K, to: G711_ALAW });
    const streamed = streamThrough(converter, pcm, [1, 961, 33, 1000, 7]);
    converter.dispose();
    const oneShot = await convertAudio(pcm, PCM16_24K, G711_ALAW);
    expect(Buffer.compare(streamed, oneShot)).toBe(0);
    const samples = decodeToSamples(streamed, 'g711_alaw').subarray(200, 1400);
    expect(toneAmplitude(samples, 8000, 1000)).toBeGreaterThan(16383.5 * 0.89); // within 1 dB
  });

  it('changes only the rate for PCM16 → PCM16', async () => {
    const converter = await createFormatConverter({ from: PCM16_16K, to: PCM16_24K });
    const out = streamThrough(
      converter,
      tone(PCM16_16K, { frequencyHz: 500, durationMs: 100 }),
      [640],
    );
    expect(out.length).toBe(4800);
  });

  it('reports a stream that ends inside a sample, then starts over cleanly', async () => {
    const converter = await createFormatConverter({ from: PCM16_16K, to: G711_ULAW });
    converter.process(new Uint8Array(641));
    const error = catchError(() => converter.flush());
    expect(error).toBeInstanceOf(AudioError);
    expect(error).toMatchObject({
      code: 'E_AUDIO_PARTIAL_SAMPLE',
      message: 'pcm16 stream ended inside a sample: 1 byte of a 2-byte sample left over',
    });
    const again = streamThrough(converter, new Uint8Array(640), [640]);
    expect(again.length).toBe(160);
    converter.dispose();
  });

  it('passes data through untouched when the formats are equal', async () => {
    const converter = await createFormatConverter({ from: G711_ULAW, to: G711_ULAW });
    const data = Uint8Array.of(1, 2, 3);
    expect(converter.process(data)).toBe(data);
    expect(converter.flush().length).toBe(0);
    converter.dispose();
  });
});
