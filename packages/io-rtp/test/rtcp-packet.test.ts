import { describe, expect, it } from 'vitest';

import { looksLikeRtcp, parseRtcpPacket, serializeRtcpBye } from '../src/rtcp-packet.js';

// A receiver report with no report blocks (8 bytes) followed by a BYE of two sources.
const compound = Uint8Array.from([
  0x80, 201, 0, 1, 0, 0, 0, 42, 0x82, 203, 0, 2, 0, 0, 0, 7, 0, 0, 0, 8,
]);

describe('RTCP', () => {
  it('reads BYE sources and counts reports in a compound packet', () => {
    expect(parseRtcpPacket(compound)).toEqual({
      ok: true,
      summary: { byeSsrcs: [7, 8], senderReports: 0, receiverReports: 1 },
    });
  });

  it('round-trips its own BYE and demultiplexes it from RTP', () => {
    const bye = serializeRtcpBye(0xfeedf00d);
    expect(looksLikeRtcp(bye)).toBe(true);
    expect(parseRtcpPacket(bye)).toMatchObject({ ok: true, summary: { byeSsrcs: [0xfeedf00d] } });
    expect(looksLikeRtcp(Uint8Array.from([0x80, 0, 0, 1, 0, 0, 0, 0, 1, 2, 3, 4]))).toBe(false);
  });

  it.each([
    ['a length past the end', compound.subarray(0, 16)],
    ['a BYE count past its length', Uint8Array.from([0x85, 203, 0, 1, 0, 0, 0, 7])],
    ['a wrong version', Uint8Array.from([0x40, 203, 0, 1, 0, 0, 0, 7])],
    ['a trailing fragment', Uint8Array.from([...serializeRtcpBye(1), 0x80])],
  ])('rejects %s', (_, datagram) => {
    expect(parseRtcpPacket(datagram)).toEqual({ ok: false, reason: 'rtcp-malformed' });
  });
});
