import type { AudioEncoding, AudioFormat, SampleRate } from './audio-format.js';
import {
  WAVE_FORMAT_ALAW,
  WAVE_FORMAT_EXTENSIBLE,
  WAVE_FORMAT_MULAW,
  WAVE_FORMAT_PCM,
} from './wav-header.js';
import { WavError } from './wav-error.js';

/** What {@link parseWavHeader} learned about a WAV file. */
export interface WavInfo {
  readonly format: AudioFormat;
  /** Offset of the first audio byte in the bytes given to `parseWavHeader`. */
  readonly dataOffset: number;
  /** Whole-sample audio bytes present from `dataOffset` (never more than the data chunk declares). */
  readonly dataLength: number;
  /**
   * The data chunk's size field as written. Larger than `dataLength` for a truncated file;
   * `0` or `0xFFFFFFFF` from a streaming writer that never patched it (then `dataLength` runs to
   * the end of the bytes).
   */
  readonly declaredDataLength: number;
  /**
   * `complete`: the data chunk is all there; `truncated`: fewer bytes follow than declared;
   * `unsized`: the size field is 0 or 0xFFFFFFFF and the data was taken to the end.
   */
  readonly dataStatus: 'complete' | 'truncated' | 'unsized';
  /** Duration of `dataLength` bytes. */
  readonly durationMs: number;
  /**
   * Set when the file was accepted despite a flaw, to log as is, e.g. "data chunk declares 96000
   * bytes but only 1200 follow".
   */
  readonly warning?: string;
}

const SUPPORTED_PCM_RATES: readonly SampleRate[] = [8000, 16000, 24000];
const FORMAT_TAG_NAMES: Readonly<Record<number, string>> = {
  0x0002: 'Microsoft ADPCM',
  0x0003: 'IEEE float',
  0x0011: 'IMA ADPCM',
  0x0031: 'GSM 6.10',
  0x0055: 'MPEG Layer 3',
};
// The 14 bytes after the format tag in a WAVE_FORMAT_EXTENSIBLE subformat GUID (KSDATAFORMAT_SUBTYPE_*).
const GUID_SUFFIX = [
  0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71,
];

interface FmtChunk {
  readonly tag: number;
  readonly channels: number;
  readonly sampleRate: number;
  readonly blockAlign: number;
  readonly bitsPerSample: number;
}

/**
 * Reads the header of a RIFF/WAVE file: walks the chunks (skipping `LIST`, `fact` and any other,
 * with RIFF's pad byte after odd-sized chunks), reads `fmt ` and locates `data`. Accepts PCM
 * (tag 1), A-law (6), µ-law (7) and WAVE_FORMAT_EXTENSIBLE with one of those subformats.
 *
 * Pass the whole file, or at least a prefix that contains the header: with a prefix, `dataLength`
 * counts only the data bytes in it and `dataStatus` is `truncated`.
 *
 * @throws {WavError} `E_WAV_CORRUPT` (not a WAV file, inconsistent fields), `E_WAV_UNSUPPORTED`
 *   (stereo, 24-bit, 44.1 kHz, float…), `E_WAV_TRUNCATED` (bytes end inside the header). The
 *   message names exactly what is wrong.
 */
export function parseWavHeader(bytes: Uint8Array): WavInfo {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  checkRiff(bytes);
  let fmt: FmtChunk | undefined;
  let offset = 12;
  for (;;) {
    if (offset + 8 > bytes.length) {
      const missing = fmt === undefined ? 'fmt chunk missing' : 'data chunk missing';
      const code = offset >= bytes.length ? 'E_WAV_CORRUPT' : 'E_WAV_TRUNCATED';
      throw new WavError(code, `${missing} (chunks end at byte ${offset} of ${bytes.length})`);
    }
    const id = fourCc(bytes, offset);
    const size = view.getUint32(offset + 4, true);
    const body = offset + 8;
    if (!/^[\x20-\x7e]{4}$/.test(id)) {
      throw new WavError(
        'E_WAV_CORRUPT',
        `invalid chunk id ${describeFourCc(bytes, offset)} at byte ${offset}`,
      );
    }
    if (id === 'data') {
      if (fmt === undefined)
        throw new WavError('E_WAV_CORRUPT', 'fmt chunk missing before the data chunk');
      return dataInfo(toFormat(fmt), { fmt, bytes, body, size });
    }
    if (body + size > bytes.length) {
      throw new WavError(
        'E_WAV_TRUNCATED',
        `${quote(id)} chunk at byte ${offset} declares ${size} bytes but only ${bytes.length - body} follow`,
      );
    }
    if (id === 'fmt ') fmt = readFmt(bytes, body, size);
    offset = nextChunkOffset(bytes, body, size);
  }
}

