// Reads the fixture WAV's PCM16 samples (the k6 script skips a fixed 44-byte header; this walks the
// RIFF chunks, so a fixture with extra chunks still works) and cuts it into 100 ms appends.
import { Buffer } from 'node:buffer';
import { readFileSync } from 'node:fs';

/** 24 kHz mono PCM16: what the scenario's session.update declares. */
export const SAMPLE_RATE = 24_000;
export const CHUNK_MS = 100;
export const CHUNK_BYTES = (SAMPLE_RATE * 2 * CHUNK_MS) / 1000;

/** The fixture's audio as base64 100 ms chunks, plus one chunk of silence. */
export function loadFixtureChunks(path) {
  const bytes = readFileSync(path);
  if (bytes.toString('ascii', 0, 4) !== 'RIFF' || bytes.toString('ascii', 8, 12) !== 'WAVE') {
    throw new Error(`${path}: not a RIFF/WAVE file`);
  }
  let offset = 12;
  let format;
  while (offset + 8 <= bytes.length) {
    const id = bytes.toString('ascii', offset, offset + 4);
    const size = bytes.readUInt32LE(offset + 4);
    const body = offset + 8;
    if (id === 'fmt ') {
      format = {
        tag: bytes.readUInt16LE(body),
        channels: bytes.readUInt16LE(body + 2),
        rate: bytes.readUInt32LE(body + 4),
        bits: bytes.readUInt16LE(body + 14),
      };
    } else if (id === 'data') {
      if (
        format?.tag !== 1 ||
        format.channels !== 1 ||
        format.rate !== SAMPLE_RATE ||
        format.bits !== 16
      ) {
        throw new Error(`${path}: need 24 kHz mono PCM16, got ${JSON.stringify(format)}`);
      }
      const pcm = bytes.subarray(body, Math.min(body + size, bytes.length));
      const chunks = [];
      for (let at = 0; at + CHUNK_BYTES <= pcm.length; at += CHUNK_BYTES) {
        chunks.push(pcm.subarray(at, at + CHUNK_BYTES).toString('base64'));
      }
      return {
        chunks,
        silence: Buffer.alloc(CHUNK_BYTES).toString('base64'),
        audioMs: chunks.length * CHUNK_MS,
      };
    }
    offset = body + size + (size % 2);
  }
  throw new Error(`${path}: no data chunk`);
}
