import type { WireAudioFormat } from './wire-audio.js';
import { encodeAudio } from './wire-audio.js';

/** One `response.audio.delta` payload, encoded once. */
export interface AudioChunk {
  readonly base64: string;
  readonly bytes: Uint8Array;
  readonly samples: number;
  readonly durationMs: number;
}

export const CHUNK_MS = 100;
const MIN_CHUNK_MS = 50;

/**
 * Cuts `samples` into 100 ms deltas of whole samples; a tail shorter than 50 ms joins the delta
 * before it (so every delta is 50–150 ms, as Appendix A.7 asks), and encodes each one once.
 */
export function chunkAudio(samples: Int16Array, format: WireAudioFormat): AudioChunk[] {
  // Responders and the speaker hand out the same arrays for the same audio: encode them once.
  const key = `${format.encoding}:${format.sampleRate}`;
  let byFormat = encoded.get(samples);
  const known = byFormat?.get(key);
  if (known !== undefined) return known;
  const chunks = encodeChunks(samples, format);
  if (byFormat === undefined) {
    byFormat = new Map<string, AudioChunk[]>();
    encoded.set(samples, byFormat);
  }
  byFormat.set(key, chunks);
  return chunks;
}

const encoded = new WeakMap<Int16Array, Map<string, AudioChunk[]>>();

function encodeChunks(samples: Int16Array, format: WireAudioFormat): AudioChunk[] {
  const perChunk = Math.round((format.sampleRate * CHUNK_MS) / 1000);
  const minTail = Math.round((format.sampleRate * MIN_CHUNK_MS) / 1000);
  const bounds: [number, number][] = [];
  for (let start = 0; start < samples.length; start += perChunk) {
    bounds.push([start, Math.min(samples.length, start + perChunk)]);
  }
  const last = bounds.at(-1);
  if (bounds.length > 1 && last !== undefined && last[1] - last[0] < minTail) {
    bounds.pop();
    const previous = bounds.at(-1);
    if (previous !== undefined) previous[1] = last[1];
  }
  return bounds.map(([start, end]) => {
    const bytes = encodeAudio(samples.subarray(start, end), format);
    return {
      bytes,
      base64: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64'),
      samples: end - start,
      durationMs: ((end - start) * 1000) / format.sampleRate,
    };
  });
}

/**
 * Splits `text` into `count` pieces at word boundaries (spaces stay with the following word) that
 * concatenate back to `text` exactly. Pieces may be empty when there are fewer words than pieces.
 */
export function splitText(text: string, count: number): string[] {
  const words = text.match(/\s*\S+/g) ?? [];
  const trailing = text.slice(words.join('').length);
  const pieces: string[] = Array.from({ length: Math.max(1, count) }, () => '');
  words.forEach((word, index) => {
    const slot = Math.min(
      pieces.length - 1,
      Math.floor((index * pieces.length) / Math.max(1, words.length)),
    );
    pieces[slot] += word;
  });
  pieces[pieces.length - 1] += trailing;
  return pieces;
}

/** The first `fraction` of `text`, cut at a word boundary. */
export function truncateText(text: string, fraction: number): string {
  if (fraction >= 1) return text;
  const cut = Math.round(text.length * Math.max(0, fraction));
  const boundary = text.lastIndexOf(' ', cut);
  return text.slice(0, boundary > 0 ? boundary : cut);
}