function checkRiff(bytes: Uint8Array): void {
  if (bytes.length >= 4) {
    const magic = fourCc(bytes, 0);
    if (magic === 'RIFX')
      throw new WavError('E_WAV_UNSUPPORTED', 'big-endian RIFX WAV not supported');
    if (magic === 'RF64')
      throw new WavError('E_WAV_UNSUPPORTED', 'RF64 (64-bit WAV) not supported');
    if (magic !== 'RIFF') {
      throw new WavError(
        'E_WAV_CORRUPT',
        `not a RIFF file (starts with ${describeFourCc(bytes, 0)})`,
      );
    }
  }
  if (bytes.length < 12) {
    throw new WavError(
      'E_WAV_TRUNCATED',
      `file is ${bytes.length} bytes, shorter than the 12-byte RIFF header`,
    );
  }
  const form = fourCc(bytes, 8);
  if (form !== 'WAVE') {
    throw new WavError(
      'E_WAV_CORRUPT',
      `not a WAVE file (RIFF form type ${describeFourCc(bytes, 8)})`,
    );
  }
}

/**
 * RIFF pads odd-sized chunks to an even offset, but some writers forget the pad byte. When the
 * padded offset does not start a plausible chunk id and the unpadded one does, trust the writer.
 */
function nextChunkOffset(bytes: Uint8Array, body: number, size: number): number {
  const unpadded = body + size;
  if (size % 2 === 0) return unpadded;
  const padded = unpadded + 1;
  if (!looksLikeChunkId(bytes, padded) && looksLikeChunkId(bytes, unpadded)) return unpadded;
  return padded;
}

function looksLikeChunkId(bytes: Uint8Array, offset: number): boolean {
  if (offset + 4 > bytes.length) return false;
  for (let i = offset; i < offset + 4; i++) {
    const c = bytes[i] ?? 0;
    if (c < 0x20 || c > 0x7e) return false;
  }
  return true;
}

function readFmt(bytes: Uint8Array, body: number, size: number): FmtChunk {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (size < 16)
    throw new WavError('E_WAV_CORRUPT', `fmt chunk is ${size} bytes (needs at least 16)`);
  let tag = view.getUint16(body, true);
  if (tag === WAVE_FORMAT_EXTENSIBLE) {
    if (size < 40) {
      throw new WavError(
        'E_WAV_CORRUPT',
        `WAVE_FORMAT_EXTENSIBLE fmt chunk is ${size} bytes (needs 40)`,
      );
    }
    const subTag = view.getUint16(body + 24, true);
    const suffixMatches = GUID_SUFFIX.every((b, i) => bytes[body + 26 + i] === b);
    if (!suffixMatches) {
      throw new WavError(
        'E_WAV_UNSUPPORTED',
        'WAVE_FORMAT_EXTENSIBLE subformat is not a WAVE format tag GUID',
      );
    }
    tag = subTag;
  }
  return {
    tag,
    channels: view.getUint16(body + 2, true),
    sampleRate: view.getUint32(body + 4, true),
    blockAlign: view.getUint16(body + 12, true),
    bitsPerSample: view.getUint16(body + 14, true),
  };
}

function toFormat(fmt: FmtChunk): AudioFormat {
  const encoding = toEncoding(fmt.tag);
  if (fmt.channels === 0) throw new WavError('E_WAV_CORRUPT', 'fmt chunk declares 0 channels');
  if (fmt.channels === 2)
    throw new WavError('E_WAV_UNSUPPORTED', 'stereo not supported (mono only)');
  if (fmt.channels > 2) {
    throw new WavError('E_WAV_UNSUPPORTED', `${fmt.channels} channels not supported (mono only)`);
  }
  const expectedBits = encoding === 'pcm16' ? 16 : 8;
  if (fmt.bitsPerSample !== expectedBits) {
    if (encoding === 'pcm16') {
      throw new WavError(
        'E_WAV_UNSUPPORTED',
        `${fmt.bitsPerSample}-bit samples not supported (16-bit only)`,
      );
    }
    throw new WavError(
      'E_WAV_CORRUPT',
      `${encodingName(encoding)} must have 8 bits per sample, fmt chunk declares ${fmt.bitsPerSample}`,
    );
  }
  if (fmt.blockAlign !== expectedBits / 8) {
    throw new WavError(
      'E_WAV_CORRUPT',
      `block align ${fmt.blockAlign} does not match 1 channel of ${expectedBits}-bit samples (${expectedBits / 8})`,
    );
  }
  const sampleRate = toSampleRate(fmt.sampleRate, encoding);
  return { encoding, sampleRate, channels: 1 };
}

