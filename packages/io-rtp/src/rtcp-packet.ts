/** What voxd reads from RTCP: who said goodbye, and sender/receiver reports seen. */
export interface RtcpSummary {
  /** SSRCs listed in BYE packets. */
  readonly byeSsrcs: readonly number[];
  readonly senderReports: number;
  readonly receiverReports: number;
}

export type RtcpParseResult =
  | { readonly ok: true; readonly summary: RtcpSummary }
  | { readonly ok: false; readonly reason: 'rtcp-malformed' };

const BYE = 203;
const SR = 200;
const RR = 201;

/** Whether a datagram on the RTP port is RTCP (RFC 5761 §4: second byte 192–223). */
export function looksLikeRtcp(datagram: Uint8Array): boolean {
  const second = datagram[1];
  return datagram.length >= 8 && second !== undefined && second >= 192 && second <= 223;
}

/**
 * Parses a compound RTCP packet (RFC 3550 §6): each part's version and length are checked against
 * the datagram; a malformed compound is rejected whole. Pure; never throws.
 */
export function parseRtcpPacket(datagram: Uint8Array): RtcpParseResult {
  const view = new DataView(datagram.buffer, datagram.byteOffset, datagram.byteLength);
  const byeSsrcs: number[] = [];
  let senderReports = 0;
  let receiverReports = 0;
  let offset = 0;
  if (datagram.length < 4) return { ok: false, reason: 'rtcp-malformed' };
  while (offset < datagram.length) {
    if (datagram.length - offset < 4) return { ok: false, reason: 'rtcp-malformed' };
    const first = view.getUint8(offset);
    if (first >> 6 !== 2) return { ok: false, reason: 'rtcp-malformed' };
    const count = first & 0x1f;
    const type = view.getUint8(offset + 1);
    const bytes = (view.getUint16(offset + 2) + 1) * 4;
    if (offset + bytes > datagram.length) return { ok: false, reason: 'rtcp-malformed' };
    if (type === BYE) {
      if (4 + count * 4 > bytes) return { ok: false, reason: 'rtcp-malformed' };
      for (let i = 0; i < count; i += 1) byeSsrcs.push(view.getUint32(offset + 4 + i * 4));
    } else if (type === SR) senderReports += 1;
    else if (type === RR) receiverReports += 1;
    offset += bytes;
  }
  return { ok: true, summary: { byeSsrcs, senderReports, receiverReports } };
}

/** Builds an RTCP BYE for `ssrc` (used by voxd's test peers and when the sink ends a stream). */
export function serializeRtcpBye(ssrc: number): Uint8Array {
  const out = new Uint8Array(8);
  const view = new DataView(out.buffer);
  view.setUint8(0, 0x81);
  view.setUint8(1, BYE);
  view.setUint16(2, 1);
  view.setUint32(4, ssrc >>> 0);
  return out;
}
