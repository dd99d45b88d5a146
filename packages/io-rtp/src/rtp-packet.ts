/** An RTP data packet (RFC 3550 §5.1), with its payload as a view into the datagram. */
export interface RtpPacket {
  readonly marker: boolean;
  readonly payloadType: number;
  /** 16-bit sequence number. */
  readonly sequence: number;
  /** 32-bit media timestamp (unsigned). */
  readonly timestamp: number;
  /** 32-bit synchronisation source (unsigned). */
  readonly ssrc: number;
  readonly csrcs: readonly number[];
  readonly payload: Uint8Array;
}

/**
 * Why a datagram is not a valid RTP packet; each becomes a counter label:
 * - `short`: fewer than 12 bytes, or fewer than the header's CSRC list or extension claim;
 * - `version`: the version field is not 2;
 * - `padding`: the padding count is 0 or longer than what follows the header;
 * - `rtcp`: the payload type byte is in RTCP's range 200–204 (RFC 5761 demultiplexing);
 * - `empty`: no payload once header and padding are removed.
 */
export type RtpParseFailure = 'short' | 'version' | 'padding' | 'rtcp' | 'empty';

export type RtpParseResult =
  | { readonly ok: true; readonly packet: RtpPacket }
  | { readonly ok: false; readonly reason: RtpParseFailure };

const HEADER_BYTES = 12;

/**
 * Parses one datagram as RTP, checking every length field against the datagram (never reads past
 * it). Pure; never throws.
 */
export function parseRtpPacket(datagram: Uint8Array): RtpParseResult {
  if (datagram.length < HEADER_BYTES) return { ok: false, reason: 'short' };
  const view = new DataView(datagram.buffer, datagram.byteOffset, datagram.byteLength);
  const first = view.getUint8(0);
  if (first >> 6 !== 2) return { ok: false, reason: 'version' };
  const second = view.getUint8(1);
  if (second >= 200 && second <= 204) return { ok: false, reason: 'rtcp' };
  const hasPadding = (first & 0x20) !== 0;
  const hasExtension = (first & 0x10) !== 0;
  const csrcCount = first & 0x0f;
  let offset = HEADER_BYTES + csrcCount * 4;
  if (datagram.length < offset) return { ok: false, reason: 'short' };
  const csrcs: number[] = [];
  for (let i = 0; i < csrcCount; i += 1) csrcs.push(view.getUint32(HEADER_BYTES + i * 4));
  if (hasExtension) {
    if (datagram.length < offset + 4) return { ok: false, reason: 'short' };
    const words = view.getUint16(offset + 2);
    offset += 4 + words * 4;
    if (datagram.length < offset) return { ok: false, reason: 'short' };
  }
  let end = datagram.length;
  if (hasPadding) {
    const padding = view.getUint8(datagram.length - 1);
    if (padding === 0 || padding > datagram.length - offset)
      return { ok: false, reason: 'padding' };
    end -= padding;
  }
  if (end <= offset) return { ok: false, reason: 'empty' };
  return {
    ok: true,
    packet: {
      marker: (second & 0x80) !== 0,
      payloadType: second & 0x7f,
      sequence: view.getUint16(2),
      timestamp: view.getUint32(4),
      ssrc: view.getUint32(8),
      csrcs,
      payload: datagram.subarray(offset, end),
    },
  };
}

/** What {@link serializeRtpPacket} writes: no CSRCs, extension or padding (voxd sends none). */
export interface RtpHeaderFields {
  readonly marker: boolean;
  readonly payloadType: number;
  readonly sequence: number;
  readonly timestamp: number;
  readonly ssrc: number;
}

/** Writes a 12-byte RTP header and `payload` into one new datagram. Values are taken modulo their field width. */
export function serializeRtpPacket(header: RtpHeaderFields, payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(HEADER_BYTES + payload.length);
  const view = new DataView(out.buffer);
  view.setUint8(0, 0x80);
  view.setUint8(1, (header.marker ? 0x80 : 0) | (header.payloadType & 0x7f));
  view.setUint16(2, header.sequence & 0xffff);
  view.setUint32(4, header.timestamp >>> 0);
  view.setUint32(8, header.ssrc >>> 0);
  out.set(payload, HEADER_BYTES);
  return out;
}
