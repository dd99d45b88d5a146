import type { AudioFormat, SampleRate } from '@voxd/audio';

/** Media encodings voxd carries over RTP (RFC 3551 names). */
export type RtpCodec = 'PCMU' | 'PCMA' | 'L16';

/** One payload type number and what it carries. */
export interface PayloadSpec {
  readonly payloadType: number;
  readonly codec: RtpCodec | 'telephone-event';
  readonly clockRate: SampleRate;
}

/** The static types of RFC 3551 voxd accepts without configuration. */
export const STATIC_PAYLOAD_TYPES: readonly PayloadSpec[] = Object.freeze([
  { payloadType: 0, codec: 'PCMU', clockRate: 8000 },
  { payloadType: 8, codec: 'PCMA', clockRate: 8000 },
]);

/**
 * The voxd format of a codec's samples once unpacked: L16 is big-endian on the wire (RFC 3551
 * §4.5.11) and becomes little-endian PCM16 (see {@link swapBytes16}).
 */
export function formatOfCodec(codec: RtpCodec, clockRate: SampleRate): AudioFormat {
  switch (codec) {
    case 'PCMU':
      return { encoding: 'g711_ulaw', sampleRate: 8000, channels: 1 };
    case 'PCMA':
      return { encoding: 'g711_alaw', sampleRate: 8000, channels: 1 };
    case 'L16':
      return { encoding: 'pcm16', sampleRate: clockRate, channels: 1 };
  }
}

/** The RTP codec that carries a voxd format as it is (no transcoding). */
export function codecOfFormat(format: AudioFormat): RtpCodec {
  if (format.encoding === 'g711_ulaw') return 'PCMU';
  if (format.encoding === 'g711_alaw') return 'PCMA';
  return 'L16';
}

/**
 * Swaps the bytes of each 16-bit sample (network order ⇄ little-endian) into a new array. An odd
 * trailing byte is dropped: it cannot be half of a sample the peer meant.
 */
export function swapBytes16(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(data.length - (data.length % 2));
  for (let i = 0; i + 1 < data.length; i += 2) {
    out[i] = data[i + 1] ?? 0;
    out[i + 1] = data[i] ?? 0;
  }
  return out;
}
