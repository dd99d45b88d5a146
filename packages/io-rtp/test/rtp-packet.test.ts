import { describe, expect, it } from 'vitest';

import { parseRtpPacket, serializeRtpPacket } from '../src/rtp-packet.js';

const header = {
  marker: true,
  payloadType: 0,
  sequence: 65535,
  timestamp: 2 ** 32 - 80,
  ssrc: 0xdeadbeef,
};

/** A hand-built packet: version 2 with the given first-byte flags and extra header bytes. */
function raw(first: number, extra: number[], payload: number[], second = 0x00): Uint8Array {
  return Uint8Array.from([first, second, 0, 1, 0, 0, 0, 160, 1, 2, 3, 4, ...extra, ...payload]);
}

describe('parseRtpPacket', () => {
  it('round-trips what serializeRtpPacket writes', () => {
    const payload = Uint8Array.from([1, 2, 3, 255]);
    const parsed = parseRtpPacket(serializeRtpPacket(header, payload));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.packet).toMatchObject({ ...header, csrcs: [] });
    expect([...parsed.packet.payload]).toEqual([1, 2, 3, 255]);
  });

  it('skips CSRCs and a header extension, and strips padding', () => {
    // CC=2, X=1, P=1: 2 CSRCs, an extension of 1 word, payload [9, 9], padding of 3 bytes.
    const datagram = raw(
      0x80 | 0x20 | 0x10 | 2,
      [0, 0, 0, 7, 0, 0, 0, 8, 0xbe, 0xde, 0, 1, 5, 5, 5, 5],
      [9, 9, 0, 0, 3],
    );
    const parsed = parseRtpPacket(datagram);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.packet.csrcs).toEqual([7, 8]);
    expect([...parsed.packet.payload]).toEqual([9, 9]);
    expect(parsed.packet.timestamp).toBe(160);
  });

  it.each([
    ['shorter than a header', Uint8Array.from([0x80, 0, 0]), 'short'],
    ['version 1', raw(0x40, [], [1]), 'version'],
    ['version 0 (e.g. STUN)', raw(0x00, [], [1]), 'version'],
    ['a CSRC count longer than the packet', raw(0x8f, [], [1, 2, 3]), 'short'],
    ['an extension header cut off', raw(0x90, [0xbe], []), 'short'],
    ['an extension length past the end', raw(0x90, [0xbe, 0xde, 0, 9], [1, 2]), 'short'],
    ['padding count 0', raw(0xa0, [], [1, 2, 0]), 'padding'],
    ['padding longer than the payload', raw(0xa0, [], [1, 2, 9]), 'padding'],
    ['RTCP on the RTP port', raw(0x80, [], [1], 203), 'rtcp'],
    ['no payload', raw(0x80, [], []), 'empty'],
  ])('rejects %s', (_, datagram, reason) => {
    expect(parseRtpPacket(datagram)).toEqual({ ok: false, reason });
  });

  it('never throws on random bytes', () => {
    let seed = 7;
    const next = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) & 0xff;
    for (let n = 0; n < 5000; n += 1) {
      const datagram = Uint8Array.from({ length: next() % 40 }, next);
      if (n % 2 === 0 && datagram.length > 0) datagram[0] = 0x80 | ((datagram[0] ?? 0) & 0x3f);
      const parsed = parseRtpPacket(datagram);
      if (parsed.ok) {
        expect(parsed.packet.payload.byteOffset + parsed.packet.payload.length).toBeLessThanOrEqual(
          datagram.byteOffset + datagram.length,
        );
      }
    }
  });
});

describe('serializeRtpPacket', () => {
  it('writes version 2, the marker, and wraps fields to their width', () => {
    const datagram = serializeRtpPacket(
      { marker: false, payloadType: 8, sequence: 65536 + 5, timestamp: 2 ** 32 + 9, ssrc: 1 },
      Uint8Array.of(0xd5),
    );
    expect([...datagram]).toEqual([0x80, 8, 0, 5, 0, 0, 0, 9, 0, 0, 0, 1, 0xd5]);
    expect(serializeRtpPacket(header, new Uint8Array(1))[1]).toBe(0x80);
  });
});