function toEncoding(tag: number): AudioEncoding {
  if (tag === WAVE_FORMAT_PCM) return 'pcm16';
  if (tag === WAVE_FORMAT_MULAW) return 'g711_ulaw';
  if (tag === WAVE_FORMAT_ALAW) return 'g711_alaw';
  const hex = `0x${tag.toString(16).padStart(4, '0').toUpperCase()}`;
  const name = FORMAT_TAG_NAMES[tag];
  const what = name === undefined ? `format tag ${hex}` : `${name} (format tag ${hex})`;
  throw new WavError('E_WAV_UNSUPPORTED', `${what} not supported (PCM, A-law and µ-law only)`);
}

function toSampleRate(rate: number, encoding: AudioEncoding): SampleRate {
  if (encoding !== 'pcm16') {
    if (rate !== 8000) {
      throw new WavError(
        'E_WAV_UNSUPPORTED',
        `${encodingName(encoding)} must be 8000 Hz, not ${rate} Hz`,
      );
    }
    return 8000;
  }
  const supported = SUPPORTED_PCM_RATES.find((r) => r === rate);
  if (supported === undefined) {
    throw new WavError(
      'E_WAV_UNSUPPORTED',
      `unsupported sample rate ${rate} Hz (supported: ${SUPPORTED_PCM_RATES.join(', ')})`,
    );
  }
  return supported;
}

interface DataChunk {
  readonly fmt: FmtChunk;
  readonly bytes: Uint8Array;
  readonly body: number;
  readonly size: number;
}

function dataInfo(format: AudioFormat, chunk: DataChunk): WavInfo {
  const available = Math.max(0, chunk.bytes.length - chunk.body);
  const unsized = chunk.size === 0 || chunk.size === 0xffffffff;
  const present = unsized ? available : Math.min(chunk.size, available);
  const dataLength = present - (present % chunk.fmt.blockAlign);
  const dataStatus = unsized ? 'unsized' : chunk.size > available ? 'truncated' : 'complete';
  const bytesPerSecond = format.sampleRate * chunk.fmt.blockAlign;
  const info: WavInfo = {
    format,
    dataOffset: chunk.body,
    dataLength,
    declaredDataLength: chunk.size,
    dataStatus,
    durationMs: (dataLength * 1000) / bytesPerSecond,
  };
  if (dataStatus === 'truncated') {
    return {
      ...info,
      warning: `data chunk declares ${chunk.size} bytes but only ${available} follow`,
    };
  }
  if (present !== dataLength) {
    return {
      ...info,
      warning: `data ends with ${present - dataLength} byte(s) of a partial sample`,
    };
  }
  return info;
}

function encodingName(encoding: AudioEncoding): string {
  return encoding === 'g711_alaw'
    ? 'G.711 A-law'
    : encoding === 'g711_ulaw'
      ? 'G.711 µ-law'
      : 'PCM16';
}

function fourCc(bytes: Uint8Array, offset: number): string {
  return String.fromCharCode(...bytes.subarray(offset, offset + 4));
}

function quote(id: string): string {
  return `'${id}'`;
}

/** `'OggS'` when printable, else the bytes in hex (`0x00 0x01 0x02 0x03`). */
function describeFourCc(bytes: Uint8Array, offset: number): string {
  const slice = bytes.subarray(offset, offset + 4);
  const text = String.fromCharCode(...slice);
  if (/^[\x20-\x7e]+$/.test(text) && slice.length === 4) return quote(text);
  return Array.from(slice, (b) => `0x${b.toString(16).padStart(2, '0')}`).join(' ');
}
